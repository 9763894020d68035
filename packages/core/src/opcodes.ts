import type { Feature } from "./features.js";
import { atomicRows } from "./opcodes-threads.js";
import { simdRows } from "./simd-opcodes.js";
import { relaxedSimdRows } from "./simd-opcodes-relaxed.js";
import { ValType } from "./types.js";

/**
 * The one opcode table. Parser, validator, disassembler and interpreter derive from it.
 *
 * An opcode id is the opcode byte for single-byte opcodes, 0x100 + sub-opcode for the 0xFC
 * prefix, 0x200 + sub-opcode for the 0xFD (SIMD) prefix and 0x400 + sub-opcode for the 0xFE
 * (atomics) prefix: ids stay small and dense, so a
 * `switch` over them compiles to a jump table.
 */

/**
 * Immediate kinds and their layout in `Code.ops` after the opcode id (one int32 each):
 * - none: nothing
 * - blockType: [s33]: -64 empty, -1..-17 a single value type (the type byte as a signed
 *   7-bit number, e.g. -1 = i32), >= 0 a type index
 * - label: [depth]; brTable: [n, label_0 .. label_{n-1}, default]
 * - func: [funcIndex]; callIndirect: [typeIndex, tableIndex]
 * - local: [localIndex]; global: [globalIndex]; table: [tableIndex]; memory: [memoryIndex]
 * - memarg: [memoryIndex, alignLog2, offset low word, offset high word] (the offset is a u64:
 *   memory64's; for 32-bit memories the validator keeps it below 2^32)
 * - memargLane: [memoryIndex, alignLog2, offset low, offset high, lane]; lane: [lane]
 * - zero: nothing (a reserved zero byte: atomic.fence)
 * - i32: [value]; f32: [bits]; i64 and f64: [low word, high word]
 * - v128 and shuffle: [w0, w1, w2, w3], the 16 bytes as little-endian words
 * - selectT: [n, valtype_0 .. valtype_{n-1}]; refNull: [reftype byte]
 * - memoryInit: [dataIndex, memoryIndex]; data: [dataIndex]; memoryCopy: [dstMemory, srcMemory]
 * - tableInit: [elemIndex, tableIndex]; elem: [elemIndex]; tableCopy: [dstTable, srcTable]
 */
export type Imm =
  | "none"
  | "blockType"
  | "label"
  | "brTable"
  | "func"
  | "callIndirect"
  | "local"
  | "global"
  | "table"
  | "memory"
  | "memarg"
  | "memargLane"
  | "lane"
  | "i32"
  | "i64"
  | "f32"
  | "f64"
  | "v128"
  | "shuffle"
  | "selectT"
  | "refNull"
  | "memoryInit"
  | "data"
  | "memoryCopy"
  | "tableInit"
  | "elem"
  | "tableCopy"
  | "zero";

export interface OpcodeInfo {
  readonly id: number;
  readonly name: string;
  /** 0 for single-byte opcodes, else 0xfc, 0xfd or 0xfe. */
  readonly prefix: number;
  readonly code: number;
  readonly imm: Imm;
  /**
   * Operand stack effect for ops whose typing is fixed, as written in the table: "params>results"
   * over i=i32 I=i64 f=f32 F=f64 v=v128 (e.g. "ii>i"); null where the validator types the op
   * itself. Decoded once, here, into `params` and `results`: read those.
   */
  readonly sig: string | null;
  /** The operand types `sig` pops, in order; null when `sig` is. */
  readonly params: readonly ValType[] | null;
  /** The result types `sig` pushes; null when `sig` is. */
  readonly results: readonly ValType[] | null;
  readonly feature: Feature;
  /** For memory accesses: log2 of the natural alignment (the largest valid `align`). */
  readonly naturalAlign: number;
}

type Row = readonly [
  code: number,
  name: string,
  imm: Imm,
  sig: string | null,
  feature?: Feature,
  align?: number,
];

function binary(first: number, type: string, names: readonly string[], sig: string): Row[] {
  return names.map((name, i) => [first + i, `${type}.${name}`, "none", sig] as const);
}
const intBinaryOps: readonly string[] = [
  "add",
  "sub",
  "mul",
  "div_s",
  "div_u",
  "rem_s",
  "rem_u",
  "and",
  "or",
  "xor",
  "shl",
  "shr_s",
  "shr_u",
  "rotl",
  "rotr",
];
const floatUnaryOps: readonly string[] = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"];
const floatBinaryOps: readonly string[] = ["add", "sub", "mul", "div", "min", "max", "copysign"];

