import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { run } from "../lib/run";

/** One simulated host: a network namespace with an address on the harness bridge. */
export interface TestHost {
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
}

/** Prefix of every namespace the harness creates, so leftovers can be found and removed. */
export const NAMESPACE_PREFIX = "ekspoc-";

function ip(...args: string[]): void {
  run("ip", args);
}

/**
 * A private test network: a bridge in the root namespace and one namespace per
 * host, on a /24 of 198.18.0.0/15 (the range set aside for network testing),
 * so no address the harness uses belongs to anyone else. Everything it creates
 * is removed by `destroy`, which is synchronous so it can run in exit handlers.
 */
export class TestNetwork {
  readonly id = randomBytes(2).toString("hex");
  readonly subnet = `198.18.${1 + (parseInt(this.id, 16) % 254)}`;
  readonly gateway = `${this.subnet}.1`;
  private readonly bridge = `ep${this.id}br`;
  private readonly hosts: TestHost[] = [];
  /** Each host's veth end on the bridge, by namespace. */
  private readonly links = new Map<string, string>();
  private destroyed = false;

  constructor() {
    if (process.getuid?.() !== 0) {
      throw new Error("the local cluster harness needs root for network namespaces (ip netns): run the tests as root");
    }
    ip("link", "add", this.bridge, "type", "bridge");
    ip("addr", "add", `${this.gateway}/24`, "dev", this.bridge);
    ip("link", "set", this.bridge, "up");
  }

  /** Adds a host with address `<subnet>.<lastOctet>` and a resolv.conf naming `nameserver`. */
  addHost(name: string, lastOctet: number, nameserver?: string): TestHost {
    const host = { name, namespace: `${NAMESPACE_PREFIX}${this.id}-${name}`, ip: `${this.subnet}.${lastOctet}` };
    const outside = `ep${this.id}${lastOctet}`;
    ip("netns", "add", host.namespace);
    this.hosts.push(host);
    this.links.set(host.namespace, outside);
    ip("link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", host.namespace);
    ip("link", "set", outside, "master", this.bridge);
    ip("link", "set", outside, "up");
    ip("-n", host.namespace, "addr", "add", `${host.ip}/24`, "dev", "eth0");
    ip("-n", host.namespace, "link", "set", "eth0", "up");
    ip("-n", host.namespace, "link", "set", "lo", "up");
    ip("-n", host.namespace, "route", "add", "default", "via", this.gateway);
    if (nameserver) {
      // `ip netns exec` bind-mounts /etc/netns/<namespace>/* over /etc inside the namespace.
      mkdirSync(`/etc/netns/${host.namespace}`, { recursive: true });
      writeFileSync(`/etc/netns/${host.namespace}/resolv.conf`, `nameserver ${nameserver}\n`);
    }
    return host;
  }

  /** Gives a host an extra address on its loopback, e.g. the metadata service's 169.254.169.254. */
  addLoopbackAddress(host: TestHost, address: string): void {
    ip("-n", host.namespace, "addr", "add", `${address}/32`, "dev", "lo");
  }

  /** Routes `destination` through `via` in a host's namespace, as a pod reaches its node's link-local services. */
  addRoute(host: TestHost, destination: string, via: string): void {
    ip("-n", host.namespace, "route", "add", destination, "via", via);
  }

  /** Removes a host whose programs have all exited (a deleted pod's sandbox). */
  removeHost(host: TestHost): void {
    const index = this.hosts.indexOf(host);
    if (index < 0) return;
    this.hosts.splice(index, 1);
    this.removeNamespace(host);
  }

  /**
   * Gives `from` permanent neighbour entries for `to`, so that a host cut off by
   * `setLink` is silent (packets to it vanish) instead of failing fast when
   * address resolution gives up.
   */
  pinNeighbours(from: TestHost, to: readonly TestHost[]): void {
    for (const host of to) {
      const [{ address }] = JSON.parse(run("ip", ["-n", host.namespace, "-j", "link", "show", "eth0"])) as Array<{ address: string }>;
      ip("-n", from.namespace, "neigh", "replace", host.ip, "lladdr", address, "dev", "eth0", "nud", "permanent");
    }
  }

  /** Connects (up) or cuts off (down) a host's link to the bridge. */
  setLink(host: TestHost, up: boolean): void {
    const link = this.links.get(host.namespace);
    if (!link) throw new Error(`${host.name} is no host of this network`);
    ip("link", "set", link, up ? "up" : "down");
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const host of this.hosts) this.removeNamespace(host);
    try {
      ip("link", "del", this.bridge);
    } catch {
      /* already gone */
    }
  }

  private removeNamespace(host: TestHost): void {
    // Deleting a namespace frees its veth pair only when the kernel's asynchronous
    // namespace clean-up runs (later still while a process is in it), so the root
    // end is deleted here, which removes both ends at once.
    const outside = this.links.get(host.namespace);
    if (outside)
      try {
        ip("link", "del", outside);
      } catch {
        /* already gone */
      }
    try {
      ip("netns", "del", host.namespace);
    } catch {
      /* already gone */
    }
    rmSync(`/etc/netns/${host.namespace}`, { recursive: true, force: true });
    this.links.delete(host.namespace);
  }
}
