import { existsSync } from "node:fs";
import { join } from "node:path";
import { libcBuiltinNatives } from "@microwasm/libc-builtin";
import { canRun } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { APP_DATA_EXPORTS, APP_ENTRY_POINTS, APP_NATIVES, compileApp } from "../src/index.js";
import { buildDir, cToolchain, examplesDir, wamrAppsDir } from "./toolchain.js";
import { readAppInfo, signatureTypeText } from "./wasm-app-info.js";

// Our example apps (examples/apps), built with the SDK, against the natives table and against
// the same samples as WAMR's toolchain built them: an app built here must need nothing a WAMR
// runtime lacks, with the same types, and offer the runtime the same entry points.

const appNativeTypes = new Map(APP_NATIVES.map((n) => [`env.${n.name}`, signatureTypeText(n.signature)]));
const libcTypes = new Map(
  libcBuiltinNatives().map((n) => [`env.${n.name}`, signatureTypeText(n.signature ?? "()")]),
);
const examples = [
  "timer",
  "request_handler",
  "request_sender",
  "event_publisher",
  "event_subscriber",
  "sensor",
  "connection",
] as const;
const wamrApps = canRun(
  existsSync(join(wamrAppsDir, "timer.wasm")),
  `WAMR's prebuilt samples are not in ${wamrAppsDir} (shared/wamr-apps beside the repository)`,
);

describe.skipIf(!cToolchain)("example apps built with the SDK", () => {
  const out = buildDir();
  const built = new Map<string, ReturnType<typeof readAppInfo>>();
  const info = (name: string) => {
    let app = built.get(name);
    if (app === undefined) {
      const output = join(out, `${name}.wasm`);
      compileApp({ sources: [join(examplesDir, `${name}.c`)], output, cflags: ["-Wall", "-Werror"] });
      app = readAppInfo(output);
      built.set(name, app);
    }
    return app;
  };

  for (const name of examples) {
    it(`${name}: imports only WAMR's app natives and libc-builtin, with their types`, () => {
      const app = info(name);
      expect(app.otherImports).toEqual([]);
      for (const [field, type] of app.imports) {
        const expected = appNativeTypes.get(field) ?? libcTypes.get(field);
        expect(expected, `${field} is not a native of WAMR's app profile`).toBeDefined();
        expect(type, field).toBe(expected);
      }
    });

    it(`${name}: exports memory, the entry points with their types, __heap_base and __data_end`, () => {
      const app = info(name);
      for (const entry of APP_ENTRY_POINTS)
        expect(app.functionExports.get(entry.name), entry.name).toBe(
          `(${Array(entry.params).fill("i32").join(" ")})->`,
        );
      for (const name of APP_DATA_EXPORTS) expect(app.exports).toContain(name);
    });

    it.skipIf(!wamrApps)(`${name}: agrees with WAMR's own build of its ${name} sample`, () => {
      const ours = info(name);
      const theirs = readAppInfo(join(wamrAppsDir, `${name}.wasm`));
      // The same exports, each function with the same type.
      expect([...ours.exports].sort()).toEqual([...theirs.exports].sort());
      for (const [export_, type] of theirs.functionExports)
        expect(ours.functionExports.get(export_)).toBe(type);
      // Every native both import has one type; what WAMR's sample imports from the app
      // framework, ours does too (our examples use more of the API than WAMR's samples).
      for (const [field, type] of ours.imports)
        if (theirs.imports.has(field)) expect(type, field).toBe(theirs.imports.get(field));
      const frameworkImports = (app: typeof ours) =>
        [...app.imports.keys()].filter((f) => appNativeTypes.has(f));
      expect(frameworkImports(ours)).toEqual(expect.arrayContaining(frameworkImports(theirs)));
    });
  }

  it("between them, the examples use every app native the library calls", () => {
    const used = new Set(examples.flatMap((name) => [...info(name).imports.keys()]));
    const unused = APP_NATIVES.map((n) => `env.${n.name}`).filter((f) => !used.has(f));
    // wasm_timer_destroy has no api_ function in WAMR's library: apps that want it call it.
    expect(unused).toEqual(["env.wasm_timer_destroy"]);
  });
});
