// `node scripts/measure-runtimes.mjs` (after `pnpm build`): builds every configuration in
// runtimes/ and prints the README's table: each script's size minified and gzipped (level 9),
// and its start time, the median over fresh Node processes of evaluating the script in a new
// context without WebAssembly (parse, compile, top level) and then running a first module
// (instantiate and call `add`) through the configuration's API.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildRuntime } from "../dist/build-runtime.js";
import { parseRuntimeConfig } from "../dist/runtime-config.js";

const runtimesDir = new URL("../runtimes/", import.meta.url).pathname;
const samples = Number(process.env.SAMPLES ?? 9);
// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const add = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0,
  10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11,
];

/** One sample, in its own process: ms to evaluate the script, and ms to then run `add` once. */
const probe = `
const { readFileSync } = require("node:fs");
const vm = require("node:vm");
const [file, api] = process.argv.slice(1);
const source = readFileSync(file, "utf8");
const context = vm.createContext({});
vm.runInContext("delete globalThis.WebAssembly", context);
context.bytes = new Uint8Array(${JSON.stringify(add)});
const t0 = performance.now();
new vm.Script(source).runInContext(context);
const t1 = performance.now();
const run = api === "webassembly"
  ? "new microwasm.WebAssembly.Instance(new microwasm.WebAssembly.Module(bytes)).exports.add(40, 2)"
  : "microwasm.instantiate(microwasm.createRuntime().load(bytes)).call('add', [40, 2])[0]";
if (vm.runInContext(run, context) !== 42) throw new Error("add did not give 42");
const t2 = performance.now();
console.log(JSON.stringify([t1 - t0, t2 - t1]));
`;

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "microwasm-runtimes-"));
const rows = [];
try {
  for (const name of readdirSync(runtimesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const config = parseRuntimeConfig(JSON.parse(readFileSync(join(runtimesDir, name), "utf8")));
    const script = await buildRuntime(config);
    const file = join(dir, name.replace(/\.json$/, ".js"));
    writeFileSync(file, script);
    const api = config.webassembly ? "webassembly" : "embedding";
    const times = [];
    for (let i = 0; i < samples; i++) {
      const run = spawnSync(process.execPath, ["-e", probe, file, api], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      times.push(JSON.parse(run.stdout));
    }
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    rows.push(
      `| \`${name}\` | ${kb(script.length)} | ${kb(gzipSync(script, { level: 9 }).length)} | ` +
        `${median(times.map((t) => t[0])).toFixed(1)} ms | ${median(times.map((t) => t[1])).toFixed(1)} ms |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log("| configuration | minified | gzipped | evaluate the script | first module (add) |");
console.log("|---|---:|---:|---:|---:|");
for (const row of rows) console.log(row);
console.log(`\n(Node ${process.version}, median of ${samples} fresh processes each)`);
