import { numberIn, parseCommandLine, UsageError, type OptionValues } from "./cli-options";

export const VERIFY_USAGE = `usage: npm run verify [-- --url http://HOST[:PORT]] [--azs A,B,...] [--timeout SECONDS] [--interval SECONDS] [--samples N]
  --url       the load balancer (plain HTTP); its port, if given, is the nginx port; 5000 is probed on the same host
              (9000 has a load balancer of its own: checked only from the stack's stats_url output, not with --url)
              default: the workloads stack's outputs (terraform output)
  --azs       the AZs that must serve port 5000; default: the cluster stack's output node_availability_zones
  --timeout   how long to wait for DNS and the ports, 1 to 7200 s (default 900)
  --interval  seconds between attempts, 0.1 to 60 (default 5)
  --samples   requests to port 5000 for the AZ count, 1 to 1000 (default 30)`;

/** How `npm run verify` reads its command line. */
export const VERIFY_COMMAND_LINE = {
  name: "verify",
  command: "npm run verify",
  usage: VERIFY_USAGE,
  options: {
    url: { type: "string" },
    azs: { type: "string" },
    timeout: { type: "string", default: "900" },
    interval: { type: "string", default: "5" },
    samples: { type: "string", default: "30" },
  },
} as const;

/** What `npm run verify` was asked, checked. */
export interface VerifyOptions {
  readonly url?: URL;
  readonly azs?: readonly string[];
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
  readonly samples: number;
}

function loadBalancerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(raw)}: not a URL; expected http://HOST or http://HOST:PORT`);
  }
  if (url.protocol === "https:") {
    throw new UsageError(
      `--url ${JSON.stringify(raw)}: the load balancer has no TLS listener (every port it publishes speaks plain HTTP); use http://${url.host}`,
    );
  }
  if (url.protocol !== "http:" || !url.hostname)
    throw new UsageError(`--url ${JSON.stringify(raw)}: expected http://HOST or http://HOST:PORT`);
  if (url.pathname !== "/" || url.search || url.username) {
    throw new UsageError(
      `--url ${JSON.stringify(raw)}: give the load balancer only, without path, query or credentials: http://${url.host}`,
    );
  }
  return url;
}

/** Parses and checks the arguments; throws UsageError with one line naming the option, the value and what is allowed. */
export function parseVerifyOptions(args: readonly string[]): VerifyOptions {
  return verifyOptions(parseCommandLine(VERIFY_COMMAND_LINE, args).values);
}

/** Checks the values of the command line; throws UsageError as parseVerifyOptions does. */
export function verifyOptions(values: OptionValues<(typeof VERIFY_COMMAND_LINE)["options"]>): VerifyOptions {
  const azs = values.azs?.split(",").map((az) => az.trim());
  if (azs && azs.some((az) => !/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(az))) {
    throw new UsageError(`--azs ${JSON.stringify(values.azs)}: expected AZ names such as us-east-1a,us-east-1b`);
  }
  const options: VerifyOptions = {
    url: values.url === undefined ? undefined : loadBalancerUrl(values.url),
    azs,
    timeoutSeconds: numberIn("timeout", values.timeout, 1, 7200),
    intervalSeconds: numberIn("interval", values.interval, 0.1, 60),
    samples: numberIn("samples", values.samples, 1, 1000, true),
  };
  return options;
}
