import type { RuntimeConfig } from "./runtime-config.js";

/**
 * The entry module of a custom runtime: imports only what the configuration asks for (the
 * packages are side-effect free, so the bundler keeps nothing else) and defines the global.
 * Plain JavaScript, resolved against the CLI's own dependencies. (Its specifiers are in single
 * quotes: they are text for esbuild, not loads, and the CLI bundle's test looks for loads.)
 */
export function runtimeEntrySource(config: RuntimeConfig): string {
  const imports: string[] = [];
  const members: string[] = ["config"];
  const body: string[] = [];
  // With the AOT tier, modules run in it where the host allows code generation ("auto"). The
  // packages are given the tier (`aot: aotTier`) rather than importing it: without it in the
  // configuration, nothing imports it and the script has none of it.
  const withAot = config.engine.tiers.includes("aot");
  const engine = withAot ? "auto" : "interpreter";
  const aotOption = withAot ? ", aot: aotTier" : "";
  if (withAot) imports.push("import { aotTier } from '@microwasm/runtime';");
  if (config.webassembly) {
    imports.push("import { createWebAssembly } from '@microwasm/webassembly/interpreter';");
    body.push(`const WebAssembly = createWebAssembly({ engine: ${JSON.stringify(engine)}${aotOption} });`);
    members.push("WebAssembly");
  }
  if (config.wasi) {
    imports.push(
      "import { bufferInput, CollectedOutput, MemoryFileSystem, WASI, WASIExitError } from '@microwasm/libc-wasi/portable';",
    );
    members.push("WASI", "MemoryFileSystem", "CollectedOutput", "bufferInput", "WASIExitError");
  }
  if (config.embedding) {
    imports.push("import { Runtime, WasmException } from '@microwasm/runtime';");
    members.push("Runtime", "WasmException", "createRuntime", "instantiate");
    const { maxCallDepth, poolSize, stackSize, heapSize, timeoutMs } = config.limits;
    const runtimeOptions = {
      engine,
      ...(maxCallDepth === undefined ? {} : { maxCallDepth }),
      ...(poolSize === undefined ? {} : { allocator: "pool", poolSize }),
    };
    const instanceLimits = {
      ...(stackSize === undefined ? {} : { stackSize }),
      ...(heapSize === undefined ? {} : { heapSize }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    };
    if (config.libcBuiltin) {
      imports.push(
        "import { emscriptenPrintfAliases, LIBC_BUILTIN_MODULE, libcBuiltinNatives } from '@microwasm/libc-builtin';",
      );
    }
    body.push(
      "/** A Runtime with the configured limits (and natives); `stdout` receives what libc's printf prints. */",
      "function createRuntime(options) {",
      `  const runtime = new Runtime(Object.assign(${JSON.stringify(runtimeOptions)}${withAot ? ", { aot: aotTier }" : ""}));`,
      ...(config.libcBuiltin
        ? [
            "  const stdout = (options && options.stdout) || function () {};",
            "  const libc = libcBuiltinNatives({ stdout: stdout });",
            "  runtime.registerNatives(LIBC_BUILTIN_MODULE, libc.concat(emscriptenPrintfAliases(libc)));",
          ]
        : []),
      "  return runtime;",
      "}",
      "/** Instantiates a loaded module (`runtime.load(bytes)`) with the configured stack, heap and time limits. */",
      "function instantiate(loaded, options) {",
      `  return loaded.instantiate(Object.assign(${JSON.stringify(instanceLimits)}, options));`,
      "}",
    );
  }
  if (config.appFramework) {
    imports.push("import { AppManager, ManualClock } from '@microwasm/app-framework';");
    members.push("AppManager", "ManualClock");
  }
  if (config.sensors) {
    imports.push("import { sensorExtension, simulatedSensors } from '@microwasm/sensor';");
    members.push("sensorExtension", "simulatedSensors");
  }
  return [
    ...imports,
    `const config = ${JSON.stringify(config)};`,
    ...body,
    `const api = { ${members.join(", ")} };`,
    `globalThis[${JSON.stringify(config.globalName)}] = api;`,
    ...(config.webassembly
      ? ['if (typeof globalThis.WebAssembly === "undefined") globalThis.WebAssembly = WebAssembly;']
      : []),
    "",
  ].join("\n");
}
