import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingToolLine } from "../../lib/require-tool";
import { capture, captureAsync, CommandFailed, commandLine, run, runAsync, runAttached, start } from "../../lib/run";

/** A PATH of one empty folder: no program is found on it, whatever the machine has installed. */
let emptyBin: string;
beforeAll(() => (emptyBin = mkdtempSync(join(tmpdir(), "run-test-"))));
afterAll(() => rmSync(emptyBin, { recursive: true, force: true }));

const thirtyLines = 'for i in $(seq 1 30); do echo "line $i" >&2; done; exit 3';

describe("run", () => {
  it("returns stdout, in the folder and environment given, with the input on stdin", () => {
    expect(run("sh", ["-c", 'pwd; echo "$GREETING"; cat'], { cwd: emptyBin, env: { GREETING: "hi" }, input: "in" })).toBe(
      `${emptyBin}\nhi\nin`,
    );
  });

  it("fails naming the command, its exit code and stderr's last 20 lines", () => {
    let failure: unknown;
    try {
      run("sh", ["-c", thirtyLines]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CommandFailed);
    const lines = (failure as CommandFailed).message.split("\n");
    expect(lines[0]).toBe(`sh -c ${JSON.stringify(thirtyLines)} exited with 3:`);
    expect(lines.slice(1)).toEqual(["...", ...Array.from({ length: 20 }, (_, i) => `line ${i + 11}`)]);
    expect((failure as CommandFailed).status).toBe(3);
  });

  it("quotes stdout when stderr is empty, and keeps both on the error for callers that read them", () => {
    const failure = (() => {
      try {
        return run("sh", ["-c", "echo said on stdout; exit 1"]);
      } catch (error) {
        return error as CommandFailed;
      }
    })() as CommandFailed;
    expect(failure.message).toBe('sh -c "echo said on stdout; exit 1" exited with 1:\nsaid on stdout');
    expect(failure.stdout).toBe("said on stdout\n");
  });

  it("says what to install when the program is not on PATH", () => {
    expect(() => run("terraform", ["version"], { env: { PATH: emptyBin } })).toThrow(new Error(missingToolLine("terraform")));
    expect(() => run("no-such-program", [], { env: { PATH: emptyBin } })).toThrow(
      "no-such-program not found on PATH: install no-such-program",
    );
  });

  it("names a program given by a path that is not there", () => {
    expect(() => run(join(emptyBin, "absent"), [])).toThrow(`${join(emptyBin, "absent")} could not start: `);
  });

  it("names the signal that stopped the program, and a time limit it ran past", () => {
    expect(() => run("sh", ["-c", "kill -TERM $$"])).toThrow(/^sh -c "kill -TERM \$\$" was stopped by SIGTERM$/);
    expect(() => run("sleep", ["10"], { timeoutMs: 200 })).toThrow(/^sleep 10 did not finish in time \(stopped by SIGTERM\)$/);
  });
});

describe("capture", () => {
  it("reports a failure in its result instead of throwing", () => {
    const result = capture("sh", ["-c", "echo out; echo err >&2; exit 4"]);
    expect(result).toEqual({
      command: 'sh -c "echo out; echo err >&2; exit 4"',
      status: 4,
      signal: null,
      stdout: "out\n",
      stderr: "err\n",
    });
  });

  it("reports a program that did not start with no status and the reason", () => {
    const result = capture("no-such-program", [], { env: { PATH: emptyBin } });
    expect(result.status).toBeNull();
    expect((result.error as NodeJS.ErrnoException).code).toBe("ENOENT");
  });
});

describe("captureAsync and runAsync", () => {
  it("answer as capture and run do, without blocking", async () => {
    await expect(runAsync("sh", ["-c", 'echo "$GREETING"; cat'], { env: { GREETING: "hi" }, input: "in" })).resolves.toBe("hi\nin");
    await expect(captureAsync("sh", ["-c", "echo out; echo err >&2; exit 4"])).resolves.toEqual({
      command: 'sh -c "echo out; echo err >&2; exit 4"',
      status: 4,
      signal: null,
      stdout: "out\n",
      stderr: "err\n",
      error: undefined,
    });
  });

  it("fail with the same messages as run", async () => {
    await expect(runAsync("sh", ["-c", thirtyLines])).rejects.toThrow(new Error(messageOf(() => run("sh", ["-c", thirtyLines]))));
    await expect(runAsync("terraform", [], { env: { PATH: emptyBin } })).rejects.toThrow(new Error(missingToolLine("terraform")));
    await expect(runAsync("sleep", ["10"], { timeoutMs: 200 })).rejects.toThrow(/^sleep 10 did not finish in time \(stopped by SIGTERM\)$/);
    await expect(runAsync("sh", ["-c", "head -c 2000 /dev/zero"], { maxBuffer: 1000 })).rejects.toThrow(
      /^sh -c "head -c 2000 \/dev\/zero" printed more than its output limit/,
    );
  });
});

describe("runAttached", () => {
  it("returns the exit status, 128 + the signal's number for a signal", () => {
    expect(runAttached("sh", ["-c", "exit 7"])).toBe(7);
    expect(runAttached("sh", ["-c", "kill -TERM $$"])).toBe(128 + 15);
  });

  it("throws only when the program cannot start, saying what to install", () => {
    expect(() => runAttached("kubectl", ["version"], { env: { PATH: emptyBin } })).toThrow(new Error(missingToolLine("kubectl")));
  });
});

describe("start", () => {
  it("returns the running process, whose output the caller reads", async () => {
    const child = start("sh", ["-c", "echo started"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await expect(new Promise((resolve) => child.on("close", resolve))).resolves.toBe(0);
    expect(out).toBe("started\n");
  });
});

describe("commandLine", () => {
  it("quotes the words a shell would split, and cuts very long ones", () => {
    expect(commandLine("terraform", ["-chdir=/a/b", "plan", "-var", "x=1 2", "it's"])).toBe(
      'terraform -chdir=/a/b plan -var "x=1 2" "it\'s"',
    );
    expect(commandLine("node", ["-e", "x".repeat(100)])).toBe(`node -e ${"x".repeat(77)}...`);
  });
});

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a failure");
}
