import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { RuntimeConfig } from "./runtime-config.js";
import { runtimeEntrySource } from "./runtime-entry.js";

/** Where the packages a runtime is built from resolve: the CLI's own dependencies. */
const cliDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds a custom runtime into one classic script (no import/export, nothing from Node) that
 * defines `globalThis[config.globalName]`. Engines without TextEncoder/TextDecoder,
 * performance or crypto get `@microwasm/core/engine-globals` in their place. Returns the
 * script's text.
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
    minify: config.minify,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