const single: readonly Row[] = [
  [0x00, "unreachable", "none", null],
  [0x01, "nop", "none", ">"],
  [0x02, "block", "blockType", null],
  [0x03, "loop", "blockType", null],
  [0x04, "if", "blockType", null],
  [0x05, "else", "none", null],
  [0x0b, "end", "none", null],
  [0x0c, "br", "label", null],
  [0x0d, "br_if", "label", null],
  [0x0e, "br_table", "brTable", null],
  [0x0f, "return", "none", null],
  [0x10, "call", "func", null],
  [0x11, "call_indirect", "callIndirect", null],
  [0x1a, "drop", "none", null],
  [0x1b, "select", "none", null],
  [0x1c, "select", "selectT", null, "referenceTypes"],
  [0x20, "local.get", "local", null],
  [0x21, "local.set", "local", null],
  [0x22, "local.tee", "local", null],
  [0x23, "global.get", "global", null],
  [0x24, "global.set", "global", null],
  [0x25, "table.get", "table", null, "referenceTypes"],
  [0x26, "table.set", "table", null, "referenceTypes"],
  [0x28, "i32.load", "memarg", "i>i", "mvp", 2],
  [0x29, "i64.load", "memarg", "i>I", "mvp", 3],
  [0x2a, "f32.load", "memarg", "i>f", "mvp", 2],
  [0x2b, "f64.load", "memarg", "i>F", "mvp", 3],
  [0x2c, "i32.load8_s", "memarg", "i>i", "mvp", 0],
  [0x2d, "i32.load8_u", "memarg", "i>i", "mvp", 0],
  [0x2e, "i32.load16_s", "memarg", "i>i", "mvp", 1],
  [0x2f, "i32.load16_u", "memarg", "i>i", "mvp", 1],
  [0x30, "i64.load8_s", "memarg", "i>I", "mvp", 0],
  [0x31, "i64.load8_u", "memarg", "i>I", "mvp", 0],
  [0x32, "i64.load16_s", "memarg", "i>I", "mvp", 1],
  [0x33, "i64.load16_u", "memarg", "i>I", "mvp", 1],
  [0x34, "i64.load32_s", "memarg", "i>I", "mvp", 2],
  [0x35, "i64.load32_u", "memarg", "i>I", "mvp", 2],
  [0x36, "i32.store", "memarg", "ii>", "mvp", 2],
  [0x37, "i64.store", "memarg", "iI>", "mvp", 3],
  [0x38, "f32.store", "memarg", "if>", "mvp", 2],
  [0x39, "f64.store", "memarg", "iF>", "mvp", 3],
  [0x3a, "i32.store8", "memarg", "ii>", "mvp", 0],
  [0x3b, "i32.store16", "memarg", "ii>", "mvp", 1],
  [0x3c, "i64.store8", "memarg", "iI>", "mvp", 0],
  [0x3d, "i64.store16", "memarg", "iI>", "mvp", 1],
  [0x3e, "i64.store32", "memarg", "iI>", "mvp", 2],
  [0x3f, "memory.size", "memory", ">i"],
  [0x40, "memory.grow", "memory", "i>i"],
  [0x41, "i32.const", "i32", ">i"],
  [0x42, "i64.const", "i64", ">I"],
  [0x43, "f32.const", "f32", ">f"],
  [0x44, "f64.const", "f64", ">F"],
  [0x45, "i32.eqz", "none", "i>i"],
  ...binary(
    0x46,
    "i32",
    ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"],
    "ii>i",
  ),
  [0x50, "i64.eqz", "none", "I>i"],
  ...binary(
    0x51,
    "i64",
    ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"],
    "II>i",
  ),
  ...binary(0x5b, "f32", ["eq", "ne", "lt", "gt", "le", "ge"], "ff>i"),
  ...binary(0x61, "f64", ["eq", "ne", "lt", "gt", "le", "ge"], "FF>i"),
  ...binary(0x67, "i32", ["clz", "ctz", "popcnt"], "i>i"),
  ...binary(0x6a, "i32", intBinaryOps, "ii>i"),
  ...binary(0x79, "i64", ["clz", "ctz", "popcnt"], "I>I"),
  ...binary(0x7c, "i64", intBinaryOps, "II>I"),
  ...binary(0x8b, "f32", floatUnaryOps, "f>f"),
  ...binary(0x92, "f32", floatBinaryOps, "ff>f"),
  ...binary(0x99, "f64", floatUnaryOps, "F>F"),
  ...binary(0xa0, "f64", floatBinaryOps, "FF>F"),
  [0xa7, "i32.wrap_i64", "none", "I>i"],
  [0xa8, "i32.trunc_f32_s", "none", "f>i"],
  [0xa9, "i32.trunc_f32_u", "none", "f>i"],
  [0xaa, "i32.trunc_f64_s", "none", "F>i"],
  [0xab, "i32.trunc_f64_u", "none", "F>i"],
  [0xac, "i64.extend_i32_s", "none", "i>I"],
  [0xad, "i64.extend_i32_u", "none", "i>I"],
  [0xae, "i64.trunc_f32_s", "none", "f>I"],
  [0xaf, "i64.trunc_f32_u", "none", "f>I"],
  [0xb0, "i64.trunc_f64_s", "none", "F>I"],
  [0xb1, "i64.trunc_f64_u", "none", "F>I"],
  [0xb2, "f32.convert_i32_s", "none", "i>f"],
  [0xb3, "f32.convert_i32_u", "none", "i>f"],
  [0xb4, "f32.convert_i64_s", "none", "I>f"],
  [0xb5, "f32.convert_i64_u", "none", "I>f"],
  [0xb6, "f32.demote_f64", "none", "F>f"],
  [0xb7, "f64.convert_i32_s", "none", "i>F"],
  [0xb8, "f64.convert_i32_u", "none", "i>F"],
  [0xb9, "f64.convert_i64_s", "none", "I>F"],
  [0xba, "f64.convert_i64_u", "none", "I>F"],
  [0xbb, "f64.promote_f32", "none", "f>F"],
  [0xbc, "i32.reinterpret_f32", "none", "f>i"],
  [0xbd, "i64.reinterpret_f64", "none", "F>I"],
  [0xbe, "f32.reinterpret_i32", "none", "i>f"],
  [0xbf, "f64.reinterpret_i64", "none", "I>F"],
  [0xc0, "i32.extend8_s", "none", "i>i", "signExtension"],
  [0xc1, "i32.extend16_s", "none", "i>i", "signExtension"],
  [0xc2, "i64.extend8_s", "none", "I>I", "signExtension"],
  [0xc3, "i64.extend16_s", "none", "I>I", "signExtension"],
  [0xc4, "i64.extend32_s", "none", "I>I", "signExtension"],
  [0xd0, "ref.null", "refNull", null, "referenceTypes"],
  [0xd1, "ref.is_null", "none", null, "referenceTypes"],
  [0xd2, "ref.func", "func", null, "referenceTypes"],
];

