import { Progress } from "../../scripts/lib/progress";

function stream(isTTY: boolean): { out: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  return { out: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe("Progress", () => {
  it("redraws one line in place on a terminal", () => {
    const { out, written } = stream(true);
    const progress = new Progress(out);
    progress.update("waiting for DNS");
    progress.update("waiting for DNS");
    progress.done("resolved");
    expect(written).toEqual(["\r\x1b[2K[0:00] waiting for DNS", "\r\x1b[2K[0:00] waiting for DNS", "\r\x1b[2K[0:00] resolved\n"]);
  });

  it("writes plain lines, one per new step, when not on a terminal", () => {
    const { out, written } = stream(false);
    const progress = new Progress(out);
    progress.update("waiting for DNS");
    progress.update("waiting for DNS");
    progress.update("waiting for port 80");
    progress.done("ok");
    expect(written).toEqual(["[0:00] waiting for DNS\n", "[0:00] waiting for port 80\n", "[0:00] ok\n"]);
  });
});
