/**
 * Startup of a WASI hello world (printf, built with clang + wasi-libc): the built CLI
 * (`dist/main.js`, run `pnpm build` first) against Node's own WebAssembly with node:wasi and
 * against a bare `node -e 0`. Runs are interleaved; prints the median and the quartiles.
 * Run: pnpm --filter @microwasm/cli bench   (RUNS=41 for more)
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, cToolchainAvailable } from "@microwasm/test-support";

const cli = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const reference = fileURLToPath(new URL("../test/node-wasi-runner.mjs", import.meta.url));
if (!existsSync(cli)) throw new Error("build the CLI first: pnpm build");
if (!cToolchainAvailable()) throw new Error("clang, lld and wasi-libc are needed to build the hello world");

const source = join(tmpdir(), "microwasm-bench-hello.c");
writeFileSync(source, '#include <stdio.h>\nint main(void) { printf("Hello world!\\n"); return 0; }\n');
const hello = buildC(source);
const runs = Number(process.env["RUNS"] ?? 21);

const commands: Record<string, string[]> = {
  "microwasm (dist/main.js)": [cli, hello],
  "node + node:wasi": ["--no-warnings", reference, hello],
  "node -e 0": ["-e", "0"],
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: "utf8" });
    const elapsed = performance.now() - started;
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    times[name]!.push(elapsed);
  }
}
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log(`hello world startup, ${runs} interleaved runs each (ms):`);
for (const [name, values] of Object.entries(times)) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(26)} median ${quantile(sorted, 0.5).toFixed(1).padStart(6)}   q1 ${quantile(sorted, 0.25).toFixed(1).padStart(6)}   q3 ${quantile(sorted, 0.75).toFixed(1).padStart(6)}`,
  );
}
