import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { wat } from "@microwasm/test-support";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

// The runtime's main entry is portable (browsers, workers, engines without Node): nothing from
// Node in its bundle; host directories and stdio come only through `@microwasm/runtime/node`.

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url));
const bundle = (name: string, format: "esm" | "iife") =>
  buildSync({
    entryPoints: [entry(name)],
    bundle: true,
    platform: "browser",
    format,
    globalName: format === "iife" ? "microwasmRuntime" : undefined,
    write: false,
    logLevel: "silent",
  }).outputFiles[0]!.text;

describe("the runtime's main entry", () => {
  it("bundles for a browser with nothing from Node; the ./node entry does not", () => {
    const text = bundle("index", "esm");
    expect(text).not.toMatch(/from\s*"node:|require\("node:/);
    expect(() => bundle("node", "esm")).toThrow(/node:/);
  });

  it("loads, links and runs a module where there is no Node and no WebAssembly", async () => {
    // A bare context: the language's globals and the few web APIs a browser has, nothing else.
    const context = createContext({ TextEncoder, TextDecoder, performance, crypto });
    // V8 gives every context its WebAssembly: take it away, as Chromium with --jitless does.
    runInContext("delete globalThis.WebAssembly", context);
    runInContext(bundle("index", "iife"), context);
    expect(runInContext("typeof process + ' ' + typeof require + ' ' + typeof WebAssembly", context)).toBe(
      "undefined undefined undefined",
    );
    context["bytes"] = await wat(`(module
      (import "env" "twice" (func $twice (param i32) (result i32)))
      (func (export "run") (param i32) (result i32) (call $twice (i32.add (local.get 0) (i32.const 1)))))`);
    const result = runInContext(
      `const { Runtime } = microwasmRuntime;
       const runtime = new Runtime();
       runtime.registerNatives("env", [{ name: "twice", signature: "(i)i", fn: (env, x) => x * 2 }]);
       runtime.load(bytes).instantiate().call("run", [20])[0];`,
      context,
    );
    expect(result).toBe(42);
  });
});
