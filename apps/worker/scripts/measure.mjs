// `node scripts/measure.mjs` (after `pnpm build`): the README's table of dist/'s scripts: size
// minified and gzipped (level 9), and start time, the median over fresh Node processes of
// evaluating the script in a new context without WebAssembly, then of a first module run
// (compile, instantiate and call `add`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { getQuickJS } from "quickjs-emscripten";

const samples = Number(process.env.SAMPLES ?? 9);
// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const add = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0,
  10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11,
];
const probe = `
const vm = require("node:vm");
const source = require("node:fs").readFileSync(process.argv[1], "utf8");
const context = vm.createContext({});
vm.runInContext("delete globalThis.WebAssembly", context);
context.bytes = new Uint8Array(${JSON.stringify(add)});
const t0 = performance.now();
new vm.Script(source).runInContext(context);
const t1 = performance.now();
const sum = vm.runInContext("new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add(40, 2)", context);
if (sum !== 42) throw new Error("add did not give 42");
console.log(JSON.stringify([t1 - t0, performance.now() - t1]));
`;
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log("| file | minified | gzipped | evaluate the script | first module (add) |");
console.log("|---|---:|---:|---:|---:|");
for (const name of ["microwasm.js", "microwasm.es5.js", "microwasm-worker.js"]) {
  const file = new URL(`../dist/${name}`, import.meta.url).pathname;
  const bytes = readFileSync(file);
  let timing = "(a worker script) | |";
  if (name !== "microwasm-worker.js") {
    const times = [];
    for (let i = 0; i < samples; i++) {
      const run = spawnSync(process.execPath, ["-e", probe, file], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      times.push(JSON.parse(run.stdout));
    }
    timing = `${median(times.map((t) => t[0])).toFixed(1)} ms | ${median(times.map((t) => t[1])).toFixed(1)} ms |`;
  }
  console.log(
    `| \`${name}\` | ${kb(bytes.length)} | ${kb(gzipSync(bytes, { level: 9 }).length)} | ${timing}`,
  );
}
console.log(`\n(Node ${process.version}, median of ${samples} fresh processes each)`);

// On the engines without WebAssembly: the same two steps in QuickJS (its wasm build, in this
// process, a new context per sample) and in Hermes 0.12 (microwasm.es5.js).
const addCall = `new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(add)}))).exports.add(40, 2)`;
const quickjs = await getQuickJS();
const quickjsTimes = [];
for (let i = 0; i < samples; i++) {
  const vm = quickjs.newContext();
  const t0 = performance.now();
  vm.unwrapResult(
    vm.evalCode(readFileSync(new URL("../dist/microwasm.js", import.meta.url), "utf8")),
  ).dispose();
  const t1 = performance.now();
  const sum = vm.unwrapResult(vm.evalCode(addCall));
  if (vm.getNumber(sum) !== 42) throw new Error("add did not give 42 in QuickJS");
  sum.dispose();
  quickjsTimes.push([t1 - t0, performance.now() - t1]);
  vm.dispose();
}
// Hermes as React Native uses it: the script compiled ahead to bytecode (hermesc), then run;
// timed inside the script with Date.now() (milliseconds).
const hermesBin = join(
  dirname(createRequire(import.meta.url).resolve("hermes-engine-cli/package.json")),
  "linux64-bin",
);
/**
 * Compiles a script to bytecode as React Native does (hermesc -O), runs it `samples` times, and
 * returns what each run printed, parsed.
 */
function runHermesSamples(source) {
  const bytecode = source.replace(/\.js$/, ".hbc");
  const compiled = spawnSync(join(hermesBin, "hermesc"), [
    "-w",
    "-O",
    "-emit-binary",
    "-out",
    bytecode,
    source,
  ]);
  if (compiled.status !== 0) throw new Error(`hermesc: ${compiled.stderr}`);
  const printed = [];
  for (let i = 0; i < samples; i++) {
    const run = spawnSync(join(hermesBin, "hermes"), [bytecode], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`hermes: ${run.stderr.slice(0, 300)}`);
    printed.push(JSON.parse(run.stdout));
  }
  return printed;
}
const dir = mkdtempSync(join(tmpdir(), "microwasm-measure-"));
const hermesTimes = [];
try {
  const es5 = readFileSync(new URL("../dist/microwasm.es5.js", import.meta.url), "utf8");
  const source = join(dir, "timed.js");
  writeFileSync(
    source,
    `var t0 = Date.now();\n${es5}\nvar t1 = Date.now();\nvar sum = ${addCall};\n` +
      "print(JSON.stringify([sum, t1 - t0, Date.now() - t1]));\n",
  );
  for (const [sum, load, first] of runHermesSamples(source)) {
    if (sum !== 42) throw new Error("add did not give 42 in Hermes");
    hermesTimes.push([load, first]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log("\n| engine | script | evaluate the script | first module (add) |");
console.log("|---|---|---:|---:|");
for (const [engine, script, times] of [
  ["QuickJS (quickjs-emscripten 0.32, wasm)", "microwasm.js", quickjsTimes],
  ["Hermes 0.12 (bytecode from hermesc -O)", "microwasm.es5.js", hermesTimes],
]) {
  const m = (k) => median(times.map((t) => t[k])).toFixed(1);
  console.log(`| ${engine} | \`${script}\` | ${m(0)} ms | ${m(1)} ms |`);
}

// Each tier on the engines without WebAssembly: fib(22) from examples/fib.wasm (about 29,000
// calls), after a warm-up call, in the engine's own clock (Date.now, milliseconds); median of
// the samples. The AOT tier's JavaScript is run by the engine's own interpreter there.
const fibBytes = JSON.stringify(
  Array.from(readFileSync(new URL("../../../examples/fib.wasm", import.meta.url))),
);
const fibTimed = (engine) =>
  `(function () { var W = microwasm.createWebAssembly({ engine: ${JSON.stringify(engine)} });
     var fib = new W.Instance(new W.Module(new Uint8Array(${fibBytes}))).exports.fib; fib(5);
     var t0 = Date.now(); var v = fib(22); var t = Date.now() - t0;
     if (v !== 17711) throw new Error("fib(22) gave " + v); return t; })()`;
const tiers = ["interpreter", "aot"];
const fibTimes = { quickjs: { interpreter: [], aot: [] }, hermes: { interpreter: [], aot: [] } };
for (let i = 0; i < samples; i++) {
  const vm = quickjs.newContext();
  vm.unwrapResult(
    vm.evalCode(readFileSync(new URL("../dist/microwasm.js", import.meta.url), "utf8")),
  ).dispose();
  for (const tier of tiers) {
    const ms = vm.unwrapResult(vm.evalCode(fibTimed(tier)));
    fibTimes.quickjs[tier].push(vm.getNumber(ms));
    ms.dispose();
  }
  vm.dispose();
}
const fibDir = mkdtempSync(join(tmpdir(), "microwasm-measure-"));
try {
  const source = join(fibDir, "fib.js");
  writeFileSync(
    source,
    `${readFileSync(new URL("../dist/microwasm.es5.js", import.meta.url), "utf8")}\n` +
      `print(JSON.stringify([${tiers.map(fibTimed).join(", ")}]));\n`,
  );
  for (const times of runHermesSamples(source)) {
    for (const [k, tier] of tiers.entries()) fibTimes.hermes[tier].push(times[k]);
  }
} finally {
  rmSync(fibDir, { recursive: true, force: true });
}
console.log("\n| engine | fib(22), interpreter | fib(22), AOT tier | ratio |");
console.log("|---|---:|---:|---:|");
for (const [engine, times] of [
  ["QuickJS (quickjs-emscripten 0.32, wasm)", fibTimes.quickjs],
  ["Hermes 0.12 (bytecode from hermesc -O)", fibTimes.hermes],
]) {
  const interp = median(times.interpreter);
  const aot = median(times.aot);
  console.log(`| ${engine} | ${interp} ms | ${aot} ms | ${(interp / Math.max(aot, 1)).toFixed(1)}x |`);
}
