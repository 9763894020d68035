import { CompileError, wasm2Features } from "@microwasm/core";
import { canRun, noSpecData, readWasm, specAvailable, specDir, specModules } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";

/**
 * The spec test suite, decoding only: every module a script instantiates must parse, and every
 * binary `assert_malformed` must be rejected. Reasons are compared as the spec's own runner does,
 * as a prefix of our reason.
 */

const groups = ["w2", "w2-fallback", "w2-simd"];

describe.runIf(canRun(specAvailable, noSpecData))(`spec conformance (${specDir})`, () => {
  for (const group of groups) {
    it(`${group}: every module parses and every binary assert_malformed is rejected`, () => {
      const modules = specModules(group);
      expect(modules.length).toBeGreaterThan(0);
      const failures: string[] = [];
      const mismatched: string[] = [];
      const invalidMalformed: string[] = [];
      let parsed = 0;
      let rejected = 0;
      let matched = 0;
      let invalidParsed = 0;
      let invalidTotal = 0;
      for (const m of modules) {
        const where = `${m.script}:${m.line} (${m.path.split("/").pop()})`;
        const bytes = readWasm(m.path);
        let error: unknown = null;
        try {
          parseModule(bytes, wasm2Features);
        } catch (e) {
          error = e;
        }
        if (m.command === "assert_malformed") {
          if (!(error instanceof CompileError)) {
            failures.push(`${where}: expected "${m.text}", parsed`);
            continue;
          }
          rejected++;
          if (m.text && error.reason.startsWith(m.text)) matched++;
          else mismatched.push(`${where}: expected "${m.text}", got "${error.reason}"`);
        } else if (m.command === "assert_invalid") {
          // Invalid modules should still decode: rejecting them is the validator's job.
          invalidTotal++;
          if (error === null) invalidParsed++;
          else if (error instanceof CompileError)
            invalidMalformed.push(`${where}: ${error.reason} (spec: "${m.text}")`);
          else if (!(error instanceof CompileError)) failures.push(`${where}: ${String(error)}`);
        } else if (error === null) {
          parsed++;
        } else {
          failures.push(`${where}: ${m.command} must parse: ${String(error)}`);
        }
      }
      const malformedTotal = modules.filter((m) => m.command === "assert_malformed").length;
      console.log(
        `[${group}] modules parsed ${parsed}/${modules.length - malformedTotal - invalidTotal}, ` +
          `malformed rejected ${rejected}/${malformedTotal}, reasons matched ${matched}/${malformedTotal}, ` +
          `assert_invalid modules that decode ${invalidParsed}/${invalidTotal}`,
      );
      if (invalidMalformed.length > 0) {
        console.log(
          `[${group}] assert_invalid modules rejected as malformed:\n  ${invalidMalformed.join("\n  ")}`,
        );
      }
      if (mismatched.length > 0) console.log(`[${group}] reason mismatches:\n  ${mismatched.join("\n  ")}`);
      expect(failures).toEqual([]);
      expect(matched).toBe(malformedTotal);
    });
  }
});
