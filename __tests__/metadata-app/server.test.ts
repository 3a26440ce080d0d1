import { mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeImds } from "../../harness/fake-imds";
import { EXAMPLE_INSTANCE, startFakeImds } from "../../harness/fake-imds";
import { HarnessInputs } from "../../harness/harness-inputs";
import { ManagedProcess } from "../../harness/managed-process";
import { podAppCommand } from "../../harness/metadata-app-process";
import { binaryVersion, imageLine, podRuntime, versionLine } from "../../harness/pod-runtimes";
import { waitFor } from "../../lib/poll";
import { renderedPoc } from "../helpers/rendered";
import { freePort } from "../helpers/free-port";

const inputs = new HarnessInputs(renderedPoc());
const { app: podApp } = inputs.overlay;
const node = podRuntime(podApp.image, "node");

// The app as the pod runs it: the container's command and environment, on the pod's Node line.
describe(`the metadata app, run with the pod's command on Node ${node.version} (${node.image})`, () => {
  let imds: FakeImds;
  let app: ManagedProcess;
  let dir: string;
  let url: string;

  beforeEach(async () => {
    imds = await startFakeImds(EXAMPLE_INSTANCE);
    dir = mkdtempSync(join(tmpdir(), "metadata-app-"));
    const port = await freePort();
    const { command, args } = podAppCommand(podApp, node, dir);
    app = new ManagedProcess({
      name: "metadata-app",
      command,
      args,
      logFile: join(dir, "app.log"),
      env: {
        ...inputs.appEnv({ podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" }),
        PORT: String(port),
        HOST: "127.0.0.1",
        IMDS_ENDPOINT: imds.url,
        IMDS_TIMEOUT_MS: "300",
      },
    });
    url = `http://127.0.0.1:${port}`;
    await waitFor(
      "the metadata app",
      async () => {
        if (!app.running) throw new Error(`the metadata app exited: ${app.log()}`);
        return fetch(url + "/healthz").then(
          (r) => r.ok,
          () => false,
        );
      },
      20_000,
    );
  });
  afterEach(async () => {
    await app?.stop("SIGTERM", 5000);
    await imds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs on the Node major the pod's image names, with the container's own arguments", () => {
    const ran = readlinkSync(`/proc/${app.pid}/exe`);
    expect(versionLine("node", binaryVersion("node", ran))).toBe(imageLine(podApp.image, "node").line);
    expect(app.spec.args).toEqual(podApp.command.slice(1).map((arg) => arg.replace(podApp.mountPath, dir)));
  });

  it("answers JSON by default with the node's metadata and the pod's names", async () => {
    const response = await fetch(url + "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toEqual({ ...EXAMPLE_INSTANCE, podName: "haproxy-abc12", nodeName: "ip-10-0-0-17.ec2.internal" });
  });

  it("answers the original project's plain text for Accept: text/plain", async () => {
    const text = await (await fetch(url + "/", { headers: { accept: "text/plain" } })).text();
    expect(text.split("\n").slice(0, 2)).toEqual(["REGION = us-east-1", "AZ = us-east-1a"]);
  });

  it("answers a small HTML page for browsers", async () => {
    const response = await fetch(url + "/", { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<h1>Served from us-east-1a</h1>");
  });

  it("reads the metadata once and serves it from memory after that", async () => {
    for (let i = 0; i < 20; i++) await (await fetch(url + "/")).text();
    expect(imds.counts.tokens).toBe(1);
    expect(imds.counts.metadata).toBe(6);
  });

  it("answers 503 with a JSON error and a hint when IMDS is unreachable, and stays up", async () => {
    await imds.close();
    const response = await fetch(url + "/");
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string; hint: string };
    expect(body).toMatchObject({ error: "instance metadata unavailable", reason: expect.stringContaining("ECONNREFUSED") });
    expect(body.hint).toContain("hop limit");
    expect((await fetch(url + "/healthz")).status).toBe(200);
  });

  it("answers 503 within its timeout when IMDS swallows requests (hop limit 1)", async () => {
    imds.blackHole();
    const response = await fetch(url + "/");
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toContain("no answer within 300 ms");
  });

  it("answers /healthz, and 404 and 405 elsewhere", async () => {
    expect(await (await fetch(url + "/healthz")).text()).toBe("ok\n");
    expect((await fetch(url + "/nope")).status).toBe(404);
    const post = await fetch(url + "/", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
