import { CompileError, type Module } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { canRun, noSpecData, readWasm, specAvailable, specModules } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";

/**
 * Mutated spec modules: whatever the parser accepts, the validator either accepts or rejects
 * with a CompileError; it never throws anything else or loops.
 */

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.runIf(canRun(specAvailable, noSpecData))("robustness", () => {
  it("only ever throws CompileError on mutated modules", () => {
    const next = random(42);
    const sources = specModules("w2").filter((m) => m.command === "module");
    const unexpected: string[] = [];
    let validated = 0;
    let rejected = 0;
    for (let i = 0; i < 4000; i++) {
      const source = sources[Math.floor(next() * sources.length)]!;
      const bytes = readWasm(source.path).slice();
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++)
        bytes[8 + Math.floor(next() * (bytes.length - 8))] = Math.floor(next() * 256);
      let module: Module;
      try {
        module = parseModule(bytes);
      } catch {
        continue;
      }
      try {
        validateModule(module);
        validated++;
      } catch (e) {
        if (e instanceof CompileError && e.kind === "invalid") rejected++;
        else unexpected.push(`${source.path}: ${String(e)}`);
      }
    }
    console.log(`[robustness] mutated modules that parse: ${validated} valid, ${rejected} invalid`);
    expect(unexpected.slice(0, 10)).toEqual([]);
  });
});
