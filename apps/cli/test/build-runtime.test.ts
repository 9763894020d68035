import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { canRun, hermesAvailable, noHermes, runHermes, wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { buildRuntime } from "../src/build-runtime.js";
import { parseRuntimeConfig, RuntimeConfigError } from "../src/runtime-config.js";
import { microwasm } from "./run-cli.js";

// Every configuration documented in the README (apps/cli/runtimes/*.json) builds, and its script
// runs a module in a bare context: no WebAssembly, TextEncoder, performance or crypto, as in
// QuickJS. The app framework's context has timers, which its clock needs.

const runtimesDir = fileURLToPath(new URL("../runtimes/", import.meta.url));
const configs = readdirSync(runtimesDir)
  .filter((name) => name.endsWith(".json"))
  .map((name) => [name.slice(0, -5), JSON.parse(readFileSync(join(runtimesDir, name), "utf8"))] as const);
const hello = readFileSync(fileURLToPath(new URL("../../../examples/hello.wasm", import.meta.url)));

const add = () =>
  wat(`(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`);
// printf("%s=%d\n", "answer", 42) through libc-builtin's "($*)i" printf.
const printf = () =>
  wat(`(module
    (import "env" "printf" (func $printf (param i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "%s=%d\\0a\\00answer\\00")
    (func (export "main") (result i32)
      (i32.store (i32.const 64) (i32.const 23))
      (i32.store (i32.const 68) (i32.const 42))
      (drop (call $printf (i32.const 16) (i32.const 64)))
      (i32.const 0)))`);
// A WAMR app: on_init opens sensor_test1 and asks for a reading every second.
const sensorApp = () =>
  wat(`(module
    (import "env" "wasm_sensor_open" (func $open (param i32 i32) (result i32)))
    (import "env" "wasm_sensor_config" (func $config (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "sensor_test1\\00")
    (func (export "on_init")
      (drop (call $config (call $open (i32.const 16) (i32.const 0)) (i32.const 1000) (i32.const 0) (i32.const 0)))))`);

function load(script: string, withTimers: boolean) {
  const context = createContext(withTimers ? { setTimeout, clearTimeout } : {});
  runInContext("delete globalThis.WebAssembly", context);
  runInContext(script, context);
  return context;
}

/** Counts from now on the functions `new Function` makes in the context. */
function countCodeGeneration(context: object): () => number {
  runInContext(
    `globalThis.generatedFunctions = 0;
     Function.prototype.constructor = globalThis.Function = new Proxy(Function, {
       construct(target, args, newTarget) { globalThis.generatedFunctions++; return Reflect.construct(target, args, newTarget); },
     });`,
    context,
  );
  return () => runInContext("generatedFunctions", context) as number;
}

describe("custom runtimes (build-runtime)", () => {
  it.each(configs)(
    "%s: builds and runs a module where the engine has no WebAssembly",
    async (_name, json) => {
      const config = parseRuntimeConfig(json);
      const context = load(await buildRuntime(config), config.appFramework);
      const api = context["microwasm"];
      expect(Object.keys(api)).toContain("config");
      if (config.webassembly) {
        expect(runInContext("WebAssembly === microwasm.WebAssembly", context)).toBe(true);
        context["bytes"] = await add();
        // The first call of a function is where the AOT tier generates its code: only a runtime
        // built with the tier does (the others carry none of it).
        const generated = countCodeGeneration(context);
        expect(
          runInContext("new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add(40, 2)", context),
        ).toBe(42);
        expect(generated() > 0).toBe(config.engine.tiers.includes("aot"));
        if (config.wasi) {
          context["hello"] = hello;
          const printed = runInContext(
            `const out = new microwasm.CollectedOutput();
           const wasi = new microwasm.WASI({ args: ["hello"], stdout: out });
           const code = wasi.start(new WebAssembly.Instance(new WebAssembly.Module(hello), wasi.getImportObject()));
           code + ":" + out.text()`,
            context,
          );
          expect(printed).toBe("0:Hello world!\n");
        }
      } else {
        expect(runInContext("typeof WebAssembly", context)).toBe("undefined");
      }
      if (config.embedding) {
        context["hello"] = hello;
        const printed = runInContext(
          `const runtime = microwasm.createRuntime();
         const loaded = runtime.load(hello);
         const text = new microwasm.CollectedOutput();
         loaded.setWasiArgs({ args: ["hello"], stdout: text });
         microwasm.instantiate(loaded).executeMain() + ":" + text.text()`,
          context,
        );
        expect(printed).toBe("0:Hello world!\n");
      }
      if (config.libcBuiltin) {
        context["printfModule"] = await printf();
        const printed = runInContext(
          `let printed = "";
         const libcRuntime = microwasm.createRuntime({ stdout: (bytes) => { for (const b of bytes) printed += String.fromCharCode(b); } });
         microwasm.instantiate(libcRuntime.load(printfModule)).executeMain();
         printed`,
          context,
        );
        expect(printed).toBe("answer=42\n");
      }
      if (config.appFramework) {
        context["app"] = await sensorApp();
        const clients = await runInContext(
          `const sensors = microwasm.sensorExtension({ sensors: microwasm.simulatedSensors() });
         const manager = new microwasm.AppManager({ clock: new microwasm.ManualClock(0), extensions: [sensors], stdout: () => {} });
         manager.install("reader", app).then(async () => {
           const seen = sensors.list().map((s) => s.name + ":" + s.clients.map((c) => c.app).join());
           await manager.close();
           return seen.join(" ");
         })`,
          context,
        );
        expect(clients).toMatch(/sensor_test1:reader/);
      }
    },
  );

  it.runIf(canRun(hermesAvailable, noHermes))(
    "react-native (target es5): runs in Hermes 0.12, which has no class syntax and no WebAssembly",
    async () => {
      const config = parseRuntimeConfig(configs.find(([name]) => name === "react-native")![1]);
      const script = await buildRuntime(config);
      const bytes = (module: Uint8Array) => JSON.stringify(Array.from(module));
      const printed = runHermes(
        [
          script,
          `var add = new Uint8Array(${bytes(await add())});`,
          `var printfModule = new Uint8Array(${bytes(await printf())});`,
          `print(typeof globalThis.WebAssembly === "object" && WebAssembly === microwasm.WebAssembly);`,
          "print(new WebAssembly.Instance(new WebAssembly.Module(add)).exports.add(40, 2));",
          "try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])); } catch (e) { print(e instanceof WebAssembly.CompileError); }",
          `var printed = "";
           var runtime = microwasm.createRuntime({ stdout: function (b) { for (var i = 0; i < b.length; i++) printed += String.fromCharCode(b[i]); } });
           microwasm.instantiate(runtime.load(printfModule)).executeMain();
           print(printed.trim());`,
        ].join("\n"),
      );
      expect(printed.trim().split("\n")).toEqual(["true", "42", "true", "answer=42"]);
    },
  );

  it("rejects a configuration that does not hold together, saying where", async () => {
    expect(() => parseRuntimeConfig({ sensors: true, embedding: true })).toThrow(
      new RuntimeConfigError("sensors: the sensor extension needs appFramework: true"),
    );
    expect(() => parseRuntimeConfig({ wasi: "yes" })).toThrow(/^wasi: /);
    expect(() => parseRuntimeConfig({ engines: ["interpreter"] })).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig({ engine: { tiers: ["aot"] } })).toThrow(/interpreter is always a tier/);
    expect(() => parseRuntimeConfig({ limits: { stackSize: 4096 } })).toThrow(/embedding: true/);
    expect(() => parseRuntimeConfig({ globalName: "not a name" })).toThrow(/globalName/);
  });

  it("is a CLI command: writes the script, or says what is wrong with the configuration", () => {
    const dir = mkdtempSync(join(tmpdir(), "microwasm-build-runtime-"));
    try {
      const out = join(dir, "runtime.js");
      const built = microwasm([
        "build-runtime",
        "--config",
        join(runtimesDir, "webassembly.json"),
        "-o",
        out,
      ]);
      expect(built).toMatchObject({ code: 0, stderr: "" });
      const context = load(readFileSync(out, "utf8"), false);
      expect(
        runInContext("typeof microwasm.WebAssembly.instantiate + ' ' + typeof microwasm.WASI", context),
      ).toBe("function undefined");
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ appFramework: true }));
      expect(microwasm(["build-runtime", "--config", bad, "-o", out])).toMatchObject({
        code: 1,
        stderr: "microwasm: runtime config: appFramework: the app framework needs embedding: true\n",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
