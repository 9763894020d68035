import {
  type Code,
  CompileError,
  type ElementSegment,
  ExternalKind,
  type Features,
  type Global,
  type Import,
  type Module,
  mvpFeatures,
  SegmentMode,
  ValType,
  wasm2Features,
} from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";
import { assemble, body, funcType, type Instr, moduleOf, moduleWithFunc, offsetOf } from "./assemble.js";

function rejection(module: Module, features?: Features): CompileError {
  try {
    validateModule(module, features);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}

const expr = (...instrs: Instr[]): Code => assemble([...instrs, ["end"]]);
const global = (type: ValType, mutable: boolean, init: Code): Global => ({ type: { type, mutable }, init });
const importGlobal = (type: ValType, mutable: boolean): Import => ({
  module: "m",
  name: "g",
  desc: { kind: ExternalKind.global, type: { type, mutable } },
});
const funcrefTable = { elemType: ValType.funcref, limits: { min: 1 } } as const;
const memory = { limits: { min: 1 }, shared: false } as const;

function activeElem(init: Code[], offset: Code = expr(["i32.const", 0]), table = 0): ElementSegment {
  return { mode: SegmentMode.active, table, offset, elemType: ValType.funcref, init };
}

describe("module-level validation", () => {
  it("validates an empty module", () => {
    const validated = validateModule(moduleOf({}));
    expect(validated.functions).toEqual([]);
    expect(validated.funcTypes).toEqual([]);
  });

  it("lists function types with imports first", () => {
    const m = moduleWithFunc([], [], [["end"]], {
      types: [funcType(["i32"], [])],
      imports: [{ module: "m", name: "f", desc: { kind: ExternalKind.func, typeIndex: 1 } }],
    });
    const validated = validateModule(m);
    expect(validated.funcTypes.map((t) => t.params.length)).toEqual([1, 0]);
    expect(validated.functions[0]!.funcIndex).toBe(1);
  });

  it("checks type indices of functions and imports", () => {
    expect(rejection(moduleOf({ functions: [3], codes: [body([["end"]])] })).reason).toBe("unknown type 3");
    const imp = moduleOf({
      imports: [{ module: "m", name: "f", desc: { kind: ExternalKind.func, typeIndex: 0 } }],
    });
    expect(rejection(imp).reason).toBe("unknown type 0");
  });

  it("checks memory and table limits", () => {
    const big = moduleOf({ memories: [{ limits: { min: 65537 }, shared: false }] });
    expect(rejection(big).reason).toBe("memory size must be at most 65536 pages (4GiB)");
    const bigMax = moduleOf({ memories: [{ limits: { min: 0, max: 65537 }, shared: false }] });
    expect(rejection(bigMax).reason).toBe("memory size must be at most 65536 pages (4GiB)");
    const inverted = moduleOf({ memories: [{ limits: { min: 2, max: 1 }, shared: false }] });
    expect(rejection(inverted).reason).toBe("size minimum must not be greater than maximum");
    const table = moduleOf({ tables: [{ elemType: ValType.funcref, limits: { min: 2, max: 1 } }] });
    expect(rejection(table).reason).toBe("size minimum must not be greater than maximum");
    expect(() =>
      validateModule(moduleOf({ memories: [{ limits: { min: 0, max: 65536 }, shared: false }] })),
    ).not.toThrow();
  });

  it("allows at most one memory in 2.0, several with multi-memory (3.0)", () => {
    const two = moduleOf({ memories: [memory, memory] });
    expect(rejection(two, wasm2Features).reason).toBe("multiple memories");
    const imported = moduleOf({
      imports: [{ module: "m", name: "mem", desc: { kind: ExternalKind.memory, type: memory } }],
      memories: [memory],
    });
    expect(rejection(imported, wasm2Features).reason).toBe("multiple memories");
    expect(() => validateModule(two)).not.toThrow();
  });

  it("allows several tables in 2.0 but not in the MVP", () => {
    const m = moduleOf({ tables: [funcrefTable, funcrefTable] });
    expect(() => validateModule(m)).not.toThrow();
    expect(() => validateModule(m, mvpFeatures)).toThrow("multiple tables");
  });

  it("checks exports", () => {
    const dup = moduleWithFunc([], [], [["end"]], {
      exports: [
        { name: "a", kind: ExternalKind.func, index: 0 },
        { name: "a", kind: ExternalKind.func, index: 0 },
      ],
    });
    expect(rejection(dup).reason).toBe("duplicate export name");
    const unknown = (kind: ExternalKind) => moduleOf({ exports: [{ name: "x", kind, index: 0 }] });
    expect(rejection(unknown(ExternalKind.func)).reason).toBe("unknown function 0");
    expect(rejection(unknown(ExternalKind.table)).reason).toBe("unknown table 0");
    expect(rejection(unknown(ExternalKind.memory)).reason).toBe("unknown memory 0");
    expect(rejection(unknown(ExternalKind.global)).reason).toBe("unknown global 0");
  });

  it("checks the start function", () => {
    expect(rejection(moduleOf({ start: 0 })).reason).toBe("unknown function 0");
    const typed = moduleWithFunc(["i32"], [], [["end"]], { start: 0 });
    expect(rejection(typed).reason).toMatch(/^start function/);
    expect(() => validateModule(moduleWithFunc([], [], [["end"]], { start: 0 }))).not.toThrow();
  });

  it("checks element segments", () => {
    const withFunc = (extra: Partial<Module>) => moduleWithFunc([], [], [["end"]], extra);
    expect(() =>
      validateModule(withFunc({ tables: [funcrefTable], elements: [activeElem([expr(["ref.func", 0])])] })),
    ).not.toThrow();
    expect(rejection(withFunc({ elements: [activeElem([expr(["ref.func", 0])])] })).reason).toBe(
      "unknown table 0",
    );
    const externTable = { elemType: ValType.externref, limits: { min: 1 } } as const;
    expect(rejection(withFunc({ tables: [externTable], elements: [activeElem([])] })).reason).toBe(
      "type mismatch",
    );
    const badOffset = activeElem([], expr(["i64.const", 0n]));
    expect(rejection(withFunc({ tables: [funcrefTable], elements: [badOffset] })).reason).toBe(
      "type mismatch",
    );
    const badInit = activeElem([expr(["ref.null", "externref"])]);
    expect(rejection(withFunc({ tables: [funcrefTable], elements: [badInit] })).reason).toBe("type mismatch");
    const unknownFunc = activeElem([expr(["ref.func", 5])]);
    expect(rejection(withFunc({ tables: [funcrefTable], elements: [unknownFunc] })).reason).toBe(
      "unknown function 5",
    );
    const passive: ElementSegment = {
      mode: SegmentMode.passive,
      table: 0,
      offset: null,
      elemType: ValType.externref,
      init: [expr(["ref.null", "externref"])],
    };
    expect(() => validateModule(withFunc({ elements: [passive] }))).not.toThrow();
  });

  it("checks data segments and the data count", () => {
    const active = {
      mode: SegmentMode.active,
      memory: 0,
      offset: expr(["i32.const", 0]),
      bytes: new Uint8Array(1),
    };
    expect(rejection(moduleOf({ datas: [active] })).reason).toBe("unknown memory 0");
    expect(() => validateModule(moduleOf({ memories: [memory], datas: [active] }))).not.toThrow();
    const badOffset = { ...active, offset: expr(["f32.const", 0]) };
    expect(rejection(moduleOf({ memories: [memory], datas: [badOffset] })).reason).toBe("type mismatch");
    const passive = { mode: SegmentMode.passive, memory: 0, offset: null, bytes: new Uint8Array(1) };
    const init: Instr[] = [
      ["i32.const", 0],
      ["i32.const", 0],
      ["i32.const", 0],
      ["memory.init", 1],
      ["data.drop", 0],
      ["end"],
    ];
    const twoDatas = { memories: [memory], datas: [passive, passive], dataCount: 2 };
    expect(() => validateModule(moduleWithFunc([], [], init, twoDatas))).not.toThrow();
    const oneData = { memories: [memory], datas: [passive], dataCount: 1 };
    const e = rejection(moduleWithFunc([], [], init, oneData));
    expect(e.reason).toBe("unknown data segment 1");
    expect(e.offset).toBe(offsetOf(3));
  });

  it("checks table.init and elem.drop against the segments", () => {
    const passive: ElementSegment = {
      mode: SegmentMode.passive,
      table: 0,
      offset: null,
      elemType: ValType.externref,
      init: [],
    };
    const code: Instr[] = [
      ["i32.const", 0],
      ["i32.const", 0],
      ["i32.const", 0],
      ["table.init", 0, 0],
      ["elem.drop", 0],
      ["end"],
    ];
    const externTable = { elemType: ValType.externref, limits: { min: 1 } } as const;
    expect(() =>
      validateModule(moduleWithFunc([], [], code, { tables: [externTable], elements: [passive] })),
    ).not.toThrow();
    const mismatch = rejection(moduleWithFunc([], [], code, { tables: [funcrefTable], elements: [passive] }));
    expect(mismatch.reason).toBe("type mismatch");
    expect(mismatch.offset).toBe(offsetOf(3));
    expect(rejection(moduleWithFunc([], [], code, { tables: [externTable] })).reason).toBe(
      "unknown elem segment 0",
    );
  });
});

describe("constant expressions", () => {
  it("accepts constants and imported immutable globals", () => {
    const m = moduleOf({
      imports: [importGlobal(ValType.i64, false)],
      globals: [
        global(ValType.i32, false, expr(["i32.const", 1])),
        global(ValType.i64, true, expr(["global.get", 0])),
        global(ValType.f64, false, expr(["f64.const", 1.5])),
        global(ValType.externref, false, expr(["ref.null", "externref"])),
      ],
    });
    expect(() => validateModule(m)).not.toThrow();
  });

  it("requires constant instructions", () => {
    const e = rejection(
      moduleOf({
        globals: [global(ValType.i32, false, expr(["i32.const", 0], ["i32.const", 1], ["i32.add"]))],
      }),
    );
    expect(e.reason).toBe("constant expression required");
    expect(e.offset).toBe(offsetOf(2));
    expect(rejection(moduleOf({ globals: [global(ValType.i32, false, expr(["nop"]))] })).reason).toBe(
      "constant expression required",
    );
  });

  it("only reads imported immutable globals (the 2.0 rule)", () => {
    const defined = moduleOf({
      globals: [
        global(ValType.i32, false, expr(["i32.const", 0])),
        global(ValType.i32, false, expr(["global.get", 0])),
      ],
    });
    expect(rejection(defined).reason).toBe("unknown global 0");
    const mutable = moduleOf({
      imports: [importGlobal(ValType.i32, true)],
      globals: [global(ValType.i32, false, expr(["global.get", 0]))],
    });
    expect(rejection(mutable).reason).toBe("constant expression required");
  });

  it("requires exactly one value of the right type", () => {
    expect(rejection(moduleOf({ globals: [global(ValType.i32, false, expr())] })).reason).toBe(
      "type mismatch",
    );
    expect(
      rejection(moduleOf({ globals: [global(ValType.i32, false, expr(["i64.const", 0n]))] })).reason,
    ).toBe("type mismatch");
    const two = expr(["i32.const", 0], ["i32.const", 0]);
    expect(rejection(moduleOf({ globals: [global(ValType.i32, false, two)] })).reason).toBe("type mismatch");
  });
});

describe("declared function references", () => {
  const refFunc: Instr[] = [["ref.func", 0], ["drop"], ["end"]];

  it("rejects ref.func of an undeclared function", () => {
    const e = rejection(moduleWithFunc([], [], refFunc));
    expect(e.reason).toBe("undeclared function reference");
    expect(e.offset).toBe(offsetOf(0));
  });

  it("counts exports, element segments and global initializers as declarations", () => {
    const byExport = { exports: [{ name: "f", kind: ExternalKind.func, index: 0 }] };
    expect(() => validateModule(moduleWithFunc([], [], refFunc, byExport))).not.toThrow();
    const declarative: ElementSegment = {
      mode: SegmentMode.declarative,
      table: 0,
      offset: null,
      elemType: ValType.funcref,
      init: [expr(["ref.func", 0])],
    };
    expect(() => validateModule(moduleWithFunc([], [], refFunc, { elements: [declarative] }))).not.toThrow();
    const byGlobal = { globals: [global(ValType.funcref, false, expr(["ref.func", 0]))] };
    expect(() => validateModule(moduleWithFunc([], [], refFunc, byGlobal))).not.toThrow();
  });

  it("does not count a ref.func inside another function body", () => {
    const m = moduleOf({
      types: [funcType()],
      functions: [0, 0],
      codes: [body(refFunc), body(refFunc)],
    });
    expect(rejection(m).reason).toBe("undeclared function reference");
  });
});
