import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { RuntimeConfig } from "./runtime-config.js";
import { runtimeEntrySource } from "./runtime-entry.js";

/** Where the packages a runtime is built from resolve: the CLI's own dependencies. */
const cliDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds a custom runtime into one classic script (no import/export, nothing from Node) that
 * defines `globalThis[config.globalName]`, in ES2020 or lowered to ES5 (`config.target`).
 * Engines without TextEncoder/TextDecoder, performance or crypto get
 * `@microwasm/core/engine-globals` in their place. Returns the script's text.
 */
export async function buildRuntime(config: RuntimeConfig): Promise<string> {
  // Loaded here, not at the top: the other commands start without it. require, not import():
  // the CLI runs as a script compiled with a code cache, where dynamic import is not set up.
  const { build } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const result = await build({
    stdin: { contents: runtimeEntrySource(config), resolveDir: cliDir, sourcefile: "runtime-entry.js" },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    absWorkingDir: cliDir,
    inject: ["@microwasm/core/engine-globals"],
    // The ES5 script is minified after SWC lowers it.
    minify: config.minify && config.target !== "es5",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const script = result.outputFiles[0]!.text;
  if (config.target === "es2020") return script;
  // SWC lowers classes, let/const with per-iteration scope, async functions, generators and
  // spread, with its helpers inlined (the script stays one classic script).
  const { transform } = createRequire(import.meta.url)("@swc/core") as typeof import("@swc/core");
  const lowered = await transform(script, {
    jsc: {
      target: "es5",
      loose: false,
      externalHelpers: false,
      ...(config.minify ? { minify: { compress: true, mangle: true } } : {}),
    },
    minify: config.minify,
    isModule: false,
    sourceMaps: false,
  });
  return lowered.code;
}
