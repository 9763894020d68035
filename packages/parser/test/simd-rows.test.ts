import { type OpcodeInfo, opcodeById, opcodes, PREFIX_FD_BASE, ValType } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { END, moduleWithBody, section, vec } from "./wasm-builder.js";

/**
 * The decoder reads immediates by the table's `imm` kind alone: the first test checks the layouts
 * of one row of each SIMD immediate kind, the last checks every SIMD row against an independent
 * assembler (wabt).
 */

const memory = { before: [section(5, vec([0, 1]))] };
const sixteen = Array.from({ length: 16 }, (_, i) => i);

describe("table-driven immediates", () => {
  it("decodes SIMD rows by their immediate kinds alone", () => {
    const body = [
      0xfd,
      12,
      ...sixteen,
      0xfd,
      21,
      3,
      0x1a,
      0xfd,
      13,
      ...sixteen,
      0x1a,
      0x41,
      0,
      0xfd,
      0,
      4,
      16,
      0x1a,
      0x41,
      0,
      0xfd,
      12,
      ...sixteen,
      0xfd,
      84,
      0,
      8,
      15,
      0x1a,
      END,
    ];
    const code = parseModule(moduleWithBody(body, memory)).codes[0]!.code;
    const words = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c];
    expect([...code.ops]).toEqual([
      PREFIX_FD_BASE + 12,
      ...words,
      PREFIX_FD_BASE + 21,
      3,
      0x1a,
      PREFIX_FD_BASE + 13,
      ...words,
      0x1a,
      0x41,
      0,
      PREFIX_FD_BASE + 0,
      0,
      4,
      16,
      0x1a,
      0x41,
      0,
      PREFIX_FD_BASE + 12,
      ...words,
      PREFIX_FD_BASE + 84,
      0,
      0,
      8,
      15,
      0x1a,
      0x0b,
    ]);
  });
});

/** Operands for a signature's params, as WAT. */
const operandText: Record<number, string> = {
  [ValType.i32]: "(i32.const 0)",
  [ValType.i64]: "(i64.const 0)",
  [ValType.f32]: "(f32.const 0)",
  [ValType.f64]: "(f64.const 0)",
  [ValType.v128]: "(v128.const i64x2 0 0)",
};
function immediateText(info: OpcodeInfo): string {
  switch (info.imm) {
    case "lane":
      return " 1";
    case "memargLane":
      return " offset=3 1";
    case "memarg":
      return " offset=3";
    case "v128":
      return " i32x4 1 2 3 4";
    case "shuffle":
      return ` ${sixteen.join(" ")}`;
    default:
      return "";
  }
}

describe("the 2.0 SIMD rows", () => {
  const simd = opcodes.filter((info) => info.prefix === 0xfd);
  it("cover the whole 2.0 instruction set", () => {
    expect(simd.length).toBe(236);
    for (const info of simd) expect(info.feature).toBe("simd");
  });
  it("match wabt's encoding, signature and immediates for every name", async () => {
    // One function per row: its operands (one instruction each), then the row's instruction.
    const funcs = simd.map((info) => {
      const operands = info.params!.map((type) => operandText[type]).join(" ");
      return `(func (${info.name}${immediateText(info)} ${operands})${info.results!.length > 0 ? " drop" : ""})`;
    });
    const codes = parseModule(await wat(`(module (memory 1) ${funcs.join("\n")})`)).codes;
    simd.forEach((info, i) => {
      const { ops, starts } = codes[i]!.code;
      const operandCount = info.params!.length;
      expect(opcodeById(ops[starts[operandCount]!]!)?.name, info.name).toBe(info.name);
    });
  });
});
