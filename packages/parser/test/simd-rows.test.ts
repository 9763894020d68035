import { type OpcodeInfo, opcodeById, PREFIX_FD_BASE, registerOpcodes } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { reasonOf } from "./helpers.js";
import { END, moduleWithBody, section, vec } from "./wasm-builder.js";

/**
 * SIMD rows are not in the core table yet; registering them (as the SIMD extension will) must be
 * enough for the decoder to read their immediates. This file registers a few in its own module
 * instance (vitest isolates test files).
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
