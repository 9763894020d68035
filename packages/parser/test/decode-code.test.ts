import { type Code, mvpFeatures, opId, PREFIX_FC_BASE, wasm2Features } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { parseError, reasonOf } from "./helpers.js";
import { END, F32, FUNCREF, I32, I64, moduleWithBody, section, vec } from "./wasm-builder.js";

const memory = { before: [section(5, vec([0, 1]))] };
const dataCount = { before: [section(12, [1])], after: [section(11, vec([1, 0]))] };

function bodyCode(instrs: readonly number[], ...extra: Parameters<typeof moduleWithBody>[1][]): Code {
  return parseModule(moduleWithBody(instrs, ...extra)).codes[0]!.code;
}

/** The instructions of `code` as arrays: opcode id, then its immediates. */
function instructions(code: Code): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < code.count; i++) {
    const end = i + 1 < code.count ? code.starts[i + 1]! : code.ops.length;
    out.push([...code.ops.subarray(code.starts[i]!, end)]);
  }
  return out;
}

const op = opId;

describe("function bodies in the Code format", () => {
  it("records each instruction's start and byte offset, including the final end", () => {
    const bytes = moduleWithBody([0x41, 0x80, 0x01, 0x1a, END]);
    const code = parseModule(bytes).codes[0]!.code;
    expect(code.count).toBe(3);
    expect([...code.ops]).toEqual([op("i32.const"), 128, op("drop"), op("end")]);
    expect([...code.starts]).toEqual([0, 2, 3]);
    const first = code.offsets[0]!;
    expect(bytes[first]).toBe(0x41);
    expect([...code.offsets]).toEqual([first, first + 3, first + 4]);
  });
  it("stores block types as raw s33", () => {
    const code = bodyCode([0x02, 0x40, END, 0x03, I32, END, 0x02, 0x00, END, 0x02, 0x81, 0x01, END, END]);
    expect(instructions(code)).toEqual([
      [op("block"), -64],
      [op("end")],
      [op("loop"), -1],
      [op("end")],
      [op("block"), 0],
      [op("end")],
      [op("block"), 129],
      [op("end")],
      [op("end")],
    ]);
  });
  it("keeps long negative block types invalid rather than malformed", () => {
    // -1 in two bytes is not the value type i32: it decodes to an index no module has.
    const code = bodyCode([0x02, 0xff, 0x7f, END, END]);
    expect(instructions(code)[0]).toEqual([op("block"), 0x7fffffff]);
  });
  it("rejects single-byte block types that are not value types", () => {
    expect(reasonOf(moduleWithBody([0x02, 0x7a, END, END]))).toBe("malformed value type");
  });
  it("decodes if/else and br_table", () => {
    const code = bodyCode([0x41, 0, 0x04, 0x40, 0x0e, 2, 0, 1, 0, 0x05, 0x0c, 0, END, END]);
    expect(instructions(code)).toEqual([
      [op("i32.const"), 0],
      [op("if"), -64],
      [op("br_table"), 2, 0, 1, 0],
      [op("else")],
      [op("br"), 0],
      [op("end")],
      [op("end")],
    ]);
  });
  it("decodes numeric constants", () => {
    const code = bodyCode([
      0x41,
      0x7f,
      0x42,
      0x80,
      0x80,
      0x80,
      0x80,
      0x10,
      0x42,
      0x7f,
      0x43,
      0x00,
      0x00,
      0x80,
      0x3f,
      0x44,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      END,
    ]);
    expect(instructions(code)).toEqual([
      [op("i32.const"), -1],
      [op("i64.const"), 0, 1],
      [op("i64.const"), -1, -1],
      [op("f32.const"), 0x3f800000],
      [op("f64.const"), 0x04030201, 0x08070605],
      [op("end")],
    ]);
  });
  it("decodes memory immediates", () => {
    const code = bodyCode(
      [0x41, 0, 0x28, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x1a, 0x3f, 0, 0x40, 0, 0x1a, END],
      memory,
    );
    expect(instructions(code)).toEqual([
      [op("i32.const"), 0],
      [op("i32.load"), 0, 2, -1, 0],
      [op("drop")],
      [op("memory.size"), 0],
      [op("memory.grow"), 0],
      [op("drop")],
      [op("end")],
    ]);
  });
  it("rejects alignment exponents of 32 and more, and multi-memory flags", () => {
    expect(bodyCode([0x41, 0, 0x28, 31, 0, 0x1a, END], memory).ops[4]).toBe(31);
    for (const align of [[32], [33], [0x40], [0x41], [0x80, 0x01]]) {
      expect(reasonOf(moduleWithBody([0x41, 0, 0x28, ...align, 0, 0x1a, END], memory))).toBe(
        "malformed memop flags",
      );
    }
  });
  it("requires reserved memory indices to be a zero byte", () => {
    expect(reasonOf(moduleWithBody([0x3f, 0x01, 0x1a, END], memory))).toBe("zero byte expected");
    expect(reasonOf(moduleWithBody([0x3f, 0x80, 0x00, 0x1a, END], memory))).toBe("zero byte expected");
    expect(reasonOf(moduleWithBody([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 11, 1, END], memory))).toBe(
      "zero byte expected",
    );
    expect(reasonOf(moduleWithBody([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 10, 0, 1, END], memory))).toBe(
      "zero byte expected",
    );
  });
  it("decodes calls, variables, select and references", () => {
    const code = bodyCode([
      0x10,
      0x85,
      0x01,
      0x11,
      3,
      2,
      0x20,
      1,
      0x21,
      2,
      0x22,
      3,
      0x23,
      4,
      0x24,
      5,
      0x1b,
      0x1c,
      1,
      I64,
      0xd0,
      FUNCREF,
      0xd1,
      0xd2,
      7,
      0x25,
      1,
      0x26,
      2,
      END,
    ]);
    expect(instructions(code)).toEqual([
      [op("call"), 133],
      [op("call_indirect"), 3, 2],
      [op("local.get"), 1],
      [op("local.set"), 2],
      [op("local.tee"), 3],
      [op("global.get"), 4],
      [op("global.set"), 5],
      [op("select")],
      [0x1c, 1, I64],
      [op("ref.null"), FUNCREF],
      [op("ref.is_null")],
      [op("ref.func"), 7],
      [op("table.get"), 1],
      [op("table.set"), 2],
      [op("end")],
    ]);
  });
  it("rejects bad types in select and ref.null", () => {
    expect(reasonOf(moduleWithBody([0x1c, 1, 0x40, END]))).toBe("malformed value type");
    expect(reasonOf(moduleWithBody([0xd0, I32, END]))).toBe("malformed reference type");
  });
  it("decodes 0xFC operators with their immediates", () => {
    const code = bodyCode(
      [
        0xfc,
        0,
        0xfc,
        8,
        0,
        0,
        0xfc,
        9,
        0,
        0xfc,
        10,
        0,
        0,
        0xfc,
        11,
        0,
        0xfc,
        12,
        1,
        2,
        0xfc,
        13,
        3,
        0xfc,
        14,
        4,
        5,
        0xfc,
        15,
        6,
        0xfc,
        16,
        7,
        0xfc,
        17,
        8,
        0xfc,
        0x80,
        0x00,
        END,
      ],
      memory,
      dataCount,
    );
    expect(instructions(code)).toEqual([
      [PREFIX_FC_BASE + 0],
      [op("memory.init"), 0, 0],
      [op("data.drop"), 0],
      [op("memory.copy"), 0, 0],
      [op("memory.fill"), 0],
      [op("table.init"), 1, 2],
      [op("elem.drop"), 3],
      [op("table.copy"), 4, 5],
      [op("table.grow"), 6],
      [op("table.size"), 7],
      [op("table.fill"), 8],
      [PREFIX_FC_BASE + 0],
      [op("end")],
    ]);
  });
  it("requires a data count section for memory.init and data.drop", () => {
    expect(reasonOf(moduleWithBody([0xfc, 9, 0, END], memory))).toBe("data count section required");
    expect(reasonOf(moduleWithBody([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 8, 0, 0, END], memory))).toBe(
      "data count section required",
    );
    expect(parseModule(moduleWithBody([0xfc, 9, 0, END], memory, dataCount)).dataCount).toBe(1);
  });
  it("rejects unknown opcodes with their bytes", () => {
    for (const bytes of [
      [0x06],
      [0x27],
      [0xc5],
      [0xfc, 18],
      [0xfc, 0x80, 0x02],
      [0xfd, 0x9a, 0x01], // 0x9a: a gap in the SIMD opcodes
      [0xfd, 0x80, 0x02],
      [0xfe, 0],
      [0xff],
    ]) {
      const error = parseError(moduleWithBody([...bytes, END]));
      expect(error.reason).toBe("illegal opcode");
    }
    expect(parseError(moduleWithBody([0xfc, 18, END])).message).toMatch(/^illegal opcode: fc 12 /);
  });
  it("rejects operators whose feature is disabled", () => {
    expect(reasonOf(moduleWithBody([0x41, 0, 0xc0, 0x1a, END]), mvpFeatures)).toBe("illegal opcode");
    expect(reasonOf(moduleWithBody([0xfc, 0, END]), mvpFeatures)).toBe("illegal opcode");
    expect(reasonOf(moduleWithBody([0xd0, FUNCREF, 0x1a, END]), mvpFeatures)).toBe("illegal opcode");
    expect(bodyCode([0x41, 0, 0xc0, 0x1a, END]).count).toBe(4);
  });
  it("reads call_indirect's table as a zero byte without reference types", () => {
    expect(reasonOf(moduleWithBody([0x41, 0, 0x11, 0, 1, END]), mvpFeatures)).toBe("zero byte expected");
    const mvp = parseModule(moduleWithBody([0x41, 0, 0x11, 0, 0, END]), mvpFeatures);
    expect(instructions(mvp.codes[0]!.code)[1]).toEqual([op("call_indirect"), 0, 0]);
  });
  it("requires else inside if and end at the body's close", () => {
    expect(reasonOf(moduleWithBody([0x05, END]))).toBe("END opcode expected");
    expect(reasonOf(moduleWithBody([0x02, 0x40, 0x05, END, END]))).toBe("END opcode expected");
    expect(reasonOf(moduleWithBody([0x41, 0, 0x04, 0x40, 0x05, 0x05, END, END]))).toBe("END opcode expected");
    expect(reasonOf(moduleWithBody([0x02, 0x40, END]))).toBe("unexpected end of section or function");
  });
  it("decodes deeply nested blocks without recursion", () => {
    const depth = 100_000;
    const instrs = [...Array(depth).fill([0x02, 0x40]).flat(), ...Array(depth + 1).fill(END)];
    expect(bodyCode(instrs).count).toBe(2 * depth + 1);
  });
  it("decodes large bodies that outgrow the output chunks", () => {
    const n = 200_000;
    const instrs = [...Array(n).fill([0x42, 0x7f, 0x1a]).flat(), END];
    const code = bodyCode(instrs);
    expect(code.count).toBe(2 * n + 1);
    expect(code.ops.length).toBe(4 * n + 1);
    expect([...code.ops.subarray(0, 5)]).toEqual([op("i64.const"), -1, -1, op("drop"), op("i64.const")]);
    // Offsets are found by decoding the body again when first read.
    const offsets = code.offsets;
    expect(offsets.length).toBe(2 * n + 1);
    expect(offsets[1]! - offsets[0]!).toBe(2);
    expect(offsets[2 * n]! - offsets[0]!).toBe(3 * n);
    expect(code.offsets).toBe(offsets);
  });
  it("keeps each body's Code independent when many share the output chunks", () => {
    const bodies = Array.from({ length: 300 }, (_, i) => [0x41, i & 0x3f, 0x1a, END]);
    const bytes = Uint8Array.from([
      0,
      0x61,
      0x73,
      0x6d,
      1,
      0,
      0,
      0,
      ...section(1, vec([0x60, 0, 0])),
      ...section(3, vec(...bodies.map(() => [0]))),
      ...section(10, vec(...bodies.map((b) => [b.length + 1, 0, ...b]))),
    ]);
    const m = parseModule(bytes, wasm2Features);
    expect(m.codes.map((c) => c.code.ops[1])).toEqual(bodies.map((b) => b[1]));
  });
  it("decodes global initializers that use typed values", () => {
    const m = parseModule(
      Uint8Array.from([
        0,
        0x61,
        0x73,
        0x6d,
        1,
        0,
        0,
        0,
        ...section(6, vec([F32, 0, 0x43, 0, 0, 0xc0, 0x7f, END])),
      ]),
    );
    expect([...m.globals[0]!.init.ops]).toEqual([op("f32.const"), 0x7fc00000, op("end")]);
  });
});
