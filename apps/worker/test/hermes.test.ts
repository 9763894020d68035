import { readFileSync } from "node:fs";
import {
  canRun,
  cToolchainAvailable,
  hermesAvailable,
  noCToolchain,
  noHermes,
  runHermes,
} from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { expectChecksPassed } from "./check-results.js";
import { distBuilt, distFile, engineChecks, notBuilt } from "./dist-files.js";
import { makeFixtures } from "./fixtures.js";

// Hermes 0.12 (React Native's engine before its class support): no WebAssembly, no `class`, no
// async arrows, `let`/`const` in loops scoped like `var`, Symbol.hasInstance ignored. It runs
// microwasm.es5.js, which SWC lowered from the same bundle.

describe.runIf(canRun(distBuilt, notBuilt) && canRun(hermesAvailable, noHermes))(
  "microwasm.es5.js in Hermes 0.12",
  () => {
    it("needs the ES5 build: Hermes rejects the ES2020 bundle's classes, and has no WebAssembly of its own", () => {
      expect(() => runHermes(`${readFileSync(distFile("microwasm.js"), "utf8")}\nprint("loaded")`)).toThrow(
        /Invalid expression encountered/,
      );
      expect(runHermes(`print(typeof WebAssembly)`).trim()).toBe("undefined");
    });

    it("runs modules and a WASI program with the in-memory filesystem, in both tiers", async () => {
      const withC = canRun(cToolchainAvailable(), noCToolchain);
      const fixtures = await makeFixtures(withC);
      // The default ("auto": Hermes compiles source at run time, so the AOT tier), then the interpreter.
      const output = runHermes(
        [
          readFileSync(distFile("microwasm.es5.js"), "utf8"),
          engineChecks,
          `microwasmChecks(${JSON.stringify(fixtures)}, function (r) { print(JSON.stringify(r)); });`,
          `microwasmChecks(${JSON.stringify(fixtures)}, function (r) { print(JSON.stringify(r)); }, "interpreter");`,
        ].join("\n"),
      );
      const lines = output.trim().split("\n");
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        const results = JSON.parse(line);
        expect(results.codeGeneration).toBe(true);
        expectChecksPassed(results, withC);
      }
    });
  },
);
