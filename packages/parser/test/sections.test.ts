import { ExternalKind, type Features, SegmentMode, ValType, wasm2Features } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { parseError, reasonOf } from "./helpers.js";
import {
  body,
  END,
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  header,
  I32,
  I64,
  section,
  str,
  V128,
  vec,
  voidFunctions,
  wasm,
} from "./wasm-builder.js";

describe("header", () => {
  it("accepts the empty module", () => {
    const m = parseModule(wasm());
    expect(m.types).toEqual([]);
    expect(m.codes).toEqual([]);
    expect(m.start).toBeNull();
    expect(m.dataCount).toBeNull();
    expect(m.names).toBeNull();
  });
  it("rejects a bad magic, a bad version and truncations", () => {
    expect(reasonOf(Uint8Array.of(0x00, 0x61, 0x73))).toBe("unexpected end of section or function");
    expect(reasonOf(Uint8Array.of(0x00, 0x41, 0x53, 0x4d, 1, 0, 0, 0))).toBe("magic header not detected");
    expect(reasonOf(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0))).toBe("unknown binary version");
    expect(reasonOf(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0))).toBe(
      "unexpected end of section or function",
    );
  });
});

describe("section framing", () => {
  it("rejects unknown section ids", () => {
    const error = parseError(wasm([0x0d, 0x00]));
    expect(error.reason).toBe("malformed section id");
    expect(error.offset).toBe(8);
  });
  it("rejects duplicate and out-of-order sections", () => {
    expect(reasonOf(wasm(section(1, vec()), section(1, vec())))).toBe(
      "unexpected content after last section",
    );
    expect(reasonOf(wasm(section(3, vec()), section(2, vec())))).toBe(
      "unexpected content after last section",
    );
    expect(reasonOf(wasm(section(10, vec()), section(12, [0])))).toBe(
      "unexpected content after last section",
    );
  });
  it("places the data count section between element and code", () => {
    const m = parseModule(wasm(section(9, vec()), section(12, [0]), section(10, vec()), section(11, vec())));
    expect(m.dataCount).toBe(0);
  });
  it("accepts custom sections anywhere and keeps them in order", () => {
    const m = parseModule(
      wasm(
        section(0, str("a"), [1, 2]),
        section(1, vec()),
        section(0, str("b")),
        section(3, vec()),
        section(0, str("c"), [3]),
      ),
    );
    expect(m.customSections.map((s) => s.name)).toEqual(["a", "b", "c"]);
    expect([...m.customSections[0]!.bytes]).toEqual([1, 2]);
    expect([...m.customSections[2]!.bytes]).toEqual([3]);
  });
  it("rejects sections whose contents do not end at their size", () => {
    const longer = [1, 5, ...vec([0x60, 0, 0]), 0];
    expect(parseError(wasm(longer)).reason).toBe("section size mismatch");
    expect(reasonOf(wasm([1, 0x10, ...vec([0x60, 0, 0])]))).toBe("length out of bounds");
  });
  it("rejects a custom section whose name runs past its size", () => {
    expect(reasonOf(wasm([0, 1, 3, 0x61, 0x62, 0x63]))).toBe("unexpected end of section or function");
  });
  it("checks the function and code section lengths agree", () => {
    expect(reasonOf(wasm(...voidFunctions(2), section(10, vec(body([], [END])))))).toBe(
      "function and code section have inconsistent lengths",
    );
    expect(reasonOf(wasm(section(10, vec(body([], [END])))))).toBe(
      "function and code section have inconsistent lengths",
    );
  });
  it("checks the data count against the data section", () => {
    expect(reasonOf(wasm(section(12, [1])))).toBe("data count and data section have inconsistent lengths");
    expect(reasonOf(wasm(section(12, [0]), section(11, vec([1, 0]))))).toBe(
      "data count and data section have inconsistent lengths",
    );
  });
});

describe("type section", () => {
  it("decodes function types", () => {
    const m = parseModule(
      wasm(section(1, vec([0x60, ...vec([I32], [I64]), ...vec([F32], [F64])], [0x60, 0, 1, V128]))),
    );
    expect(m.types).toEqual([
      { params: [ValType.i32, ValType.i64], results: [ValType.f32, ValType.f64] },
      { params: [], results: [ValType.v128] },
    ]);
  });
  it("rejects bad forms and value types", () => {
    expect(reasonOf(wasm(section(1, vec([0x61, 0, 0]))))).toBe("malformed function type");
    expect(reasonOf(wasm(section(1, vec([0x60, 1, 0x7a, 0]))))).toBe("malformed value type");
    expect(reasonOf(wasm(section(1, vec([0x60, 1, 0xff, 0x7f, 0]))))).toBe("integer representation too long");
  });
  it("reports a count larger than the section as the spec does", () => {
    expect(reasonOf(wasm([1, 7, 2, 0x60, 0, 0]))).toBe("length out of bounds");
    expect(reasonOf(wasm(section(1, [2, 0x60, 0, 0])))).toBe("unexpected end of section or function");
  });
});

