/**
 * `node --import ./cdktf-0.21.mjs --import tsx main.ts`: the app with
 * HashiCorp's cdktf 0.21 library (the `cdktf-0.21` alias in package.json)
 * wherever code asks for `cdktf`, the prebuilt provider bindings included,
 * through both of Node's loaders: require() (CommonJS) and import().
 */
import Module, { register } from "node:module";

const PATTERN = "^cdktf(?=$|/)";
const LEGACY = "cdktf-0.21";

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request.replace(new RegExp(PATTERN), LEGACY), ...rest);
};

const hook = `export async function resolve(specifier, context, next) {
  return next(specifier.replace(new RegExp(${JSON.stringify(PATTERN)}), ${JSON.stringify(LEGACY)}), context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
