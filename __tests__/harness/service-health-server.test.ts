import type { AddressInfo } from "node:net";
import { serviceHealthServer } from "../../harness/kube-proxy/service-health-server";

describe("serviceHealthServer", () => {
  it("answers as kube-proxy does: 200 with ready local endpoints, 503 without, JSON naming the Service", async () => {
    let endpoints = 1;
    const server = serviceHealthServer({ namespace: "haproxy-poc", name: "poc-haproxy" }, () => endpoints);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    try {
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toBe("application/json");
      expect(await ok.json()).toEqual({
        service: { namespace: "haproxy-poc", name: "poc-haproxy" },
        localEndpoints: 1,
        serviceProxyHealthy: true,
      });
      endpoints = 0;
      const down = await fetch(url.replace("/healthz", "/any"));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ localEndpoints: 0 });
    } finally {
      server.close();
    }
  });
});