describe("import section", () => {
  it("decodes all four kinds", () => {
    const m = parseModule(
      wasm(
        section(1, vec([0x60, 0, 0])),
        section(
          2,
          vec(
            [...str("m"), ...str("f"), 0, 0],
            [...str("m"), ...str("t"), 1, FUNCREF, 1, 1, 10],
            [...str("m"), ...str("mem"), 2, 0, 2],
            [...str("m"), ...str("g"), 3, I64, 1],
          ),
        ),
      ),
    );
    expect(m.imports).toEqual([
      { module: "m", name: "f", desc: { kind: ExternalKind.func, typeIndex: 0 } },
      {
        module: "m",
        name: "t",
        desc: { kind: ExternalKind.table, type: { elemType: ValType.funcref, limits: { min: 1, max: 10 } } },
      },
      {
        module: "m",
        name: "mem",
        desc: { kind: ExternalKind.memory, type: { limits: { min: 2 }, shared: false } },
      },
      {
        module: "m",
        name: "g",
        desc: { kind: ExternalKind.global, type: { type: ValType.i64, mutable: true } },
      },
    ]);
  });
  it("rejects bad kinds, names and nested types", () => {
    expect(reasonOf(wasm(section(2, vec([...str("m"), ...str("f"), 4, 0]))))).toBe("malformed import kind");
    expect(reasonOf(wasm(section(2, vec([1, 0xff, ...str("f"), 0, 0]))))).toBe("malformed UTF-8 encoding");
    expect(reasonOf(wasm(section(2, vec([...str("m"), 1, 0x80, 0, 0]))))).toBe("malformed UTF-8 encoding");
    expect(reasonOf(wasm(section(2, vec([...str("m"), ...str("g"), 3, I32, 2]))))).toBe(
      "malformed mutability",
    );
    expect(reasonOf(wasm(section(2, vec([...str("m"), ...str("t"), 1, I32, 0, 0]))))).toBe(
      "malformed reference type",
    );
  });
});

describe("table and memory sections", () => {
  it("decodes limits with and without a maximum", () => {
    const m = parseModule(
      wasm(
        section(4, vec([FUNCREF, 0, 3], [EXTERNREF, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f])),
        section(5, vec([1, 1, 2])),
      ),
    );
    expect(m.tables).toEqual([
      { elemType: ValType.funcref, limits: { min: 3 } },
      { elemType: ValType.externref, limits: { min: 0, max: 0xffffffff } },
    ]);
    expect(m.memories).toEqual([{ limits: { min: 1, max: 2 }, shared: false }]);
  });
  it("rejects limits flags other than 0 and 1 as the spec does", () => {
    expect(reasonOf(wasm(section(5, vec([2, 0]))))).toBe("integer too large");
    expect(reasonOf(wasm(section(5, vec([3, 0, 1]))))).toBe("integer too large");
    expect(reasonOf(wasm(section(4, vec([FUNCREF, 0x81, 0x00, 0]))))).toBe("integer representation too long");
    expect(reasonOf(wasm(section(5, vec([0, 0x80, 0x80, 0x80, 0x80, 0x10]))))).toBe("integer too large");
  });
  it("rejects externref tables without reference types", () => {
    const mvp = { ...parseFeatures(), referenceTypes: false };
    expect(reasonOf(wasm(section(4, vec([EXTERNREF, 0, 0]))), mvp)).toBe("malformed reference type");
  });
});

function parseFeatures(): Features {
  return { ...wasm2Features };
}

