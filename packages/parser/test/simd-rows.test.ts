import { type OpcodeInfo, opcodeById, opcodes, PREFIX_FD_BASE, registerOpcodes } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { reasonOf } from "./helpers.js";
import { END, moduleWithBody, section, vec } from "./wasm-builder.js";

/**
 * The decoder reads immediates by the table's `imm` kind alone. The first tests register sample
 * rows where the table lacks them (it has all 2.0 SIMD rows now, so that is a no-op) and check the
 * layouts; the last checks every SIMD row against an independent assembler (wabt).
 */

function row(code: number, name: string, imm: OpcodeInfo["imm"]): OpcodeInfo {
  return {
    id: PREFIX_FD_BASE + code,
    name,
    prefix: 0xfd,
    code,
    imm,
    sig: null,
    feature: "simd",
    naturalAlign: 4,
  };
}
const rows = [
  row(0, "v128.load", "memarg"),
  row(12, "v128.const", "v128"),
  row(13, "i8x16.shuffle", "shuffle"),
  row(21, "i8x16.extract_lane_s", "lane"),
  row(84, "v128.load8_lane", "memargLane"),
].filter((r) => opcodeById(r.id) === undefined);

const memory = { before: [section(5, vec([0, 1]))] };
const sixteen = Array.from({ length: 16 }, (_, i) => i);

describe("table-driven immediates", () => {
  it("0xFD opcodes are illegal until their rows exist", () => {
    if (rows.length < 5) return; // the real SIMD rows are already registered
    expect(reasonOf(moduleWithBody([0xfd, 12, ...sixteen, 0x1a, END]))).toBe("illegal opcode");
  });
  it("decodes rows registered later by their immediate kinds alone", () => {
    registerOpcodes(rows);
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
const operandText: Record<string, string> = {
  i: "(i32.const 0)",
  I: "(i64.const 0)",
  f: "(f32.const 0)",
  F: "(f64.const 0)",
  v: "(v128.const i64x2 0 0)",
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
      const [params = "", results = ""] = info.sig!.split(">");
      const operands = [...params].map((letter) => operandText[letter]).join(" ");
      return `(func (${info.name}${immediateText(info)} ${operands})${results ? " drop" : ""})`;
    });
    const codes = parseModule(await wat(`(module (memory 1) ${funcs.join("\n")})`)).codes;
    simd.forEach((info, i) => {
      const { ops, starts } = codes[i]!.code;
      const operandCount = info.sig!.indexOf(">");
      expect(opcodeById(ops[starts[operandCount]!]!)?.name, info.name).toBe(info.name);
    });
  });
});
