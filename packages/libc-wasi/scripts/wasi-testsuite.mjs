// Runs the official WASI test suite's prebuilt preview1 tests (WebAssembly/wasi-testsuite,
// branch prod/testsuite-base, its tests/{c,rust,assemblyscript}/testsuite/wasm32-wasip1
// directories) through microwasm's CLI and through node:wasi, and prints a table per language.
//
//   node packages/libc-wasi/scripts/wasi-testsuite.mjs <testsuite checkout> [--only NAME] [--verbose]
//
// Each test's .json gives args, env, a directory preopened as "/" (root, copied afresh for
// every run), the expected exit code and stdout, as the suite's own runner reads them. The suite is not in this repository
// (CI cannot fetch it): point the script at a local copy.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, "../../../apps/cli/dist/main.js");
const TIMEOUT_MS = 10_000;
const LANGUAGES = ["c", "rust", "assemblyscript"];

// Child mode: run one module on node:wasi with the suite's spec given on the command line.
if (process.argv[2] === "--node-wasi") {
  const { WASI } = await import("node:wasi");
  const spec = JSON.parse(process.argv[3]);
  const wasi = new WASI({
    version: "preview1",
    args: [spec.wasm, ...spec.args],
    env: spec.env,
    preopens: spec.root ? { "/": spec.root } : {},
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(fs.readFileSync(spec.wasm));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
} else {
  await main();
}

/**
 * A fresh copy of a test's root directory: the suite's own runner works in place and removes
 * only the `*.cleanup` files that are not symbolic links, so a failed run can leave a link
 * that changes the next run's result.
 */
function freshRoot(root) {
  if (!root) return null;
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "wasi-testsuite-"));
  fs.cpSync(root, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

function commandFor(runtime, spec) {
  if (runtime === "node:wasi") {
    return [
      process.execPath,
      ["--no-warnings", fileURLToPath(import.meta.url), "--node-wasi", JSON.stringify(spec)],
    ];
  }
  const options = [];
  for (const [name, value] of Object.entries(spec.env)) options.push("--env", `${name}=${value}`);
  if (spec.root) options.push("--map-dir", `/::${spec.root}`);
  return [process.execPath, [cli, ...options, spec.wasm, ...spec.args]];
}

function runTest(runtime, test) {
  const spec = { ...test, root: freshRoot(test.root) };
  const [command, args] = commandFor(runtime, spec);
  const result = spawnSync(command, args, { encoding: "utf8", timeout: TIMEOUT_MS, input: "" });
  if (spec.root) fs.rmSync(spec.root, { recursive: true, force: true });
  const failures = [];
  if (result.error) failures.push(String(result.error.message));
  if (result.status !== spec.exitCode) failures.push(`exit ${result.status}, expected ${spec.exitCode}`);
  if (spec.stdout !== undefined && !result.stdout.startsWith(spec.stdout))
    failures.push(`stdout ${JSON.stringify(result.stdout)}, expected ${JSON.stringify(spec.stdout)}`);
  if (failures.length > 0 && result.stderr) failures.push(`stderr: ${result.stderr.trim().slice(0, 400)}`);
  return failures;
}

function specOf(wasm) {
  const json = wasm.replace(/\.wasm$/, ".json");
  const config = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : {};
  return {
    wasm,
    args: config.args ?? [],
    env: config.env ?? {},
    root: config.root ? path.resolve(path.dirname(wasm), config.root) : null,
    exitCode: config.exit_code ?? 0,
    stdout: config.stdout,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const suite = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--only");
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
  const verbose = args.includes("--verbose");
  if (!suite) {
    console.error("usage: wasi-testsuite.mjs <wasi-testsuite checkout> [--only NAME] [--verbose]");
    process.exit(2);
  }
  if (!fs.existsSync(cli)) {
    console.error(`${cli} is missing: run pnpm build first`);
    process.exit(2);
  }
  const totals = {};
  for (const language of LANGUAGES) {
    const dir = path.join(suite, "tests", language, "testsuite", "wasm32-wasip1");
    if (!fs.existsSync(dir)) {
      console.error(`no ${dir}: is this the prod/testsuite-base branch?`);
      process.exit(2);
    }
    const tests = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".wasm") && (only === null || f.startsWith(only)))
      .sort();
    for (const runtime of ["microwasm", "node:wasi"]) {
      const failed = [];
      for (const file of tests) {
        const failures = runTest(runtime, specOf(path.join(dir, file)));
        if (failures.length > 0) failed.push([file.replace(/\.wasm$/, ""), failures]);
      }
      totals[`${language} ${runtime}`] = { passed: tests.length - failed.length, total: tests.length };
      console.log(
        `${language.padEnd(15)} ${runtime.padEnd(10)} ${tests.length - failed.length}/${tests.length}`,
      );
      for (const [name, failures] of failed) {
        console.log(`  FAIL ${name}${verbose ? `\n    ${failures.join("\n    ")}` : `: ${failures[0]}`}`);
      }
    }
  }
  for (const runtime of ["microwasm", "node:wasi"]) {
    let passed = 0;
    let total = 0;
    for (const language of LANGUAGES) {
      passed += totals[`${language} ${runtime}`].passed;
      total += totals[`${language} ${runtime}`].total;
    }
    console.log(`total ${runtime.padEnd(10)} ${passed}/${total}`);
  }
}