describe("global, export and start sections", () => {
  it("decodes globals with their initializer as Code", () => {
    const m = parseModule(
      wasm(section(6, vec([I32, 0, 0x41, 0x2a, END], [F64, 1, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, END]))),
    );
    expect(m.globals).toHaveLength(2);
    expect(m.globals[0]!.type).toEqual({ type: ValType.i32, mutable: false });
    expect([...m.globals[0]!.init.ops]).toEqual([0x41, 42, 0x0b]);
    expect(m.globals[1]!.type).toEqual({ type: ValType.f64, mutable: true });
    expect([...m.globals[1]!.init.ops]).toEqual([0x44, 0, 0x3ff00000, 0x0b]);
  });
  it("reports an initializer missing its end as the spec does", () => {
    const bytes = wasm(...voidFunctions(1), [6, 5, 1, I32, 0, 0x41, 0], section(10, vec(body([], [END]))));
    expect(reasonOf(bytes)).toBe("illegal opcode");
  });
  it("decodes exports and the start function", () => {
    const m = parseModule(
      wasm(
        ...voidFunctions(1),
        section(7, vec([...str("run"), 0, 0], [...str("mem"), 2, 0], [...str("ünï"), 3, 5])),
        section(8, [0]),
        section(10, vec(body([], [END]))),
      ),
    );
    expect(m.exports).toEqual([
      { name: "run", kind: ExternalKind.func, index: 0 },
      { name: "mem", kind: ExternalKind.memory, index: 0 },
      { name: "ünï", kind: ExternalKind.global, index: 5 },
    ]);
    expect(m.start).toBe(0);
  });
  it("rejects bad export kinds", () => {
    expect(reasonOf(wasm(section(7, vec([...str("x"), 4, 0]))))).toBe("malformed export kind");
  });
});

describe("element section", () => {
  const offset = [0x41, 0x01, END];
  it("decodes all eight encodings into one shape", () => {
    const bytes = wasm(
      section(
        9,
        vec(
          [0, ...offset, ...vec([3], [4])],
          [1, 0, ...vec([5])],
          [2, 1, ...offset, 0, ...vec([6])],
          [3, 0, ...vec([7])],
          [4, ...offset, ...vec([0xd2, 8, END], [0xd0, FUNCREF, END])],
          [5, EXTERNREF, ...vec([0xd0, EXTERNREF, END])],
          [6, 2, ...offset, FUNCREF, ...vec([0xd2, 9, END])],
          [7, FUNCREF, ...vec()],
        ),
      ),
    );
    const m = parseModule(bytes);
    const e = m.elements;
    expect(e.map((s) => s.mode)).toEqual([
      SegmentMode.active,
      SegmentMode.passive,
      SegmentMode.active,
      SegmentMode.declarative,
      SegmentMode.active,
      SegmentMode.passive,
      SegmentMode.active,
      SegmentMode.declarative,
    ]);
    expect(e.map((s) => s.table)).toEqual([0, 0, 1, 0, 0, 0, 2, 0]);
    expect(e.map((s) => s.elemType)).toEqual([
      ValType.funcref,
      ValType.funcref,
      ValType.funcref,
      ValType.funcref,
      ValType.funcref,
      ValType.externref,
      ValType.funcref,
      ValType.funcref,
    ]);
    expect(e.map((s) => s.offset !== null)).toEqual([true, false, true, false, true, false, true, false]);
    expect([...e[0]!.offset!.ops]).toEqual([0x41, 1, 0x0b]);
    const inits = e.map((s) => s.init.map((c) => [...c.ops]));
    expect(inits).toEqual([
      [
        [0xd2, 3, 0x0b],
        [0xd2, 4, 0x0b],
      ],
      [[0xd2, 5, 0x0b]],
      [[0xd2, 6, 0x0b]],
      [[0xd2, 7, 0x0b]],
      [
        [0xd2, 8, 0x0b],
        [0xd0, FUNCREF, 0x0b],
      ],
      [[0xd0, EXTERNREF, 0x0b]],
      [[0xd2, 9, 0x0b]],
      [],
    ]);
    const synthesized = e[0]!.init[0]!;
    expect(synthesized.count).toBe(2);
    expect([...synthesized.starts]).toEqual([0, 2]);
    // Both instructions of a synthesized ref.func are at the function index's byte.
    const [indexAt] = synthesized.offsets;
    expect([...synthesized.offsets]).toEqual([indexAt, indexAt]);
    expect(bytes[indexAt!]).toBe(3);
    // An offset expression's instructions are where the binary has them.
    expect([...e[0]!.offset!.offsets].map((at) => bytes[at])).toEqual([0x41, END]);
  });
  it("rejects bad flags, element kinds and reference types", () => {
    expect(reasonOf(wasm(section(9, vec([8, 0]))))).toBe("malformed elements segment kind");
    expect(reasonOf(wasm(section(9, vec([1, 1, 0]))))).toBe("malformed element kind");
    expect(reasonOf(wasm(section(9, vec([5, I32, 0]))))).toBe("malformed reference type");
  });
});