const prefixedFC: readonly Row[] = [
  [0, "i32.trunc_sat_f32_s", "none", "f>i", "saturatingFloatToInt"],
  [1, "i32.trunc_sat_f32_u", "none", "f>i", "saturatingFloatToInt"],
  [2, "i32.trunc_sat_f64_s", "none", "F>i", "saturatingFloatToInt"],
  [3, "i32.trunc_sat_f64_u", "none", "F>i", "saturatingFloatToInt"],
  [4, "i64.trunc_sat_f32_s", "none", "f>I", "saturatingFloatToInt"],
  [5, "i64.trunc_sat_f32_u", "none", "f>I", "saturatingFloatToInt"],
  [6, "i64.trunc_sat_f64_s", "none", "F>I", "saturatingFloatToInt"],
  [7, "i64.trunc_sat_f64_u", "none", "F>I", "saturatingFloatToInt"],
  [8, "memory.init", "memoryInit", "iii>", "bulkMemory"],
  [9, "data.drop", "data", ">", "bulkMemory"],
  [10, "memory.copy", "memoryCopy", "iii>", "bulkMemory"],
  [11, "memory.fill", "memory", "iii>", "bulkMemory"],
  [12, "table.init", "tableInit", "iii>", "bulkMemory"],
  [13, "elem.drop", "elem", ">", "bulkMemory"],
  [14, "table.copy", "tableCopy", "iii>", "bulkMemory"],
  [15, "table.grow", "table", null, "referenceTypes"],
  [16, "table.size", "table", ">i", "referenceTypes"],
  [17, "table.fill", "table", null, "referenceTypes"],
];

export const PREFIX_FC_BASE = 0x100;
export const PREFIX_FD_BASE = 0x200;
export const PREFIX_FE_BASE = 0x400;
/** One past the largest opcode id. */
export const OPCODE_ID_LIMIT = 0x480;

const sigLetters: Readonly<Record<string, ValType>> = {
  i: ValType.i32,
  I: ValType.i64,
  f: ValType.f32,
  F: ValType.f64,
  v: ValType.v128,
};
/** One list per distinct letter string, shared by the rows that have it. */
const decodedLists = new Map<string, readonly ValType[]>();
function decodeTypes(name: string, letters: string): readonly ValType[] {
  let list = decodedLists.get(letters);
  if (list === undefined) {
    list = Object.freeze(
      Array.from(letters, (letter) => {
        const type = sigLetters[letter];
        if (type === undefined) throw new Error(`opcode ${name}: bad signature letter ${letter}`);
        return type;
      }),
    );
    decodedLists.set(letters, list);
  }
  return list;
}

