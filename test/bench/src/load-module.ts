import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The large real module the loading benchmark compiles: esbuild (Go), from the esbuild-wasm package. */
export function largeModule(): { readonly name: string; readonly bytes: Uint8Array } {
  const require = createRequire(import.meta.url);
  const main = require.resolve("esbuild-wasm");
  const path = main.replace(/lib[/\\]main\.js$/, "esbuild.wasm");
  const version = (require("esbuild-wasm/package.json") as { version: string }).version;
  return { name: `esbuild-wasm@${version}/esbuild.wasm`, bytes: new Uint8Array(readFileSync(path)) };
}
