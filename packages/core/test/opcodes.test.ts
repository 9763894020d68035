import { describe, expect, it } from "vitest";
import {
  instructionWords,
  opcodeById,
  opcodeIdFor,
  opcodes,
  opId,
  PREFIX_FC_BASE,
  PREFIX_FD_BASE,
  PREFIX_FE_BASE,
  SELECT_TYPED_ID,
} from "../src/index.js";

describe("opcode table", () => {
  it("has unique ids matching their encodings", () => {
    const seen = new Set<number>();
    for (const op of opcodes) {
      expect(seen.has(op.id)).toBe(false);
      seen.add(op.id);
      expect(opcodeIdFor(op.prefix, op.code)).toBe(op.id);
      expect(opcodeById(op.id)).toBe(op);
    }
  });
  it("covers the MVP numeric ops at their binary codes", () => {
    expect(opId("i32.add")).toBe(0x6a);
    expect(opId("i64.rotr")).toBe(0x8a);
    expect(opId("f64.copysign")).toBe(0xa6);
    expect(opId("f64.reinterpret_i64")).toBe(0xbf);
    expect(opId("table.fill")).toBe(PREFIX_FC_BASE + 17);
    expect(opId("i32.atomic.rmw.cmpxchg")).toBe(PREFIX_FE_BASE + 0x48);
    expect(opId("i32x4.relaxed_dot_i8x16_i7x16_add_s")).toBe(PREFIX_FD_BASE + 0x113);
  });
  it("rejects unknown encodings", () => {
    expect(opcodeIdFor(0, 0x27)).toBe(-1);
    expect(opcodeIdFor(0xfc, 18)).toBe(-1);
    expect(opcodeIdFor(0xfe, 4)).toBe(-1);
    expect(opcodeIdFor(0xff, 0)).toBe(-1);
    // A 0xFC sub-opcode never reaches into the 0xFD id range.
    expect(opcodeIdFor(0xfc, 0x100 + 0x0c)).toBe(-1);
  });
  it("gives every memory access its natural alignment", () => {
    for (const op of opcodes) {
      if (op.imm === "memarg") expect(op.naturalAlign).toBeGreaterThanOrEqual(0);
    }
    expect(opcodeById(opId("i64.load32_u"))?.naturalAlign).toBe(2);
  });

  it("sizes every instruction in the Code layout, counted immediates included", () => {
    const ops = Int32Array.from([
      ...[opId("local.get"), 0],
      ...[opId("i64.const"), 1, 0],
      ...[opId("i32.load"), 0, 2, 8, 0],
      ...[opId("br_table"), 2, 0, 1, 0],
      ...[SELECT_TYPED_ID, 1, 0x7f],
      ...[opId("v128.const"), 1, 2, 3, 4],
      ...[opId("memory.copy"), 0, 0],
      opId("end"),
    ]);
    const starts: number[] = [];
    for (let at = 0; at < ops.length; at += instructionWords(ops, at)) starts.push(at);
    expect(starts).toEqual([0, 2, 5, 10, 15, 18, 23, 26]);
  });
});
