// eslint 9 flat config: typescript-eslint's recommended type-checked rules over every TypeScript file, each file typed by
// the nearest tsconfig.json (projectService: the root one, or manifests/metadata-app's own), the import rules (no cycle,
// the layers as eslint-plugin-import-x's zones, as projen's config does), the guards below, and eslint-config-prettier
// last so that formatting is prettier's alone (`npm run lint` runs both).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** The rules against `any` and what flows from it, for the one place below that may use it (the tests). */
const anyAllowed = Object.fromEntries(
  ["no-explicit-any", "no-unsafe-argument", "no-unsafe-assignment", "no-unsafe-call", "no-unsafe-member-access", "no-unsafe-return"].map(
    (rule) => [`@typescript-eslint/${rule}`, "off"],
  ),
);
const tsFiles = ["**/*.ts", "**/*.mts", "**/*.cts"];
const scriptFiles = [...tsFiles, "**/*.js", "**/*.cjs", "**/*.mjs"];

/** Folders (and main.ts) as no-restricted-paths takes them: relative to this file's folder. */
const at = (...paths) => paths.map((path) => `./${path}`);
const runtime = at("main.ts", "config", "kubernetes", "constructs", "stacks", "providers", "policies");
/**
 * Layers: lib/ is the bottom, runtime code (what `cdktf synth` runs) next, harness/ on it, scripts/ on top, tests beside.
 * Inside config/, the AWS reference tables (aws/) stand alone and the rules (rules/) sit below the spec that lists them.
 */
const layers = [
  {
    target: at("lib"),
    from: at(
      "config",
      "kubernetes",
      "constructs",
      "stacks",
      "providers",
      "policies",
      "harness",
      "scripts",
      "__tests__",
      "manifests",
      "main.ts",
    ),
    message: "lib/ imports nothing of the project outside lib/",
  },
  {
    target: runtime,
    from: at("scripts", "harness", "__tests__"),
    message: "runtime code (what synth runs) imports neither scripts/, harness/ nor __tests__/: move the shared part to lib/",
  },
  {
    target: at("harness"),
    from: at("scripts", "__tests__"),
    message: "harness/ imports neither scripts/ nor __tests__/: move the shared part to lib/",
  },
  { target: at("scripts"), from: at("__tests__"), message: "scripts/ does not import __tests__/ (test doubles live there)" },
  {
    target: at("config"),
    from: at("constructs", "stacks", "providers", "policies"),
    message: "config/ is the edge the stacks are built from: it imports none of them",
  },
  {
    target: at("config/aws"),
    from: at("config"),
    except: ["./aws"],
    message: "config/aws/ holds AWS's reference tables: they import nothing else of config/",
  },
  {
    target: at("config/rules"),
    from: at("config/settings-spec.ts", "config/sources.ts", "config/load-settings.ts", "config/settings-table.ts"),
    message: "config/rules/ sits below the spec that lists its rules: a rule takes what it reads as arguments",
  },
];

/**
 * What the tests once grepped the sources for, as syntax: the project root has one definition (lib/project-root.ts),
 * and every wait by polling or sleeping goes through lib/poll.ts. Timers that are not waits (a startup timeout that
 * rejects, a sampler, a keep-alive) take other shapes and are not matched.
 */
const oneProjectRoot = [
  {
    selector: "CallExpression[arguments.0.name='__dirname'][arguments.1.value=/^\\.\\./]",
    message: "A file reads its own folder from __dirname; the project root and other folders come from lib/project-root.ts (PROJECT_ROOT).",
  },
  {
    selector: "CallExpression[arguments.0.name='__dirname'][arguments.1.quasis.0.value.raw=/^\\.\\./]",
    message: "A file reads its own folder from __dirname; the project root and other folders come from lib/project-root.ts (PROJECT_ROOT).",
  },
];
const pollMessage = "Waits go through lib/poll.ts (waitFor, sleep): no hand-written poll loop or sleep.";
const onePollHelper = [
  { selector: "ForStatement[test=null]", message: pollMessage },
  { selector: "WhileStatement > .test CallExpression[callee.object.name='Date'][callee.property.name='now']", message: pollMessage },
  { selector: "CallExpression[callee.name='setTimeout'][arguments.0.name=/^(resolve|r)$/]", message: pollMessage },
  {
    selector: "NewExpression[callee.name='Promise'] > ArrowFunctionExpression > CallExpression.body[callee.name='setTimeout']",
    message: pollMessage,
  },
];
/** The one definition of the root, and the poll helper itself; harness/load.ts sends requests for a set time (a load generator, not a wait). */
const rootFile = "lib/project-root.ts";
const pollFiles = ["lib/poll.ts", "harness/load.ts"];

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
  {
    files: scriptFiles,
    plugins: { "import-x": importX },
    settings: {
      // The files no-cycle follows (by default only .js), read with typescript-eslint's parser; resolved as Node would.
      "import-x/extensions": [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".mts", ".cts"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json"] })],
    },
    rules: {
      "import-x/no-cycle": "error",
      "import-x/no-duplicates": "error",
      "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layers }],
      // The package root loads every resource's binding: seconds and hundreds of megabytes (ARCHITECTURE.md, section 3).
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@cdktf/provider-aws", message: "Import AWS resources by deep path: @cdktf/provider-aws/lib/<resource>." }] },
      ],
    },
  },
  {
    // A type-only import says so, so that the compiler drops it and a reader (and no-cycle) knows it carries no code.
    files: tsFiles,
    rules: { "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "separate-type-imports" }] },
  },
  {
    files: scriptFiles,
    ignores: [rootFile, ...pollFiles],
    rules: { "no-restricted-syntax": ["error", ...oneProjectRoot, ...onePollHelper] },
  },
  { files: [rootFile], rules: { "no-restricted-syntax": ["error", ...onePollHelper] } },
  { files: pollFiles, rules: { "no-restricted-syntax": ["error", ...oneProjectRoot] } },
  prettier,
);
