import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import asc from "assemblyscript/asc";
import { describe, expect, it } from "vitest";
import { APP_NATIVES } from "../src/index.js";
import { buildDir, examplesDir } from "./toolchain.js";
import { readAppInfo, signatureTypeText } from "./wasm-app-info.js";

// Our AssemblyScript samples (examples/apps/assemblyscript), built with asc from npm against
// the library as an installed package (node_modules/@microwasm/app-sdk), must import only
// what WAMR's AssemblyScript library imports, with the types of WAMR's natives.

const packageRoot = new URL("..", import.meta.url).pathname;

/** The natives WAMR's AssemblyScript library (wamr_app_lib) imports, all from "env". */
const wamrAsNatives = new Map([
  ...APP_NATIVES.filter((n) =>
    [
      "wasm_response_send",
      "wasm_register_resource",
      "wasm_post_request",
      "wasm_sub_event",
      "wasm_create_timer",
      "wasm_timer_cancel",
      "wasm_timer_restart",
      "wasm_get_sys_tick_ms",
    ].includes(n.name),
  ).map((n) => [`env.${n.name}`, signatureTypeText(n.signature)] as const),
  ["env.puts", "(i32)->i32"],
]);

describe("the AssemblyScript library", () => {
  const out = buildDir();
  // The package installed, as `npm install <repo>/packages/app-sdk` would.
  mkdirSync(join(out, "node_modules", "@microwasm"), { recursive: true });
  symlinkSync(packageRoot, join(out, "node_modules", "@microwasm", "app-sdk"));

  for (const name of ["timer", "request_handler", "request_sender", "event_publisher", "event_subscriber"]) {
    it(`${name}.ts builds with asc and imports only WAMR's natives, with their types`, async () => {
      const output = join(out, `${name}.wasm`);
      // In this process (asc's API): the compiler loads once for all samples.
      const build = await asc.main([
        join(examplesDir, "assemblyscript", `${name}.ts`),
        "-o",
        output,
        "-O",
        "--use",
        "abort=",
        "--path",
        join(out, "node_modules"),
      ]);
      expect(build.error, build.stderr.toString()).toBeNull();
      const app = readAppInfo(output);
      expect(app.otherImports).toEqual([]);
      for (const [field, type] of app.imports) expect(type, field).toBe(wamrAsNatives.get(field));
      // WAMR's AssemblyScript entry points, and the app's own allocator for the runtime.
      for (const entry of ["on_init", "on_destroy"]) expect(app.functionExports.get(entry)).toBe("()->");
      expect(app.functionExports.get("_on_request")).toBe("(i32 i32)->");
      expect(app.functionExports.get("_on_response")).toBe("(i32 i32)->");
      expect(app.functionExports.get("_on_timer_callback")).toBe("(i32)->");
      expect(app.functionExports.get("malloc")).toBe("(i32)->i32");
      expect(app.functionExports.get("free")).toBe("(i32)->");
      expect(app.exports).toContain("memory");
    });
  }
});
