import type { AddressInfo } from "node:net";
import { createServer } from "node:net";

/** A TCP port free on `address` right now (the kernel picks it), for a server a test starts next. */
export async function freePort(address = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
