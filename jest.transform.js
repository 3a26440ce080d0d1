/**
 * Jest transform: TypeScript's own transpiler, as CommonJS for jest, for both
 * .ts and the metadata app's .mts files (which TypeScript would otherwise emit
 * as ES modules). Transpile only: `npm run build` type-checks, before jest runs.
 */
const ts = require("typescript");

module.exports = {
  process(source, filename) {
    const { outputText } = ts.transpileModule(source, {
      fileName: filename.replace(/\.mts$/, ".ts"),
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    return { code: outputText };
  },
};
