import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libcBuiltinNatives } from "@microwasm/libc-builtin";
import { signatureSchema } from "@microwasm/native";
import { describe, expect, it } from "vitest";
import { APP_NATIVES, compileApp, sdkFiles } from "../src/index.js";
import { buildDir, cToolchain, noToolchainReason } from "./toolchain.js";
import { readAppInfo, signatureTypeText } from "./wasm-app-info.js";

// libc-builtin natives that are there for other toolchains' output (emscripten, C++), not
// for C apps: the SDK's headers do not declare them and apps may not import them.
const notForApps = new Set([
  "emscripten_memcpy_big",
  "_strdup",
  "abort",
  "abortStackOverflow",
  "nullFunc_X",
  "__cxa_allocate_exception",
  "__cxa_begin_catch",
  "__cxa_throw",
  "clock_gettime",
  "clock",
]);

describe("the natives an app may import", () => {
  it("every signature in the table is a valid WAMR signature string, each name once", () => {
    for (const native of APP_NATIVES)
      expect(signatureSchema.safeParse(native.signature).success, native.name).toBe(true);
    expect(new Set(APP_NATIVES.map((n) => n.name)).size).toBe(APP_NATIVES.length);
  });

  it("the linker's allow list is the app natives and libc-builtin's C functions, nothing else", () => {
    const listed = readFileSync(sdkFiles.definedSymbols, "utf8").trim().split("\n");
    const libc = libcBuiltinNatives()
      .map((n) => n.name)
      .filter((name) => !notForApps.has(name));
    expect([...listed].sort()).toEqual([...APP_NATIVES.map((n) => n.name), ...libc].sort());
  });

  it.skipIf(!cToolchain)("the library's C declarations of the natives have the table's wasm types", () => {
    // An app that calls every native through the library's own declarations (app_natives.h).
    const dir = buildDir();
    const calls = APP_NATIVES.map((n) => `  keep[${APP_NATIVES.indexOf(n)}] = (void *)${n.name};`).join("\n");
    const source = join(dir, "all_natives.c");
    writeFileSync(
      source,
      `#include "app_natives.h"\nvoid *volatile keep[${APP_NATIVES.length}];\nvoid on_init(void) {\n${calls}\n}\n`,
    );
    const output = join(dir, "all_natives.wasm");
    compileApp({ sources: [source], output, cflags: ["-I", sdkFiles.libraryDir], appLibrary: false });
    const imports = readAppInfo(output).imports;
    for (const native of APP_NATIVES)
      expect(imports.get(`env.${native.name}`), native.name).toBe(signatureTypeText(native.signature));
  });
  if (!cToolchain) it.skip(`C declarations not checked: ${noToolchainReason}`, () => {});
});
