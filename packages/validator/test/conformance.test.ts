import { CompileError, type Module, wasm2Features } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { canRun, noSpecData, readWasm, specAvailable, specDir, specModules } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";

/**
 * The spec test suite, validation only: every module a script uses must validate, and every
 * binary `assert_invalid` must be rejected with a `CompileError` of kind "invalid". Reasons are
 * compared as the spec's own runner does: the expected text is a prefix of our reason.
 */

const groups = ["w2", "w2-fallback", "w2-simd"];
/** Commands whose module is valid (linking or instantiation may still fail). */
const validCommands = new Set(["module", "assert_unlinkable", "assert_uninstantiable"]);
/**
 * assert_invalid modules whose binary cannot carry the script's reason, with why:
 * - select.2: wast2json encodes `select (result)` (zero types, "invalid result arity" in the
 *   text) as the untyped `select` 0x1b, which is then short of operands: "type mismatch".
 */
const knownMismatches: ReadonlyMap<string, string> = new Map([["select/select.2.wasm", "type mismatch"]]);

describe.runIf(canRun(specAvailable, noSpecData))(`validator spec conformance (${specDir})`, () => {
  for (const group of groups) {
    it(`${group}: valid modules validate, binary assert_invalid modules are rejected`, () => {
      const modules = specModules(group);
      expect(modules.length).toBeGreaterThan(0);
      const failures: string[] = [];
      const mismatched: string[] = [];
      const parserRejected: string[] = [];
      let knownMismatched = 0;
      let valid = 0;
      let validTotal = 0;
      let rejected = 0;
      let matched = 0;
      let invalidTotal = 0;
      for (const m of modules) {
        if (!validCommands.has(m.command) && m.command !== "assert_invalid") continue;
        const where = `${m.script}:${m.line} (${m.path.split("/").pop()})`;
        let module: Module;
        try {
          module = parseModule(readWasm(m.path), wasm2Features);
        } catch (e) {
          // A module that uses data indices without a data count section is malformed in the
          // binary format, so the parser rejects some assert_invalid modules before we see them.
          if (m.command === "assert_invalid" && e instanceof CompileError) {
            invalidTotal++;
            parserRejected.push(`${where}: expected "${m.text}", parser: "${e.reason}"`);
          } else {
            failures.push(`${where}: ${m.command} does not parse: ${String(e)}`);
          }
          continue;
        }
        let error: unknown = null;
        try {
          validateModule(module, wasm2Features);
        } catch (e) {
          error = e;
        }
        if (m.command === "assert_invalid") {
          invalidTotal++;
          if (!(error instanceof CompileError) || error.kind !== "invalid") {
            failures.push(`${where}: expected "${m.text}", got ${error === null ? "valid" : String(error)}`);
            continue;
          }
          rejected++;
          const file = m.path.split("/").slice(-2).join("/");
          if (m.text !== undefined && error.reason.startsWith(m.text)) matched++;
          else if (knownMismatches.get(file) === error.reason) knownMismatched++;
          else mismatched.push(`${where}: expected "${m.text}", got "${error.reason}"`);
        } else {
          validTotal++;
          if (error === null) valid++;
          else failures.push(`${where}: ${m.command} must validate: ${String(error)}`);
        }
      }
      console.log(
        `[${group}] valid modules validated ${valid}/${validTotal}, ` +
          `assert_invalid rejected ${rejected + parserRejected.length}/${invalidTotal} ` +
          `(${parserRejected.length} already by the parser), ` +
          `messages matched ${matched}/${rejected} (${knownMismatched} known binary-format mismatches)`,
      );
      if (parserRejected.length > 0)
        console.log(`[${group}] rejected by the parser:\n  ${parserRejected.join("\n  ")}`);
      if (mismatched.length > 0) console.log(`[${group}] message mismatches:\n  ${mismatched.join("\n  ")}`);
      if (failures.length > 0) console.log(`[${group}] failures:\n  ${failures.join("\n  ")}`);
      expect(failures).toEqual([]);
      expect(mismatched).toEqual([]);
    });
  }
});
