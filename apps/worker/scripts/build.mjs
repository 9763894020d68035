// Builds dist/: microwasm.js (a classic script defining globalThis.microwasm), microwasm.es5.js
// (the same lowered to ES5 by SWC, for engines without `class`: Hermes 0.12), and
// microwasm-worker.js (the Web Worker). Each is bundled by esbuild from the packages' sources.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { transform } from "@swc/core";
import { build } from "esbuild";
import wabtInit from "wabt";

const here = (path) => new URL(`../${path}`, import.meta.url).pathname;

/** One entry bundled as a classic script: no import/export, nothing from Node. */
async function bundle(entry, { minify }) {
  const result = await build({
    entryPoints: [here(`src/${entry}.ts`)],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    conditions: ["source"],
    // Engines without TextEncoder/TextDecoder, performance or crypto (QuickJS, Hermes) get the
    // bundle's own, in place of the globals (the host's globals stay untouched).
    inject: ["@microwasm/core/engine-globals"],
    minify,
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

mkdirSync(here("dist/examples"), { recursive: true });

writeFileSync(here("dist/microwasm.js"), await bundle("global-entry", { minify: true }));
writeFileSync(here("dist/microwasm-worker.js"), await bundle("worker-entry", { minify: true }));

// ES5: SWC lowers the unminified bundle (classes, let/const with per-iteration scope, async,
// generators, spread) with its helpers inlined, then minifies it.
const es5 = await transform(await bundle("global-entry", { minify: false }), {
  jsc: { target: "es5", loose: false, externalHelpers: false, minify: { compress: true, mangle: true } },
  minify: true,
  isModule: false,
  sourceMaps: false,
});
writeFileSync(here("dist/microwasm.es5.js"), es5.code);

// The demo's bundled examples: the repository's WASI hello world, and two assembled from text.
copyFileSync(here("../../examples/hello.wasm"), here("dist/examples/hello.wasm"));
const wabt = await wabtInit();
for (const name of ["ticks", "spin"]) {
  const module = wabt.parseWat(`${name}.wat`, readFileSync(here(`demo/examples/${name}.wat`), "utf8"));
  module.validate();
  writeFileSync(here(`dist/examples/${name}.wasm`), module.toBinary({}).buffer);
  module.destroy();
}

// Types for the scripts: what they put on globalThis, and the worker's messages.
const globalTypes = `/** Defined by this classic script: microwasm's API (and WebAssembly where the engine has none). */
declare global {
  var microwasm: typeof import("./index.js");
}
export {};
`;
writeFileSync(here("dist/microwasm.d.ts"), globalTypes);
writeFileSync(here("dist/microwasm.es5.d.ts"), globalTypes);
writeFileSync(
  here("dist/microwasm-worker.d.ts"),
  `/** A Web Worker script: the page posts ToWorker messages and receives FromWorker ones. */
export type { FromWorker, ToWorker } from "./worker-protocol.js";
`,
);