function buildTable(): OpcodeInfo[] {
  const table: OpcodeInfo[] = [];
  const add = (prefix: number, base: number, rows: readonly Row[]): void => {
    for (const [code, name, imm, sig, feature = "mvp", align = -1] of rows) {
      const arrow = sig === null ? -1 : sig.indexOf(">");
      if (sig !== null && arrow < 0) throw new Error(`opcode ${name}: signature ${sig} has no ">"`);
      table.push({
        id: base + code,
        name,
        prefix,
        code,
        imm,
        sig,
        params: sig === null ? null : decodeTypes(name, sig.slice(0, arrow)),
        results: sig === null ? null : decodeTypes(name, sig.slice(arrow + 1)),
        feature,
        naturalAlign: align,
      });
    }
  };
  add(0, 0, single);
  add(0xfc, PREFIX_FC_BASE, prefixedFC);
  add(
    0xfd,
    PREFIX_FD_BASE,
    simdRows.map(([code, name, imm, sig, align]) => [code, name, imm, sig, "simd", align] as const),
  );
  add(
    0xfd,
    PREFIX_FD_BASE,
    relaxedSimdRows.map(([code, name, imm, sig]) => [code, name, imm, sig, "relaxedSimd"] as const),
  );
  add(
    0xfe,
    PREFIX_FE_BASE,
    atomicRows.map(([code, name, imm, sig, align]) => [code, name, imm, sig, "threads", align] as const),
  );
  return table;
}

/** Every opcode, in id order. */
export const opcodes: readonly OpcodeInfo[] = buildTable();

const byId: (OpcodeInfo | undefined)[] = new Array(OPCODE_ID_LIMIT);
const byName = new Map<string, OpcodeInfo>();
for (const info of opcodes) {
  byId[info.id] = info;
  // `select` has two encodings; the name map keeps the untyped one.
  if (!byName.has(info.name)) byName.set(info.name, info);
}

/** Words each immediate kind takes in `Code.ops` (see `Imm`); -1 where a count word says. */
const immWords: Readonly<Record<Imm, number>> = {
  none: 0,
  blockType: 1,
  label: 1,
  brTable: -1,
  func: 1,
  callIndirect: 2,
  local: 1,
  global: 1,
  table: 1,
  memory: 1,
  memarg: 4,
  memargLane: 5,
  lane: 1,
  i32: 1,
  i64: 2,
  f32: 1,
  f64: 2,
  v128: 4,
  shuffle: 4,
  selectT: -1,
  refNull: 1,
  memoryInit: 2,
  data: 1,
  memoryCopy: 2,
  tableInit: 2,
  elem: 1,
  tableCopy: 2,
  zero: 0,
};

/** Per opcode id: the words of its instruction in `Code.ops`, 0 for br_table and typed select. */
const fixedWords = new Uint8Array(OPCODE_ID_LIMIT);
for (const info of opcodes) {
  const words = immWords[info.imm];
  fixedWords[info.id] = words < 0 ? 0 : 1 + words;
}

export function opcodeById(id: number): OpcodeInfo | undefined {
  return byId[id];
}
export function opcodeByName(name: string): OpcodeInfo | undefined {
  return byName.get(name);
}
/** The id of a named opcode; throws for unknown names (a programming error, not bad input). */
export function opId(name: string): number {
  const info = byName.get(name);
  if (!info) throw new Error(`unknown opcode name ${name}`);
  return info.id;
}
/** The opcode id for an encoding, or -1 when no such opcode exists. */
export function opcodeIdFor(prefix: number, code: number): number {
  const id =
    prefix === 0
      ? code
      : prefix === 0xfc
        ? PREFIX_FC_BASE + code
        : prefix === 0xfd
          ? PREFIX_FD_BASE + code
          : prefix === 0xfe
            ? PREFIX_FE_BASE + code
            : -1;
  const codeLimit =
    prefix === 0
      ? 0x100
      : prefix === 0xfc
        ? PREFIX_FD_BASE - PREFIX_FC_BASE
        : prefix === 0xfd
          ? PREFIX_FE_BASE - PREFIX_FD_BASE
          : OPCODE_ID_LIMIT - PREFIX_FE_BASE;
  if (id < 0 || code < 0 || code >= codeLimit) return -1;
  return byId[id] ? id : -1;
}
/** Id of the typed `select` (0x1c); `opId("select")` is the untyped 0x1b. */
export const SELECT_TYPED_ID = 0x1c;

/**
 * The number of words of the instruction at `ops[at]` (its id and immediates), so that the next
 * one starts at `at` plus that: how to walk a `Code` without its `starts`.
 */
export function instructionWords(ops: Int32Array, at: number): number {
  const words = fixedWords[ops[at]!]!;
  if (words !== 0) return words;
  // br_table: [n, label_0 .. label_{n-1}, default]; typed select: [n, valtype_0 .. valtype_{n-1}]
  return ops[at] === 0x0e ? 3 + ops[at + 1]! : 2 + ops[at + 1]!;
}
