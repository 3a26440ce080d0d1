import { appSettings } from "../../manifests/metadata-app/settings.mts";

// The port and host defaults are checked against the DaemonSet in __tests__/manifests/cross-file-agreement.test.ts.
describe("the metadata app's settings from its environment", () => {
  it("reads each variable the DaemonSet may set", () => {
    const env = {
      PORT: "9001",
      HOST: "::",
      IMDS_ENDPOINT: "http://127.0.0.1:1338",
      IMDS_TIMEOUT_MS: "250",
      POD_NAME: "haproxy-abc12",
      NODE_NAME: "ip-10-0-0-17.ec2.internal",
    };
    expect(appSettings(env)).toEqual({
      port: 9001,
      host: "::",
      imdsEndpoint: "http://127.0.0.1:1338",
      imdsTimeoutMs: 250,
      podName: "haproxy-abc12",
      nodeName: "ip-10-0-0-17.ec2.internal",
    });
  });

  it("asks EC2's own metadata address, failing within a second, when nothing says otherwise", () => {
    expect(appSettings({})).toMatchObject({ imdsEndpoint: "http://169.254.169.254", imdsTimeoutMs: 1000 });
  });

  it("leaves the pod's and node's names unknown without the Downward API", () => {
    const settings = appSettings({});
    expect([settings.podName, settings.nodeName]).toEqual([undefined, undefined]);
  });
});
