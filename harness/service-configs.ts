import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** An nginx like the backend pods': one server on the container port, serving the default welcome page. */
export function writeNginxConfig(dir: string, address: string, port: number, name: string): string {
  for (const sub of ["html", "tmp"]) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(
    join(dir, "html", "index.html"),
    `<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1><p>${name}</p></body></html>\n`,
  );
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/tmp/${kind};`).join("\n");
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `user root;
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
${temp}
  server {
    listen ${address}:${port};
    root ${dir}/html;
    index index.html;
  }
}
`,
  );
  return conf;
}

/**
 * Cluster DNS for the names haproxy.cfg resolves: the ExternalName's CNAME
 * and its target's A record here; the headless Service's records (one per
 * ready pod, as CoreDNS serves them from the EndpointSlices) in
 * `service-hosts`, which the cluster rewrites as pods come and go, and names
 * added later in `late-hosts`; dnsmasq re-reads both on SIGHUP.
 */
export function writeDnsmasqConfig(
  dir: string,
  listen: string,
  records: { a: Record<string, string[]>; cname: Record<string, string> },
): string {
  writeFileSync(join(dir, "late-hosts"), "");
  writeFileSync(join(dir, "service-hosts"), "");
  const lines = [
    "no-resolv",
    "no-hosts",
    "bind-interfaces",
    `listen-address=${listen}`,
    "log-facility=-",
    `addn-hosts=${join(dir, "late-hosts")}`,
    `addn-hosts=${join(dir, "service-hosts")}`,
  ];
  for (const [name, addresses] of Object.entries(records.a)) {
    for (const address of addresses) lines.push(`host-record=${name},${address}`);
  }
  for (const [alias, target] of Object.entries(records.cname)) lines.push(`cname=${alias},${target}`);
  const conf = join(dir, "dnsmasq.conf");
  writeFileSync(conf, lines.join("\n") + "\n");
  return conf;
}