describe("data and data count sections", () => {
  it("decodes the three encodings", () => {
    const m = parseModule(
      wasm(
        section(12, [3]),
        section(11, vec([0, 0x41, 0, END, ...str("ab")], [1, ...str("c")], [2, 1, 0x41, 8, END, 0])),
      ),
    );
    expect(m.dataCount).toBe(3);
    expect(m.datas.map((d) => [d.mode, d.memory, d.offset === null, [...d.bytes]])).toEqual([
      [SegmentMode.active, 0, false, [0x61, 0x62]],
      [SegmentMode.passive, 0, true, [0x63]],
      [SegmentMode.active, 1, false, []],
    ]);
    expect([...m.datas[2]!.offset!.ops]).toEqual([0x41, 8, 0x0b]);
  });
  it("keeps any memory index and offset expression as decoded", () => {
    // Index 2^32-1 and a three-instruction offset are for the validator to reject, not the parser.
    const maxIndex = [0xff, 0xff, 0xff, 0xff, 0x0f];
    const m = parseModule(
      wasm(section(11, vec([2, ...maxIndex, 0x41, 1, 0x41, 2, 0x6a, END, 0], [0, END, ...str("d")]))),
    );
    expect(m.datas[0]!.memory).toBe(0xffffffff);
    expect(m.datas[0]!.offset!.count).toBe(4);
    expect([...m.datas[0]!.offset!.ops]).toEqual([0x41, 1, 0x41, 2, 0x6a, 0x0b]);
    expect(m.datas[1]!.offset!.count).toBe(1);
    expect([...m.datas[1]!.bytes]).toEqual([0x64]);
  });
  it("rejects bad flags and truncated contents", () => {
    expect(reasonOf(wasm(section(11, vec([3, 0]))))).toBe("malformed data segment kind");
    expect(reasonOf(wasm([11, 5, 1, 1, 5, 0x61, 0x62]))).toBe("length out of bounds");
    expect(reasonOf(wasm([11, 5, 1, 1, 3, 0x61, 0x62]))).toBe("unexpected end of section or function");
  });
  it("requires bulk memory for passive segments and the data count section", () => {
    const noBulk = { ...parseFeatures(), bulkMemory: false };
    expect(reasonOf(wasm(section(11, vec([1, 0]))), noBulk)).toBe("malformed data segment kind");
    expect(reasonOf(wasm(section(12, [0])), noBulk)).toBe("malformed section id");
  });
});

describe("code section", () => {
  it("decodes run-length locals and records body offsets", () => {
    const bytes = wasm(
      ...voidFunctions(1),
      section(
        10,
        vec(
          body(
            [
              [2, I32],
              [1, F64],
            ],
            [END],
          ),
        ),
      ),
    );
    const m = parseModule(bytes);
    expect(m.codes[0]!.locals).toEqual([
      { count: 2, type: ValType.i32 },
      { count: 1, type: ValType.f64 },
    ]);
    const codeSectionStart = header.length + 6 + 4; // type (6 bytes) + function (4 bytes)
    expect(m.codes[0]!.offset).toBe(codeSectionStart + 3);
    expect(m.functions).toEqual([0]);
  });
  it("limits the total number of locals", () => {
    const ok = wasm(...voidFunctions(1), section(10, vec(body([[0xffffffff, I32]], [END]))));
    expect(parseModule(ok).codes[0]!.locals[0]!.count).toBe(0xffffffff);
    const tooMany = wasm(
      ...voidFunctions(1),
      section(
        10,
        vec(
          body(
            [
              [0xffffffff, I32],
              [1, I64],
            ],
            [END],
          ),
        ),
      ),
    );
    expect(reasonOf(tooMany)).toBe("too many locals");
  });
  it("rejects a body that does not end at its size", () => {
    const bytes = wasm(...voidFunctions(1), section(10, vec([3, 0, 0x01, END, END])));
    expect(reasonOf(bytes)).toBe("section size mismatch");
  });
  it("reports a body missing its end as the spec does", () => {
    const bytes = wasm(...voidFunctions(2), section(10, vec([3, 0, 0x41, 1], [4, 0, 0x41, 1, END])));
    // The first body reads on into the second: its size byte 4 is `if`, whose block type 0 is a
    // type index; then `i32.const 1; end` closes the `if` and the first body still lacks an end.
    expect(reasonOf(bytes)).toBe("unexpected end of section or function");
  });
});
