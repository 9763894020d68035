// First: captures Node's engine and removes it from the global before any engine loads.
import "./hide-native.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { measureCompileSpeed } from "./compile-speed.js";
import { hasWasm2js } from "./engines.js";
import { type Kernel, kernelBytes, kernels } from "./kernels.js";
import { largeModule } from "./load-module.js";
import { createProgress } from "./progress.js";
import {
  buildReport,
  type ColumnResult,
  formatReport,
  type KernelResult,
  type LoadResult,
  OTHER_COLUMNS,
  type OtherColumn,
} from "./report.js";
import { medianTiming, runKernel, timeLoad } from "./run-kernel.js";

/**
 * `pnpm bench -- [--quick] [--scale F] [--only fib,sieve,load] [--repeat N] [--json FILE]`:
 * runs every kernel on Node's WebAssembly, on microwasm's interpreter and AOT tier, and on
 * polywasm and wasm2js for reference, all in this process (Node's engine captured and removed
 * from the global first), checks their checksums agree, prints times, ratios and their
 * geometric means, and writes the JSON report.
 *
 * Exit code: 1 when a checksum differs, 2 for usage errors, else 0 (speed goals are reported,
 * not enforced: timings on a shared machine are noisy).
 */

interface CliOptions {
  quick: boolean;
  scale: number;
  only: string[];
  repeat: number;
  json: string;
}

const positive = (value: string): number => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError("expected a positive number");
  return n;
};
const list = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

const program = new Command("bench")
  .description("Benchmark microwasm against Node's own WebAssembly")
  .option("--quick", "small sizes (a smoke run of a few seconds)", false)
  .option("--scale <factor>", "multiply every kernel's size by this", positive, 1)
  .option("--only <names>", `kernels to run (${kernels.map((k) => k.name).join(", ")}, load)`, list, [])
  .option("--repeat <n>", "timed runs per kernel and engine (the median is reported)", positive, 1)
  .option("--json <file>", "where to write the machine-readable report", "bench-result.json")
  .showHelpAfterError();

async function main(argv: string[]): Promise<number> {
  // `pnpm bench -- --quick` hands the script a literal "--" first.
  program.parse(argv[0] === "--" ? argv.slice(1) : argv, { from: "user" });
  const options = program.opts<CliOptions>();
  const known = new Set([...kernels.map((k) => k.name), "load"]);
  const unknown = options.only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    console.error(`unknown kernel(s): ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
    return 2;
  }
  const wanted = (name: string): boolean => options.only.length === 0 || options.only.includes(name);
  const selected = kernels.filter((k) => wanted(k.name));
  const withLoad = wanted("load");
  const repeat = Math.round(options.repeat);

  const progress = createProgress(selected.length * (2 + OTHER_COLUMNS.length) + (withLoad ? 4 : 0));
  const results: KernelResult[] = [];
  for (const kernel of selected) results.push(await measureKernel(kernel, options, repeat, progress.step));
  // Loading takes about a second: always the median of three outside --quick.
  const load = withLoad ? measureLoad(options.quick ? 1 : Math.max(3, repeat), progress.step) : null;
  progress.end();

  const mode = `${options.quick ? "quick" : "full"}${options.scale !== 1 ? ` x${options.scale}` : ""}`;
  const report = buildReport(mode, results, load);
  console.log(formatReport(report));
  const jsonPath = resolve(options.json);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`report written to ${jsonPath}`);
  return report.ok ? 0 : 1;
}

const wasm2jsInstalled = hasWasm2js();

async function measureKernel(
  kernel: Kernel,
  options: CliOptions,
  repeat: number,
  step: (label: string) => void,
): Promise<KernelResult> {
  const base = options.quick ? kernel.quick : kernel.full;
  const reps = Math.max(1, Math.round(base * options.scale));
  const warm = Math.max(1, Math.round(kernel.quick / 8));
  const bytes = kernelBytes(kernel);
  step(`${kernel.name}: native`);
  const native = await runKernel("native", bytes, reps, warm, repeat);
  step(`${kernel.name}: microwasm`);
  const micro = await runKernel("microwasm", bytes, reps, Math.max(1, Math.round(warm / 4)), repeat);
  const nativeTiming = medianTiming(native.times);
  const microwasmTiming = medianTiming(micro.times);
  const others = {} as Record<OtherColumn, ColumnResult | null>;
  for (const column of OTHER_COLUMNS) {
    step(`${kernel.name}: ${column}`);
    // The reference translators have no SIMD, tail calls or exceptions (polywasm overflows the
    // stack on the tail-call kernel); wasm2js needs Debian's binaryen.
    const unsupported = kernel.simd === true || kernel.wasm3 === true;
    if (column !== "aot" && (unsupported || (column === "wasm2js" && !wasm2jsInstalled))) {
      others[column] = null;
      continue;
    }
    const run = await runKernel(column, bytes, reps, warm, repeat);
    const timing = medianTiming(run.times);
    others[column] = { checksum: run.checksum, ...timing, ratio: timing.cpuMs / nativeTiming.cpuMs };
  }
  return {
    name: kernel.name,
    what: kernel.what,
    simd: kernel.simd === true,
    wasm3: kernel.wasm3 === true,
    reps,
    checksum: {
      native: native.checksum,
      microwasm: micro.checksum,
      equal: native.checksum === micro.checksum,
    },
    native: nativeTiming,
    microwasm: microwasmTiming,
    runs: { native: native.times, microwasm: micro.times },
    ratio: microwasmTiming.cpuMs / nativeTiming.cpuMs,
    wallRatio: microwasmTiming.wallMs / nativeTiming.wallMs,
    others,
  };
}

function measureLoad(repeat: number, step: (label: string) => void): LoadResult {
  const { name, bytes } = largeModule();
  step("load: native");
  const native = medianTiming(timeLoad("native", bytes, repeat));
  step("load: microwasm");
  const microwasm = medianTiming(timeLoad("microwasm", bytes, repeat));
  step("load: aot");
  const aot = medianTiming(timeLoad("aot", bytes, repeat));
  step("load: aot, every function translated");
  const compile = measureCompileSpeed(bytes);
  const mb = bytes.length / 1e6;
  return {
    module: name,
    bytes: bytes.length,
    native,
    microwasm,
    nativeMBps: mb / (native.cpuMs / 1000),
    microwasmMBps: mb / (microwasm.cpuMs / 1000),
    microwasmWallMBps: mb / (microwasm.wallMs / 1000),
    ratio: microwasm.cpuMs / native.cpuMs,
    aot,
    compile,
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
