/**
 * Startup of a WASI hello world (printf, built with clang + wasi-libc): the built CLI
 * (`bin/microwasm.cjs`, the `microwasm` command; run `pnpm build` first) against Node's own WebAssembly with node:wasi and
 * against a bare `node -e 0`. Runs are interleaved; prints the median and the quartiles, and
 * the ratio of the medians microwasm / node:wasi (issue 6's goal: at most 1.5).
 *
 * The children run without NODE_EXTRA_CA_CERTS and NODE_OPTIONS: they make every Node start do
 * work that has nothing to do with the program (reading a CA bundle took 37 ms of each start on
 * the reference machine, more than node:wasi's whole hello world), which would hide the
 * difference being measured.
 * Run: pnpm --filter @microwasm/cli bench   (RUNS=41 for more)
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, cToolchainAvailable } from "@microwasm/test-support";

const cli = fileURLToPath(new URL("../bin/microwasm.cjs", import.meta.url));
const reference = fileURLToPath(new URL("../test/node-wasi-runner.mjs", import.meta.url));
if (!existsSync(fileURLToPath(new URL("../dist/microwasm.cjs", import.meta.url))))
  throw new Error("build the CLI first: pnpm build");
if (!cToolchainAvailable()) throw new Error("clang, lld and wasi-libc are needed to build the hello world");

const source = join(tmpdir(), "microwasm-bench-hello.c");
writeFileSync(source, '#include <stdio.h>\nint main(void) { printf("Hello world!\\n"); return 0; }\n');
const hello = buildC(source);
const runs = Number(process.env["RUNS"] ?? 21);

const unrelated = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"];
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unrelated.includes(name)));
const commands: Record<string, string[]> = {
  "microwasm (bin/microwasm.cjs)": [cli, hello],
  "node + node:wasi": ["--no-warnings", reference, hello],
  "node -e 0": ["-e", "0"],
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: "utf8", env });
    const elapsed = performance.now() - started;
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    times[name]!.push(elapsed);
  }
}
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const dropped = unrelated.filter((name) => process.env[name] !== undefined);
console.log(
  `hello world startup, ${runs} interleaved runs each (ms)${dropped.length > 0 ? `, children without ${dropped.join(", ")}` : ""}:`,
);
const medians: Record<string, number> = {};
for (const [name, values] of Object.entries(times)) {
  const sorted = [...values].sort((a, b) => a - b);
  medians[name] = quantile(sorted, 0.5);
  console.log(
    `  ${name.padEnd(26)} median ${quantile(sorted, 0.5).toFixed(1).padStart(6)}   q1 ${quantile(sorted, 0.25).toFixed(1).padStart(6)}   q3 ${quantile(sorted, 0.75).toFixed(1).padStart(6)}`,
  );
}
const ratio = medians["microwasm (bin/microwasm.cjs)"]! / medians["node + node:wasi"]!;
console.log(`  microwasm / node:wasi: ${ratio.toFixed(2)}x (goal <= 1.5x)`);
