import { CompileError, ExternalKind, mvpFeatures, ValType } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";
import { funcType, type Instr, moduleOf, moduleWithFunc, offsetOf, type TypeName } from "./assemble.js";

function validFunc(
  params: TypeName[],
  results: TypeName[],
  instrs: Instr[],
  locals: [number, TypeName][] = [],
) {
  const validated = validateModule(moduleWithFunc(params, results, instrs, {}, locals));
  const fn = validated.functions[0];
  if (!fn) throw new Error("no function");
  return fn;
}

function rejection(run: () => unknown): CompileError {
  try {
    run();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}

function expectInvalid(
  params: TypeName[],
  results: TypeName[],
  instrs: Instr[],
  reason: string,
  at?: number,
) {
  const e = rejection(() => validateModule(moduleWithFunc(params, results, instrs)));
  expect(e.kind).toBe("invalid");
  expect(e.reason).toBe(reason);
  if (at !== undefined) expect(e.offset).toBe(offsetOf(at));
}

describe("function bodies: valid code and side tables", () => {
  it("computes heights and maxHeight for straight-line code", () => {
    const fn = validFunc([], ["i32"], [["i32.const", 1], ["i32.const", 2], ["i32.add"], ["end"]]);
    expect(Array.from(fn.heights)).toEqual([0, 1, 2, 1]);
    expect(fn.maxHeight).toBe(2);
    expect(Array.from(fn.matchingEnd)).toEqual([-1, -1, -1, -1]);
  });

  it("expands locals after the parameters", () => {
    const fn = validFunc(
      ["i64"],
      [],
      [["end"]],
      [
        [2, "f32"],
        [1, "externref"],
      ],
    );
    expect(fn.locals).toEqual([ValType.i64, ValType.f32, ValType.f32, ValType.externref]);
    expect(fn.funcIndex).toBe(0);
  });

  it("matches block, loop, if and else with their ends", () => {
    const fn = validFunc(
      ["i32"],
      ["i32"],
      [
        ["block", "i32"], // 0
        ["loop"], // 1
        ["end"], // 2
        ["local.get", 0], // 3
        ["if", "i32"], // 4
        ["i32.const", 1], // 5
        ["else"], // 6
        ["i32.const", 2], // 7
        ["end"], // 8
        ["local.get", 0], // 9
        ["if"], // 10
        ["end"], // 11
        ["end"], // 12
        ["end"], // 13
      ],
    );
    expect(fn.matchingEnd[0]).toBe(12);
    expect(fn.matchingEnd[1]).toBe(2);
    expect(fn.matchingEnd[4]).toBe(8);
    expect(fn.matchingEnd[6]).toBe(8);
    expect(fn.matchingElse[4]).toBe(6);
    expect(fn.matchingEnd[10]).toBe(11);
    expect(fn.matchingElse[10]).toBe(-1);
    expect(fn.matchingEnd[13]).toBe(-1);
    expect(Array.from(fn.heights)).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 2, 1, 1, 1]);
    expect(fn.maxHeight).toBe(2);
  });

  it("marks unreachable code with height -1 until the block ends", () => {
    const fn = validFunc(
      [],
      ["i32"],
      [
        ["block", "i32"], // 0
        ["i32.const", 7], // 1
        ["br", 0], // 2
        ["i32.const", 1], // 3
        ["i32.add"], // 4
        ["end"], // 5
        ["return"], // 6
        ["drop"], // 7
        ["end"], // 8
      ],
    );
    expect(Array.from(fn.heights)).toEqual([0, 0, 1, -1, -1, -1, 1, -1, -1]);
    expect(fn.maxHeight).toBe(1);
  });

  it("gives blocks opened in unreachable code ordinary heights", () => {
    const fn = validFunc(
      [],
      [],
      [
        ["unreachable"], // 0
        ["block"], // 1
        ["i32.const", 1], // 2
        ["drop"], // 3
        ["end"], // 4
        ["i32.const", 2], // 5
        ["drop"], // 6
        ["end"], // 7
      ],
    );
    expect(Array.from(fn.heights)).toEqual([0, -1, 0, 1, 0, -1, -1, -1]);
    expect(fn.maxHeight).toBe(1);
    expect(fn.operandType[3]).toBe(ValType.i32);
    expect(fn.operandType[6]).toBe(0);
  });

  it("requires exactly the results at the end of a block", () => {
    expectInvalid([], [], [["block"], ["i32.const", 1], ["end"], ["end"]], "type mismatch", 2);
    expectInvalid([], [], [["unreachable"], ["i32.const", 1], ["i32.const", 1], ["end"]], "type mismatch", 3);
    expectInvalid(
      [],
      [],
      [["i32.const", 0], ["if", "i32"], ["i32.const", 1], ["else"], ["end"], ["drop"], ["end"]],
      "type mismatch",
      4,
    );
  });

  it("records operand types of drop and select", () => {
    const fn = validFunc(
      ["f64", "externref"],
      [],
      [
        ["local.get", 0], // 0
        ["local.get", 0], // 1
        ["i32.const", 1], // 2
        ["select"], // 3
        ["drop"], // 4
        ["local.get", 1], // 5
        ["local.get", 1], // 6
        ["i32.const", 0], // 7
        ["select_t", ["externref"]], // 8
        ["drop"], // 9
        ["unreachable"], // 10
        ["select"], // 11
        ["drop"], // 12
        ["end"], // 13
      ],
    );
    expect(fn.operandType[3]).toBe(ValType.f64);
    expect(fn.operandType[4]).toBe(ValType.f64);
    expect(fn.operandType[8]).toBe(ValType.externref);
    expect(fn.operandType[9]).toBe(ValType.externref);
    expect(fn.operandType[11]).toBe(0);
    expect(fn.operandType[12]).toBe(0);
    expect(fn.operandType[0]).toBe(0);
  });

  it("types select from the known operand when the other is unknown", () => {
    const fn = validFunc(
      [],
      ["i64"],
      [["unreachable"], ["i64.const", 1n], ["i32.const", 0], ["select"], ["end"]],
    );
    expect(fn.heights[3]).toBe(-1);
  });

  it("accepts anything on the polymorphic stack after unreachable", () => {
    validFunc([], ["i32"], [["unreachable"], ["i32.add"], ["end"]]);
    validFunc([], [], [["unreachable"], ["i32.add"], ["drop"], ["end"]]);
    validFunc([], ["f32"], [["unreachable"], ["end"]]);
    validFunc([], [], [["return"], ["ref.is_null"], ["drop"], ["end"]]);
    validFunc([], [], [["unreachable"], ["br_if", 0], ["end"]]);
  });

  it("still checks known operands on the polymorphic stack", () => {
    expectInvalid(
      [],
      ["i32"],
      [["unreachable"], ["i64.const", 0n], ["i32.add"], ["end"]],
      "type mismatch",
      2,
    );
    expectInvalid([], [], [["unreachable"], ["i32.const", 0], ["end"]], "type mismatch", 2);
    expectInvalid([], [], [["unreachable"], ["i32.const", 0], ["ref.is_null"], ["end"]], "type mismatch", 2);
  });

  it("handles multi-value blocks with parameters", () => {
    const fn = validModuleFunc(
      [funcType([], ["i32", "i64"]), funcType(["i32", "i64"], ["i64", "i32"])],
      [
        ["i32.const", 1], // 0
        ["i64.const", 2n], // 1
        ["block", 1], // 2
        ["local.set", 0], // 3
        ["drop"], // 4
        ["local.get", 0], // 5
        ["i32.const", 3], // 6
        ["br", 0], // 7
        ["end"], // 8
        ["drop"], // 9
        ["drop"], // 10
        ["i32.const", 0], // 11
        ["i64.const", 0n], // 12
        ["end"], // 13
      ],
      [[1, "i64"]],
    );
    expect(Array.from(fn.heights)).toEqual([0, 1, 2, 2, 1, 0, 1, 2, -1, 2, 1, 0, 1, 2]);
    expect(fn.matchingEnd[2]).toBe(8);
    expect(fn.hasBlockParams).toBe(true);
  });

  it("tells whether any block type has parameters", () => {
    const types = [funcType([], []), funcType([], ["i32"]), funcType(["i32"], [])];
    const noParams: Instr[] = [["block", 1], ["i32.const", 1], ["end"], ["drop"], ["end"]];
    expect(validModuleFunc(types, noParams).hasBlockParams).toBe(false);
    const inDeadCode: Instr[] = [["unreachable"], ["block", 2], ["drop"], ["end"], ["end"]];
    expect(validModuleFunc(types, inDeadCode).hasBlockParams).toBe(true);
  });

  it("branches to a loop with the loop's parameters", () => {
    validModuleFunc(
      [funcType([], []), funcType(["i32"], ["i32"])],
      [["i32.const", 0], ["loop", 1], ["i32.const", 1], ["br_if", 0], ["end"], ["drop"], ["end"]],
    );
  });

  it("requires if without else to have params equal to results", () => {
    validModuleFunc(
      [funcType([], ["i32"]), funcType(["i32"], ["i32"])],
      [["i32.const", 1], ["i32.const", 0], ["if", 1], ["end"], ["end"]],
    );
    const e = rejection(() =>
      validateModule(
        moduleOf({
          types: [funcType([], []), funcType([], ["i32"])],
          functions: [0],
          codes: [
            {
              locals: [],
              code: moduleWithFunc(
                [],
                [],
                [["i32.const", 0], ["if", 1], ["i32.const", 1], ["end"], ["drop"], ["end"]],
              ).codes[0]!.code,
              offset: 0,
            },
          ],
        }),
      ),
    );
    expect(e.reason).toBe("type mismatch");
    expect(e.offset).toBe(offsetOf(3));
  });

  it("applies the 2.0 br_table rule", () => {
    // Same arity, different types: fine when the operands are unknown.
    validFunc(
      [],
      [],
      [
        ["block", "f32"],
        ["block", "i64"],
        ["unreachable"],
        ["i32.const", 0],
        ["br_table", [0], 1],
        ["end"],
        ["drop"],
        ["unreachable"],
        ["end"],
        ["drop"],
        ["end"],
      ],
    );
    // Different arities: invalid even on a polymorphic stack.
    expectInvalid(
      [],
      [],
      [
        ["block", "i32"],
        ["block"],
        ["unreachable"],
        ["i32.const", 0],
        ["br_table", [0], 1],
        ["end"],
        ["end"],
        ["end"],
      ],
      "type mismatch",
      4,
    );
    // A known operand must match every target.
    expectInvalid(
      [],
      [],
      [
        ["block", "f32"],
        ["block", "i64"],
        ["unreachable"],
        ["i64.const", 0n],
        ["i32.const", 0],
        ["br_table", [0], 1],
        ["end"],
        ["drop"],
        ["unreachable"],
        ["end"],
        ["drop"],
        ["end"],
      ],
      "type mismatch",
      5,
    );
    const fn = validFunc(
      ["i32"],
      ["i32"],
      [["block", "i32"], ["i32.const", 5], ["local.get", 0], ["br_table", [0, 1, 0], 1], ["end"], ["end"]],
    );
    expect(fn.heights[3]).toBe(2);
    expect(fn.heights[4]).toBe(-1);
    expectInvalid([], [], [["i32.const", 0], ["br_table", [0, 3], 0], ["end"]], "unknown label 3", 1);
  });

  it("reports each error family with the spec's wording at the instruction", () => {
    expectInvalid(
      [],
      [],
      [["i32.const", 1], ["i64.const", 1n], ["i32.add"], ["drop"], ["end"]],
      "type mismatch",
      2,
    );
    expectInvalid([], ["i32"], [["end"]], "type mismatch", 0);
    expectInvalid([], [], [["i32.const", 1], ["end"]], "type mismatch", 1);
    expectInvalid([], [], [["br", 1], ["end"]], "unknown label 1", 0);
    expectInvalid([], [], [["local.get", 0], ["drop"], ["end"]], "unknown local 0", 0);
    expectInvalid([], [], [["global.get", 0], ["drop"], ["end"]], "unknown global 0", 0);
    expectInvalid([], [], [["call", 5], ["end"]], "unknown function 5", 0);
    expectInvalid([], [], [["i32.const", 0], ["i32.load"], ["drop"], ["end"]], "unknown memory 0", 1);
    expectInvalid([], [], [["memory.size"], ["drop"], ["end"]], "unknown memory 0", 0);
    expectInvalid([], [], [["i32.const", 0], ["call_indirect", 0], ["end"]], "unknown table 0", 1);
    expectInvalid([], [], [["block", 9], ["end"], ["end"]], "unknown type 9", 0);
    expectInvalid([], [], [["elem.drop", 0], ["end"]], "unknown elem segment 0", 0);
    expectInvalid([], [], [["data.drop", 0], ["end"]], "unknown data segment 0", 0);
    expectInvalid([], [], [["ref.func", 0], ["drop"], ["end"]], "undeclared function reference", 0);
    expectInvalid([], [], [["select"], ["end"]], "type mismatch", 0);
    expectInvalid(
      [],
      [],
      [["i32.const", 0], ["i32.const", 0], ["i32.const", 0], ["select_t", []], ["end"]],
      "invalid result arity",
      3,
    );
    expectInvalid([], [], [["table.size", 0], ["drop"], ["end"]], "unknown table 0", 0);
  });

  it("rejects select of reference types without a type annotation", () => {
    expectInvalid(
      ["funcref"],
      [],
      [["local.get", 0], ["local.get", 0], ["i32.const", 1], ["select"], ["drop"], ["end"]],
      "type mismatch",
      3,
    );
    expectInvalid(
      [],
      [],
      [["i32.const", 1], ["f32.const", 1], ["i32.const", 1], ["select"], ["drop"], ["end"]],
      "type mismatch",
      3,
    );
  });

  it("checks memory alignment against the natural alignment", () => {
    const memories = [{ limits: { min: 1 }, shared: false }];
    const ok = moduleWithFunc([], [], [["i32.const", 0], ["i64.load32_u", 2], ["drop"], ["end"]], {
      memories,
    });
    expect(() => validateModule(ok)).not.toThrow();
    const bad = moduleWithFunc([], [], [["i32.const", 0], ["i64.load32_u", 3], ["drop"], ["end"]], {
      memories,
    });
    expect(rejection(() => validateModule(bad)).reason).toBe("alignment must not be larger than natural");
    const store = moduleWithFunc([], [], [["i32.const", 0], ["i32.const", 0], ["i32.store8", 1], ["end"]], {
      memories,
    });
    expect(rejection(() => validateModule(store)).offset).toBe(offsetOf(2));
  });

  it("refuses global.set of an immutable global", () => {
    const globals = [
      {
        type: { type: ValType.i32, mutable: false },
        init: moduleWithFunc([], [], [["i32.const", 0], ["end"]]).codes[0]!.code,
      },
    ];
    const m = moduleWithFunc([], [], [["i32.const", 1], ["global.set", 0], ["end"]], { globals });
    expect(rejection(() => validateModule(m)).reason).toBe("global is immutable");
  });

  it("types table and bulk memory instructions", () => {
    const tables = [
      { elemType: ValType.funcref, limits: { min: 1 } },
      { elemType: ValType.externref, limits: { min: 1 } },
    ];
    const memories = [{ limits: { min: 1 }, shared: false }];
    const ok = moduleWithFunc(
      ["externref"],
      [],
      [
        ["i32.const", 0],
        ["table.get", 0],
        ["drop"],
        ["i32.const", 0],
        ["local.get", 0],
        ["table.set", 1],
        ["ref.null", "externref"],
        ["i32.const", 1],
        ["table.grow", 1],
        ["drop"],
        ["i32.const", 0],
        ["ref.null", "funcref"],
        ["i32.const", 1],
        ["table.fill", 0],
        ["i32.const", 0],
        ["i32.const", 0],
        ["i32.const", 0],
        ["table.copy", 1, 1],
        ["i32.const", 0],
        ["i32.const", 0],
        ["i32.const", 0],
        ["memory.copy"],
        ["i32.const", 0],
        ["i32.const", 0],
        ["i32.const", 0],
        ["memory.fill"],
        ["end"],
      ],
      { tables, memories },
    );
    expect(() => validateModule(ok)).not.toThrow();
    const copy = moduleWithFunc(
      [],
      [],
      [["i32.const", 0], ["i32.const", 0], ["i32.const", 0], ["table.copy", 0, 1], ["end"]],
      { tables },
    );
    expect(rejection(() => validateModule(copy)).reason).toBe("type mismatch");
    const set = moduleWithFunc(
      [],
      [],
      [["i32.const", 0], ["ref.null", "funcref"], ["table.set", 1], ["end"]],
      {
        tables,
      },
    );
    expect(rejection(() => validateModule(set)).reason).toBe("type mismatch");
    const indirect = moduleWithFunc([], [], [["i32.const", 0], ["call_indirect", 0, 1], ["end"]], { tables });
    expect(rejection(() => validateModule(indirect)).reason).toBe("type mismatch");
  });

  it("accepts ref.func of declared functions", () => {
    const m = moduleWithFunc([], [], [["ref.func", 0], ["drop"], ["end"]], {
      exports: [{ name: "f", kind: ExternalKind.func, index: 0 }],
    });
    expect(() => validateModule(m)).not.toThrow();
  });

  it("honours the feature switches", () => {
    const m = moduleWithFunc([], ["i32"], [["i32.const", 1], ["i32.extend8_s"], ["end"]]);
    expect(() => validateModule(m)).not.toThrow();
    expect(rejection(() => validateModule(m, mvpFeatures)).reason).toBe("illegal opcode");
  });

  it("checks call arguments and results", () => {
    const m = moduleOf({
      types: [funcType(["i32", "f64"], ["i64"]), funcType([], [])],
      functions: [0, 1],
      codes: [
        { locals: [], code: moduleWithFunc([], [], [["i64.const", 0n], ["end"]]).codes[0]!.code, offset: 0 },
        {
          locals: [],
          code: moduleWithFunc([], [], [["i32.const", 0], ["f64.const", 1], ["call", 0], ["drop"], ["end"]])
            .codes[0]!.code,
          offset: 0,
        },
      ],
    });
    const validated = validateModule(m);
    expect(validated.functions[1]!.heights[3]).toBe(1);
    expect(validated.funcTypes).toHaveLength(2);
  });
});

function validModuleFunc(
  types: ReturnType<typeof funcType>[],
  instrs: Instr[],
  locals: [number, TypeName][] = [],
) {
  const code = moduleWithFunc([], [], instrs, {}, locals).codes[0]!;
  const validated = validateModule(moduleOf({ types, functions: [0], codes: [code] }));
  return validated.functions[0]!;
}
