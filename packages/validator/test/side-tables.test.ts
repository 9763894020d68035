import { CompileError, type Module, wasm2Features } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { canRun, noSpecData, readWasm, specAvailable, specModules } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";
import { validateModuleEagerly } from "../src/validate-module.js";
import type { ValidatedModule } from "../src/validated-module.js";
import { body, funcType, moduleOf } from "./assemble.js";

/**
 * The side tables are computed on first access, by validating the body again (see
 * `ValidatedBody`); they must equal what recording them during validation gives. The lazy ones
 * are read last function first, so each is recomputed after the validator has moved on.
 */
function expectLazyEqualsEager(module: Module): number {
  const lazy = validateModule(module, wasm2Features);
  const eager = validateModuleEagerly(module, wasm2Features);
  expect(lazy.functions.length).toBe(eager.functions.length);
  for (let i = lazy.functions.length - 1; i >= 0; i--) {
    const l = lazy.functions[i]!;
    const e = eager.functions[i]!;
    expect(l.maxHeight).toBe(e.maxHeight);
    expect(l.locals).toEqual(e.locals);
    expect(Array.from(l.heights)).toEqual(Array.from(e.heights));
    expect(Array.from(l.matchingEnd)).toEqual(Array.from(e.matchingEnd));
    expect(Array.from(l.matchingElse)).toEqual(Array.from(e.matchingElse));
    expect(Array.from(l.operandType)).toEqual(Array.from(e.operandType));
    expect(l.heights).toBe(l.heights); // computed once
  }
  return lazy.functions.length;
}

function tablesOf(validated: ValidatedModule, i: number) {
  const fn = validated.functions[i]!;
  return [fn.heights, fn.matchingEnd, fn.matchingElse, fn.operandType].map((t) => Array.from(t));
}

describe("side tables on demand", () => {
  const module = moduleOf({
    types: [funcType(["i32"], ["i32"]), funcType([], ["f64"])],
    functions: [0, 1, 0],
    codes: [
      body([
        ["block", "i32"],
        ["loop"],
        ["end"],
        ["local.get", 0],
        ["if", "i32"],
        ["i32.const", 1],
        ["else"],
        ["i32.const", 2],
        ["end"],
        ["local.get", 0],
        ["br_table", [0], 0],
        ["i32.const", 3],
        ["drop"],
        ["end"],
        ["end"],
      ]),
      body(
        [
          ["local.get", 0],
          ["local.get", 0],
          ["i32.const", 1],
          ["select"],
          ["unreachable"],
          ["block"],
          ["f32.const", 0],
          ["drop"],
          ["end"],
          ["drop"],
          ["end"],
        ],
        [[1, "f64"]],
      ),
      body([["local.get", 0], ["return"], ["drop"], ["end"]]),
    ],
  });

  it("equal the tables recorded during validation", () => {
    expect(expectLazyEqualsEager(module)).toBe(3);
  });

  it("do not depend on the order in which functions are read", () => {
    const forward = validateModule(module);
    const backward = validateModule(module);
    const first = [0, 1, 2].map((i) => tablesOf(forward, i));
    const last = [2, 1, 0].map((i) => tablesOf(backward, i)).reverse();
    expect(last).toEqual(first);
  });

  it.runIf(canRun(specAvailable, noSpecData))(
    "equal the eager tables for every valid module of the spec suite",
    () => {
      let functions = 0;
      for (const group of ["w2", "w2-fallback", "w2-simd"]) {
        for (const m of specModules(group)) {
          if (m.command !== "module") continue;
          let parsed: Module;
          try {
            parsed = parseModule(readWasm(m.path), wasm2Features);
            validateModule(parsed, wasm2Features);
          } catch (e) {
            if (e instanceof CompileError) continue;
            throw e;
          }
          functions += expectLazyEqualsEager(parsed);
        }
      }
      expect(functions).toBeGreaterThan(1000);
    },
  );
});
