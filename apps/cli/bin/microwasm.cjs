#!/usr/bin/env node
/**
 * The `microwasm` command. The CLI is one bundle (dist/microwasm.cjs, built by esbuild from
 * src/cli.ts) run as a classic script with V8's code cache (dist/microwasm.cjs.cache, written
 * by `pnpm build` after a run of examples/hello.wasm): Node then deserializes the compiled
 * bundle instead of parsing 300 KB of JavaScript on every start, which was most of a WASI
 * hello world's startup. A cache V8 rejects (another Node version) only costs that parse again.
 * With MICROWASM_WRITE_CODE_CACHE=1 this run writes the cache when the process exits.
 */
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
const file = join(dist, "microwasm.cjs");
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
// Code run by vm.Script cannot import() (the cached code has no loader), so the bundle loads
// ES modules (--native-lib) through this launcher's import().
globalThis[Symbol.for("microwasm.importModule")] = (url) => import(url);
if (process.env.MICROWASM_WRITE_CODE_CACHE === "1") {
  process.on("exit", () => writeFileSync(cacheFile, script.createCachedData()));
}
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, dist);
