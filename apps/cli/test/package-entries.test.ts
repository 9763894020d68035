import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

// The entry points a custom runtime is assembled from: a bundler keeps only what a product uses.
// Each is free of side effects at import (so `"sideEffects": false` is true), and one that is
// imported but unused leaves nothing in the bundle.

const entries = [
  "@microwasm/webassembly",
  "@microwasm/webassembly/interpreter",
  "@microwasm/libc-wasi/portable",
  "@microwasm/runtime",
  "@microwasm/libc-builtin",
  "@microwasm/app-framework",
  "@microwasm/sensor",
  "@microwasm/core/engine-globals",
];
const zodGlobals = ["__zod_globalConfig", "__zod_globalRegistry"];
const cliDir = fileURLToPath(new URL("..", import.meta.url));

function bundle(contents: string, ignoreAnnotations: boolean): string {
  return buildSync({
    stdin: { contents, resolveDir: cliDir },
    bundle: true,
    format: "iife",
    platform: "browser",
    conditions: ["source"],
    minify: true,
    ignoreAnnotations,
    write: false,
    logLevel: "silent",
  }).outputFiles[0]!.text;
}

describe.each(entries)("%s", (entry) => {
  it("leaves nothing in a bundle that imports it without using it", () => {
    expect(bundle(`import ${JSON.stringify(entry)};`, false).trim()).toBe("(()=>{})();");
  });

  it("changes nothing global when it is evaluated (its sideEffects: false holds)", () => {
    // Every module evaluated, as if the package declared side effects.
    const script = bundle(`import * as entry from ${JSON.stringify(entry)}; globalThis.entry = entry;`, true);
    const context = createContext({ TextEncoder, TextDecoder, performance, crypto });
    const names = () => new Set(runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[]);
    const before = names();
    runInContext(script, context);
    const added = [...names()].filter((name) => !before.has(name) && name !== "entry");
    // zod (behind native's signature checks) keeps its config and schema registry on globalThis,
    // shared by every copy of zod: zod's own, and the same for any zod user.
    expect(added.filter((name) => !zodGlobals.includes(name))).toEqual([]);
    expect(Object.keys(context["entry"]).length).toBeGreaterThan(0);
  });
});

/** The source files of the packages under `packages/` that a bundle of `contents` holds. */
function bundledPackages(contents: string): Set<string> {
  const { metafile } = buildSync({
    stdin: { contents, resolveDir: cliDir },
    bundle: true,
    format: "iife",
    platform: "browser",
    conditions: ["source"],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  // The output's inputs with bytes in it: esbuild also lists files it read and then dropped.
  const output = Object.values(metafile.outputs)[0]!;
  const kept = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0);
  const packages = kept.map(([path]) => /packages\/([\w-]+)\/src\//.exec(path)?.[1]);
  return new Set(packages.filter((name) => name !== undefined));
}

describe("the AOT tier in a bundle", () => {
  // The engine is given the tier (`aot: aotTier`) instead of importing it: a product that never
  // passes it carries none of its code, as WAMR's build leaves out the running modes not chosen.
  it("is not in a bundle of the interpreter-only API and the runtime", () => {
    const lean = bundledPackages(
      `import { createWebAssembly, WebAssembly } from "@microwasm/webassembly/interpreter";
       import { Runtime } from "@microwasm/runtime";
       globalThis.api = [createWebAssembly, WebAssembly, Runtime];`,
    );
    expect(lean).toContain("interpreter");
    expect(lean).toContain("engine");
    expect(lean).not.toContain("aot");
  });

  it("is in one that passes it, and in the main entry of @microwasm/webassembly", () => {
    const withTier = bundledPackages(
      `import { createWebAssembly } from "@microwasm/webassembly/interpreter";
       import { aotTier, Runtime } from "@microwasm/runtime";
       globalThis.api = [createWebAssembly({ aot: aotTier }), new Runtime({ aot: aotTier })];`,
    );
    expect(withTier).toContain("aot");
    expect(
      bundledPackages(`import { WebAssembly } from "@microwasm/webassembly"; globalThis.api = WebAssembly;`),
    ).toContain("aot");
  });
});
