// Writes dist/microwasm.cjs.cache (see bin/microwasm.cjs): runs the bundled examples (an
// exported function, then a WASI program) with the cache writer on, so that the cache also
// holds the functions such runs compile. Each run starts from the cache the one before wrote.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/microwasm.cjs", import.meta.url));
const example = (name) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
for (const args of [[example("fib.wasm"), "fib", "25"], [example("hello.wasm")]]) {
  execFileSync(process.execPath, [bin, ...args], {
    env: { ...process.env, MICROWASM_WRITE_CODE_CACHE: "1" },
    stdio: "ignore",
  });
}
