import { readFileSync } from "node:fs";
import { canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { getQuickJS } from "quickjs-emscripten";
import { describe, expect, it } from "vitest";
import { expectChecksPassed } from "./check-results.js";
import { distBuilt, distFile, engineChecks, notBuilt } from "./dist-files.js";
import { makeFixtures } from "./fixtures.js";

// QuickJS (compiled to wasm, run by Node) has no WebAssembly, TextEncoder, TextDecoder or console:
// microwasm.js must bring everything it uses.

describe.runIf(canRun(distBuilt, notBuilt))("microwasm.js in QuickJS", () => {
  it("runs modules and a WASI program with the in-memory filesystem, in both tiers", async () => {
    const withC = canRun(cToolchainAvailable(), noCToolchain);
    const fixtures = await makeFixtures(withC);
    const quickjs = await getQuickJS();
    const vm = quickjs.newContext();
    try {
      const evaluate = (code: string, name: string) => {
        const result = vm.evalCode(code, name);
        if (result.error) {
          const error = vm.dump(result.error);
          result.error.dispose();
          throw new Error(`${name}: ${JSON.stringify(error)}`);
        }
        const value = vm.dump(result.value);
        result.value.dispose();
        return value;
      };
      expect(evaluate("[typeof WebAssembly, typeof TextDecoder, typeof console].join()", "probe")).toBe(
        "undefined,undefined,undefined",
      );
      evaluate(readFileSync(distFile("microwasm.js"), "utf8"), "microwasm.js");
      evaluate(engineChecks, "engine-checks.js");
      // The default ("auto": QuickJS lets code be generated, so the AOT tier), then the interpreter.
      for (const engine of [undefined, "interpreter"]) {
        evaluate(
          `microwasmChecks(${JSON.stringify(fixtures)}, function (r) { globalThis.results = JSON.stringify(r); }, ${JSON.stringify(engine)})`,
          `run ${engine ?? "auto"}`,
        );
        vm.runtime.executePendingJobs();
        const results = JSON.parse(evaluate("globalThis.results", "results") as string);
        expect(results.codeGeneration).toBe(true);
        expectChecksPassed(results, withC);
      }
    } finally {
      vm.dispose();
    }
  });
});
