// The reference run: a WASI command under Node's own WebAssembly and node:wasi, with the
// CLI's conventions (argv[0] = the file as given, --dir/--map-dir/--env). Used by the tests
// to compare microwasm's output with a native engine's.
//   node node-wasi-runner.mjs [--dir=D] [--map-dir=G::H] [--env=N=V] file.wasm [args...]
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const preopens = {};
const env = {};
const argv = process.argv.slice(2);
while (argv[0]?.startsWith("--")) {
  const option = argv.shift();
  const [name, ...rest] = option.slice(2).split("=");
  const value = rest.join("=");
  if (name === "dir") preopens[value] = value;
  else if (name === "map-dir") {
    const [guest, host] = value.split("::");
    preopens[guest] = host;
  } else if (name === "env") {
    const eq = value.indexOf("=");
    env[value.slice(0, eq)] = value.slice(eq + 1);
  }
}
const wasi = new WASI({ version: "preview1", args: argv, env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(argv[0]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance) & 0xff;
