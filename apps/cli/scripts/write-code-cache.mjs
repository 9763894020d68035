// Writes dist/microwasm.cjs.cache (see bin/microwasm.cjs): runs the bundled WASI hello world
// with the cache writer on, so that the cache also holds the functions such a run compiles.
// (Writing it after a run of fib.wasm first, then the hello world, made a WASI start 7% slower.)
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/microwasm.cjs", import.meta.url));
const hello = fileURLToPath(new URL("../../../examples/hello.wasm", import.meta.url));
execFileSync(process.execPath, [bin, hello], {
  env: { ...process.env, MICROWASM_WRITE_CODE_CACHE: "1" },
  stdio: "ignore",
});
