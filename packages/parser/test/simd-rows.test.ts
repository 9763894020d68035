import { type OpcodeInfo, opcodeById, opcodes, PREFIX_FD_BASE } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { reasonOf } from "./helpers.js";
import { END, moduleWithBody, section, vec } from "./wasm-builder.js";

/**
 * The decoder reads immediates by the table's `imm` kind alone. The first tests check that a
 * 0xFD code without a row is rejected and that one row of each immediate kind decodes to its
 * layout; the last checks every SIMD row against an independent assembler (wabt).
 */

/** One row of each immediate kind, by code. */
const kinds: ReadonlyArray<readonly [code: number, imm: OpcodeInfo["imm"]]> = [
  [0, "memarg"], // v128.load
  [12, "v128"], // v128.const
  [13, "shuffle"], // i8x16.shuffle
  [21, "lane"], // i8x16.extract_lane_s
  [84, "memargLane"], // v128.load8_lane
];

const memory = { before: [section(5, vec([0, 1]))] };
const sixteen = Array.from({ length: 16 }, (_, i) => i);

/** An unsigned LEB128, as the binary format encodes a 0xFD opcode's code. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? low : low | 0x80);
  } while (value !== 0);
  return bytes;
}

describe("table-driven immediates", () => {
  it("a 0xFD code that has no row is an illegal opcode", () => {
    const unassigned = Array.from({ length: 0x200 }, (_, code) => code).filter(
      (code) => opcodeById(PREFIX_FD_BASE + code) === undefined,
    );
    // 2.0 leaves gaps in the SIMD numbering (e.g. 0x9a) and ends at 0xff.
    expect(unassigned.length).toBeGreaterThan(0);
    for (const code of [unassigned[0]!, 0x1ff]) {
      expect(reasonOf(moduleWithBody([0xfd, ...leb(code), 0x1a, END])), `code ${code}`).toBe(
        "illegal opcode",
      );
    }
  });
  it("the rows below have the immediate kinds this test decodes", () => {
    for (const [code, imm] of kinds) expect(opcodeById(PREFIX_FD_BASE + code)?.imm).toBe(imm);
  });
  it("decodes each immediate kind to its operand layout", () => {
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
      0,
      0x1a,
      0x41,
      0,
      PREFIX_FD_BASE + 12,
      ...words,
      PREFIX_FD_BASE + 84,
      0,
      0,
      8,
      0,
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
  const simd = opcodes.filter((info) => info.prefix === 0xfd && info.feature === "simd");
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
