import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  debianArchiveUri,
  osReleaseCodename,
  parseDeb822Sources,
  parseOneLineSources,
  readSourceFiles,
} from "../../scripts/lib/apt-sources";

const FIXTURES = join(__dirname, "fixtures", "apt");

describe("apt's source files", () => {
  const dir = mkdtempSync(join(tmpdir(), "apt-sources-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A sources.list.d of the given fixtures (and files apt ignores). */
  function parts(name: string, fixtures: string[]): string {
    const parts = join(dir, name);
    mkdirSync(parts);
    fixtures.forEach((fixture) => copyFileSync(join(FIXTURES, fixture), join(parts, fixture)));
    writeFileSync(join(parts, "ignored.list.disabled"), "deb http://ignored.example/debian bookworm main\n");
    return parts;
  }

  it("reads a deb822 .sources file: stanzas, comment lines inside them, several suites", () => {
    const [files] = readSourceFiles(join(dir, "no-sources.list"), parts("docker", ["debian.sources"]));
    expect(files.sources).toEqual([
      { types: ["deb"], uris: ["http://mirror.example/debian"], suites: ["bookworm", "bookworm-updates"], components: ["main"] },
      { types: ["deb"], uris: ["http://mirror.example/debian-security"], suites: ["bookworm-security"], components: ["main"] },
    ]);
    expect(debianArchiveUri(files.sources, "bookworm")).toBe("http://mirror.example/debian");
  });

  it("reads a one-line sources.list: options in brackets, deb-src and comments left out of the choice", () => {
    const [files] = readSourceFiles(join(FIXTURES, "sources.list"), join(dir, "no-parts"));
    expect(files.sources.map((source) => source.types[0])).toEqual(["deb-src", "deb", "deb"]);
    expect(files.sources[1]).toEqual({
      types: ["deb"],
      uris: ["http://list.example/debian/"],
      suites: ["bookworm"],
      components: ["main", "non-free-firmware"],
    });
    expect(debianArchiveUri(files.sources, "bookworm")).toBe("http://list.example/debian/");
  });

  it("takes the list file first, then the parts' .list and .sources files in name order, ignoring other names", () => {
    const files = readSourceFiles(join(FIXTURES, "sources.list"), parts("both", ["third-party.sources", "debian.sources"]));
    expect(files.map((file) => file.file.split("/").pop())).toEqual(["sources.list", "debian.sources", "third-party.sources"]);
  });

  it("finds no Debian archive among security, third-party and disabled sources", () => {
    const sources = [
      ...parseDeb822Sources("Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n"),
      ...readSourceFiles(join(dir, "none.list"), parts("third", ["third-party.sources"]))[0].sources,
    ];
    expect(sources.map((source) => source.suites)).toEqual([["bookworm-security"], ["nodistro"]]);
    expect(debianArchiveUri(sources, "bookworm")).toBeUndefined();
  });

  it("knows an archive by Debian's release names when the codename differs or is unknown", () => {
    expect(debianArchiveUri(parseOneLineSources("deb http://a.example/debian sid main\n"), "trixie")).toBe("http://a.example/debian");
    expect(debianArchiveUri(parseOneLineSources("deb http://a.example/debian stable main\n"), undefined)).toBe("http://a.example/debian");
    expect(debianArchiveUri(parseOneLineSources("deb http://a.example/debian bookworm contrib\n"), "bookworm")).toBeUndefined();
  });

  it("reads the codename of os-release", () => {
    expect(osReleaseCodename('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\n')).toBe("bookworm");
    expect(osReleaseCodename('VERSION_CODENAME="trixie"\n')).toBe("trixie");
    expect(osReleaseCodename("ID=debian\n")).toBeUndefined();
  });
});
