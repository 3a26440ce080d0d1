import { PROJECT_ROOT } from "../../lib/project-root";
import { UsageError } from "../../scripts/lib/cli-options";
import { parseVerifyOptions } from "../../scripts/lib/verify-options";
import { capture } from "../../lib/run";

describe("parseVerifyOptions", () => {
  it("has defaults", () => {
    expect(parseVerifyOptions([])).toEqual({
      url: undefined,
      azs: undefined,
      timeoutSeconds: 900,
      intervalSeconds: 5,
      samples: 30,
    });
  });

  it("keeps the port of --url and takes --azs", () => {
    const options = parseVerifyOptions([
      "--url",
      "http://198.18.7.2:8080",
      "--azs",
      "us-east-1a, eu-west-3c",
      "--timeout",
      "30",
      "--interval",
      "0.5",
    ]);
    expect(options.url?.host).toBe("198.18.7.2:8080");
    expect(options).toMatchObject({ azs: ["us-east-1a", "eu-west-3c"], timeoutSeconds: 30, intervalSeconds: 0.5 });
  });

  it.each([
    [
      ["--url", "https://lb.example.com"],
      '--url "https://lb.example.com": the load balancer has no TLS listener (every port it publishes speaks plain HTTP); use http://lb.example.com',
    ],
    [["--url", "lb.example.com"], '--url "lb.example.com": not a URL; expected http://HOST or http://HOST:PORT'],
    [["--url", "http://"], '--url "http://": not a URL; expected http://HOST or http://HOST:PORT'],
    [["--url", "ftp://lb.example.com"], '--url "ftp://lb.example.com": expected http://HOST or http://HOST:PORT'],
    [
      ["--url", "http://lb.example.com/status"],
      '--url "http://lb.example.com/status": give the load balancer only, without path, query or credentials: http://lb.example.com',
    ],
    [["--timeout", "banana"], '--timeout "banana": expected a number from 1 to 7200'],
    [["--timeout", ""], '--timeout "": expected a number from 1 to 7200'],
    [["--timeout", "0"], '--timeout "0": expected a number from 1 to 7200'],
    [["--timeout", "1e9"], '--timeout "1e9": expected a number from 1 to 7200'],
    [["--interval=-1"], '--interval "-1": expected a number from 0.1 to 60'],
    [["--interval", "-1"], "Option '--interval' argument is ambiguous. (npm run verify -- --help)"],
    [["--samples", "2.5"], '--samples "2.5": expected a whole number from 1 to 1000'],
    [["--azs", "us-east-1"], '--azs "us-east-1": expected AZ names such as us-east-1a,us-east-1b'],
    [["--urll", "x"], "Unknown option '--urll' (npm run verify -- --help)"],
    [["extra"], "Unexpected argument 'extra'. This command does not take positional arguments (npm run verify -- --help)"],
  ])("refuses %j in one line", (args, message) => {
    expect(() => parseVerifyOptions(args)).toThrow(new UsageError(message));
  });
});

describe("npm run verify's command line", () => {
  function verify(...args: string[]) {
    return capture(process.execPath, ["--import", "tsx", "scripts/verify.ts", ...args], {
      cwd: PROJECT_ROOT,
      timeoutMs: 20_000,
    });
  }

  it("prints its usage on --help", () => {
    const run = verify("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run verify \[-- --url http:\/\/HOST\[:PORT\]\]/);
  });

  it("refuses an https URL at once, with one line and exit 2", () => {
    const run = verify("--url", "https://lb.example.com", "--timeout", "900");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'verify: --url "https://lb.example.com": the load balancer has no TLS listener (every port it publishes speaks plain HTTP); use http://lb.example.com\n',
    );
  });
});
