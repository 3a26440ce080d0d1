// eslint 9 flat config: typescript-eslint's recommended type-checked rules over every TypeScript file, each file typed by
// the nearest tsconfig.json (projectService: the root one, or manifests/metadata-app's own), the layer rules below, and
// eslint-config-prettier last so that formatting is prettier's alone (`npm run lint` runs both).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * The layer rule of `folders` (the project's top-level folders or files): their files may not import `layers` (top-level
 * folders). A relative import reaches the project root with exactly as many `../` as the importing file is deep, so
 * each depth gets its own pattern: `../scripts/x` is refused from config/a.ts but not from harness/kube-proxy/a.ts.
 */
function forbid(folders, layers, why) {
  const target = `(${layers.join("|")})(/|\\.[cm]?ts$|$)`;
  const blocks = [];
  for (let depth = 0; depth <= 4; depth++) {
    // Depth 0 is a file at the root (main.ts), importing `./x`; depth n a file n folders down, importing `../` n times.
    const files = folders.flatMap((folder) => {
      if (folder.endsWith(".ts")) return depth === 0 ? [folder] : [];
      return depth === 0 ? [] : [`${folder}/${"*/".repeat(depth - 1)}*`];
    });
    const up = depth === 0 ? "\\./" : "(\\.\\./)".repeat(depth);
    if (files.length > 0)
      blocks.push({ files, rules: { "no-restricted-imports": ["error", { patterns: [{ regex: `^${up}${target}`, message: why }] }] } });
  }
  return blocks;
}

/** The rules against `any` and what flows from it, for the one place below that may use it (the tests). */
const anyAllowed = Object.fromEntries(
  ["no-explicit-any", "no-unsafe-argument", "no-unsafe-assignment", "no-unsafe-call", "no-unsafe-member-access", "no-unsafe-return"].map(
    (rule) => [`@typescript-eslint/${rule}`, "off"],
  ),
);
const tsFiles = ["**/*.ts", "**/*.mts", "**/*.cts"];
const runtime = ["main.ts", "config", "kubernetes", "constructs", "stacks", "providers", "policies"];

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      "cdktf.out/",
      "dist/",
      "coverage/",
      "reports/",
      ".stryker-tmp*/",
      "providers/kubectl/generated/",
      "providers/kubectl/.gen/",
    ],
  },
  js.configs.recommended,
  {
    files: tsFiles,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: tsFiles,
    rules: {
      // Rejecting what a catch caught (typed unknown) passes the original error on; new rejections must still be Errors.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
    },
  },
  {
    // A `!` tells the compiler a value is there without checking: code outside the tests narrows instead, so that a
    // missing value fails where it is read, with a message (tests may assert with it: a wrong guess fails the test).
    files: tsFiles,
    ignores: ["__tests__/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "error" },
  },
  {
    // Tests walk parsed Terraform JSON and rendered YAML: the assertions check the shape, and a wrong one fails them, so
    // typing each walk would add casts, not safety. Code outside __tests__/ keeps these rules.
    files: ["__tests__/**"],
    rules: anyAllowed,
  },
  {
    // Config files, jest's setup scripts and the test doubles written in JavaScript: in no tsconfig, so untyped.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.cjs", "jest*.config.js", "jest.transform.js", "__tests__/jest/*.js"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    // One way to run a program: lib/run.ts (its header says why no library). typescript-eslint's own rule, not the core
    // no-restricted-imports, so that no layer rule below replaces it (flat config keeps one options set per rule name).
    // Type imports stay allowed (ChildProcess for a process `start` returned).
    files: tsFiles,
    ignores: ["lib/run.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["child_process", "node:child_process"].map((name) => ({
            name,
            message: "run programs through lib/run.ts (capture, run, runAsync, runAttached, start)",
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  // Layers: lib/ is the bottom, runtime code (what `cdktf synth` runs) next, harness/ on it, scripts/ on top, tests beside.
  ...forbid(
    ["lib"],
    ["config", "kubernetes", "constructs", "stacks", "providers", "policies", "harness", "scripts", "__tests__", "manifests", "main"],
    "lib/ imports nothing of the project outside lib/",
  ),
  ...forbid(
    runtime,
    ["scripts", "harness", "__tests__"],
    "runtime code (what synth runs) imports neither scripts/, harness/ nor __tests__/: move the shared part to lib/",
  ),
  ...forbid(["harness"], ["scripts", "__tests__"], "harness/ imports neither scripts/ nor __tests__/: move the shared part to lib/"),
  ...forbid(["scripts"], ["__tests__"], "scripts/ does not import __tests__/ (test doubles live there)"),
  prettier,
);
