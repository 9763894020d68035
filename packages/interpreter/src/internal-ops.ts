import { opcodeById, opId } from "@microwasm/core";
import { opShape, Shape } from "./op-shapes.js";

/**
 * The interpreter's internal instruction set, declared once: every op the loop in execute.ts
 * runs, with its id, name and operand layout. The compiler emits through `Internal` (and the
 * wasm ids below), the disassembler reads the layouts, and a test checks every `case` of the
 * loop against this table (id, name, length, which operands are slots).
 *
 * Code is an Int32Array: [op, operand...]. Slot operands are frame-relative cell offsets (slot
 * * 4): every value occupies one 16-byte slot, locals first, then the operand stack, so an
 * instruction names where its inputs are and where its result goes and no stack pointer moves
 * at run time.
 *
 * Ids: wasm operators the loop runs as they are keep their wasm opcode id (core's table), e.g.
 * `i32.add` is 0x6a. The ops below take ids that no such operator uses: the gaps of the wasm
 * space (0x06-0x09, 0xc5-0xff) and the ids of wasm control and variable operators (`call` 0x10,
 * `drop` 0x1a, `select` 0x1b...), which never appear in internal code because the compiler
 * translates them into the internal ops here. So `case 0x10` in the loop is
 * `i32.add_br_if_lt_u`, not `call`. Keeping all ids below 0x112 keeps the `switch` dense.
 */

/**
 * How an operand word is read: `slot` a cell offset (shown as `s<n>`), `pc` a jump target,
 * `fuel` the fuel a back-edge spends, `index` a global/function/type/table/segment index,
 * `count` the length of a repeated tail, `i32`/`u32` an immediate, `i64`/`f64` an immediate
 * of two words (low, high), `f32` an immediate's bits, `simd` a SIMD sub-opcode.
 */
export type OperandKind =
  | "slot"
  | "pc"
  | "fuel"
  | "index"
  | "count"
  | "i32"
  | "u32"
  | "i64"
  | "f32"
  | "f64"
  | "simd";

export interface Operand {
  readonly name: string;
  readonly kind: OperandKind;
}

export interface InstructionInfo {
  readonly id: number;
  readonly name: string;
  /** The fixed operands after the op word, in order. */
  readonly operands: readonly Operand[];
  /** Operands repeated `count` times after the fixed ones (the last `count` operand), or null. */
  readonly tail: readonly Operand[] | null;
  /** Words of the instruction when fixed (1 + operand words); -1 when a count or SIMD op decides. */
  readonly words: number;
}

/** Words an operand of each kind takes. */
export function operandWords(kind: OperandKind): number {
  return kind === "i64" || kind === "f64" ? 2 : 1;
}

/** Parses "dst:slot a:slot imm:i32". */
function parseLayout(layout: string): Operand[] {
  if (layout === "") return [];
  return layout.split(" ").map((field) => {
    const [name = "", kind = ""] = field.split(":");
    return { name, kind: kind as OperandKind };
  });
}

/** [key (the compiler's name), name (the disassembler's), id, layout, repeated tail]. */
type Row = readonly [key: string, name: string, id: number, layout: string, tail?: string];

const internalRows = [
  ["copy", "copy", 0x06, "dst:slot src:slot"], // numeric: two cells, enough for i32, i64, f32, f64
  ["copyV128", "copy.v128", 0x07, "dst:slot src:slot"],
  ["copyRef", "copy.ref", 0x08, "dst:slot src:slot"],
  /** n numeric copies, in that order. */
  ["copyN", "copy_n", 0xf8, "n:count", "dst:slot src:slot"],
  ["br", "br", 0x09, "target:pc"],
  /** Jumps when the i32 at cond is non-zero (`br_unless`: zero). */
  ["brIf", "br_if", 0x0a, "cond:slot target:pc"],
  ["brUnless", "br_unless", 0x12, "cond:slot target:pc"],
  /** n targets, the last the default. */
  ["brTable", "br_table", 0x13, "index:slot n:count", "target:pc"],
  /** Back-edges to a loop head, spending `weight` fuel (see ExecStack) when taken. */
  ["brLoop", "br_loop", 0xc5, "target:pc weight:fuel"],
  ["brIfLoop", "br_if_loop", 0xc6, "cond:slot target:pc weight:fuel"],
  ["brUnlessLoop", "br_unless_loop", 0xf7, "cond:slot target:pc weight:fuel"],
  /** Results are already in the frame's first slots. */
  ["return", "return", 0x14, ""],
  /** The callee's frame starts at argBase (its arguments); results are left there. */
  ["call", "call", 0x15, "func:index argBase:slot"],
  ["callIndirect", "call_indirect", 0x16, "type:index table:index index:slot argBase:slot"],
  ["select", "select", 0x17, "dst:slot a:slot b:slot cond:slot"],
  ["selectV128", "select.v128", 0x18, "dst:slot a:slot b:slot cond:slot"],
  ["selectRef", "select.ref", 0x19, "dst:slot a:slot b:slot cond:slot"],
  ["globalGetV128", "global.get.v128", 0x1d, "dst:slot global:index"],
  ["globalGetRef", "global.get.ref", 0x1e, "dst:slot global:index"],
  ["globalSetV128", "global.set.v128", 0x1f, "global:index src:slot"],
  ["globalSetRef", "global.set.ref", 0x27, "global:index src:slot"],
  /** Every SIMD instruction: [op, sub-opcode, dst?, operands..., immediates...] (simd/simd-code.ts). */
  ["simd", "simd", 0xea, "op:simd"],
  /**
   * Memory instructions on another memory than 0 or on a 64-bit memory, and the atomics: run
   * outside the loop (execute-memory.ts). `wasm` is the wasm opcode id; unused operands are 0.
   */
  [
    "memory",
    "memory",
    0x20,
    "wasm:u32 memory:index memory2:index offset:u32 offsetHigh:u32 aux:u32 dst:slot a:slot b:slot c:slot",
  ],

  // Superinstructions: instructions the compiler fuses into one (the rules are in
  // superinstructions.ts and compile-function.ts). Each computes exactly what they did.

  /** i32 binary ops with a constant right operand. */
  ["i32AddImm", "i32.add_imm", 0xd3, "dst:slot a:slot imm:i32"],
  ["i32MulImm", "i32.mul_imm", 0xd4, "dst:slot a:slot imm:i32"],
  ["i32AndImm", "i32.and_imm", 0xd5, "dst:slot a:slot imm:i32"],
  ["i32OrImm", "i32.or_imm", 0xd6, "dst:slot a:slot imm:i32"],
  ["i32XorImm", "i32.xor_imm", 0xd7, "dst:slot a:slot imm:i32"],
  ["i32ShlImm", "i32.shl_imm", 0xd8, "dst:slot a:slot imm:i32"],
  ["i32ShrSImm", "i32.shr_s_imm", 0xd9, "dst:slot a:slot imm:i32"],
  ["i32ShrUImm", "i32.shr_u_imm", 0xda, "dst:slot a:slot imm:i32"],
  ["i32RotlImm", "i32.rotl_imm", 0xdb, "dst:slot a:slot imm:i32"],
  ["i32EqImm", "i32.eq_imm", 0xdc, "dst:slot a:slot imm:i32"],
  ["i32NeImm", "i32.ne_imm", 0xdd, "dst:slot a:slot imm:i32"],
  ["i32LtSImm", "i32.lt_s_imm", 0xde, "dst:slot a:slot imm:i32"],
  ["i32LtUImm", "i32.lt_u_imm", 0xdf, "dst:slot a:slot imm:i32"],
  ["i32GtSImm", "i32.gt_s_imm", 0xe0, "dst:slot a:slot imm:i32"],
  ["i32GtUImm", "i32.gt_u_imm", 0xe1, "dst:slot a:slot imm:i32"],
  /** i64 binary ops with a constant right operand (shifts: the count in the low word). */
  ["i64AddImm", "i64.add_imm", 0xe2, "dst:slot a:slot imm:i64"],
  ["i64AndImm", "i64.and_imm", 0xe3, "dst:slot a:slot imm:i64"],
  ["i64OrImm", "i64.or_imm", 0xe4, "dst:slot a:slot imm:i64"],
  ["i64XorImm", "i64.xor_imm", 0xe5, "dst:slot a:slot imm:i64"],
  ["i64ShlImm", "i64.shl_imm", 0xe6, "dst:slot a:slot imm:i64"],
  ["i64ShrSImm", "i64.shr_s_imm", 0xe7, "dst:slot a:slot imm:i64"],
  ["i64ShrUImm", "i64.shr_u_imm", 0xe8, "dst:slot a:slot imm:i64"],
  ["i64RotlImm", "i64.rotl_imm", 0xe9, "dst:slot a:slot imm:i64"],
  /** i64 `a * imm`, the constant written to the free slot `tmp` first. */
  ["i64MulImm", "i64.mul_imm", 0x1b, "dst:slot a:slot tmp:slot imm:i64"],
  /** Compare-and-branch on i32 operands: jumps when the compare holds, spending `weight` fuel. */
  ["brIfEq", "br_if_eq", 0xeb, "a:slot b:slot target:pc weight:fuel"],
  ["brIfNe", "br_if_ne", 0xec, "a:slot b:slot target:pc weight:fuel"],
  ["brIfLtS", "br_if_lt_s", 0xed, "a:slot b:slot target:pc weight:fuel"],
  ["brIfLtU", "br_if_lt_u", 0xee, "a:slot b:slot target:pc weight:fuel"],
  ["brIfLeS", "br_if_le_s", 0xef, "a:slot b:slot target:pc weight:fuel"],
  ["brIfLeU", "br_if_le_u", 0xf0, "a:slot b:slot target:pc weight:fuel"],
  /** The same against a constant. */
  ["brIfEqImm", "br_if_eq_imm", 0xf1, "a:slot imm:i32 target:pc weight:fuel"],
  ["brIfNeImm", "br_if_ne_imm", 0xf2, "a:slot imm:i32 target:pc weight:fuel"],
  ["brIfLtSImm", "br_if_lt_s_imm", 0xf3, "a:slot imm:i32 target:pc weight:fuel"],
  ["brIfLtUImm", "br_if_lt_u_imm", 0xf4, "a:slot imm:i32 target:pc weight:fuel"],
  ["brIfGtSImm", "br_if_gt_s_imm", 0xf5, "a:slot imm:i32 target:pc weight:fuel"],
  ["brIfGtUImm", "br_if_gt_u_imm", 0xf6, "a:slot imm:i32 target:pc weight:fuel"],
  /** A loop counter's step and exit test: x = a + c, then jumps when x differs from `other`. */
  ["i32AddImmBrIfNe", "i32.add_imm_br_if_ne", 0xcf, "x:slot a:slot c:i32 other:slot target:pc weight:fuel"],
  [
    "i32AddImmBrIfNeImm",
    "i32.add_imm_br_if_ne_imm",
    0xff,
    "x:slot a:slot c:i32 other:i32 target:pc weight:fuel",
  ],
  /** The same with a register step: x = a + b, then compares x with `other`. */
  ["i32AddBrIfNe", "i32.add_br_if_ne", 0x0e, "x:slot a:slot b:slot other:slot target:pc weight:fuel"],
  ["i32AddBrIfLtS", "i32.add_br_if_lt_s", 0x0f, "x:slot a:slot b:slot other:slot target:pc weight:fuel"],
  ["i32AddBrIfLtU", "i32.add_br_if_lt_u", 0x10, "x:slot a:slot b:slot other:slot target:pc weight:fuel"],
  ["i32AddBrIfLeS", "i32.add_br_if_le_s", 0x11, "x:slot a:slot b:slot other:slot target:pc weight:fuel"],
  ["i32AddBrIfLeU", "i32.add_br_if_le_u", 0x1a, "x:slot a:slot b:slot other:slot target:pc weight:fuel"],
  /** i32.store / i32.store8 of a constant. */
  ["i32StoreImm", "i32.store_imm", 0xfa, "addr:slot imm:i32 offset:u32"],
  ["i32Store8Imm", "i32.store8_imm", 0xfb, "addr:slot imm:i32 offset:u32"],
  /**
   * Loads and stores whose address is `base + c` (an `i32.add` of a constant just before); the
   * effective address is ((base + c) mod 2^32) + offset, exactly as the two instructions compute it.
   */
  ["i32LoadAt", "i32.load_at", 0xc7, "dst:slot base:slot offset:u32 c:i32"],
  ["i64LoadAt", "i64.load_at", 0xc8, "dst:slot base:slot offset:u32 c:i32"],
  ["f64LoadAt", "f64.load_at", 0xc9, "dst:slot base:slot offset:u32 c:i32"],
  ["i32Load8UAt", "i32.load8_u_at", 0xca, "dst:slot base:slot offset:u32 c:i32"],
  ["i32StoreAt", "i32.store_at", 0xcb, "base:slot value:slot offset:u32 c:i32"],
  ["i64StoreAt", "i64.store_at", 0xcc, "base:slot value:slot offset:u32 c:i32"],
  ["f64StoreAt", "f64.store_at", 0xcd, "base:slot value:slot offset:u32 c:i32"],
  ["i32Store8At", "i32.store8_at", 0xce, "base:slot value:slot offset:u32 c:i32"],
  ["i32StoreImmAt", "i32.store_imm_at", 0x04, "base:slot imm:i32 offset:u32 c:i32"],
  ["i32Store8ImmAt", "i32.store8_imm_at", 0x05, "base:slot imm:i32 offset:u32 c:i32"],
  /** i32 `a + (x + y)`. */
  ["i32Add3", "i32.add3", 0xfc, "dst:slot a:slot x:slot y:slot"],
  /** i32 `a & (x ^ y)`; the imm form `a & (x ^ c)` (c = -1: a & ~x). */
  ["i32AndXor", "i32.and_xor", 0x0c, "dst:slot a:slot x:slot y:slot"],
  ["i32AndXorImm", "i32.and_xor_imm", 0x0d, "dst:slot a:slot x:slot c:i32"],
  /** f64 `acc + x * y`, rounded after the multiply and after the add. */
  ["f64MulAdd", "f64.mul_add", 0xf9, "dst:slot acc:slot x:slot y:slot"],
  /** f64 `a + (x + y)`, rounded after each add. */
  ["f64Add3", "f64.add3", 0xfe, "dst:slot a:slot x:slot y:slot"],
  /** f64 `a * load(base + c, offset)` (traps as the load would). */
  ["f64MulLoadAt", "f64.mul_load_at", 0x02, "dst:slot a:slot base:slot offset:u32 c:i32"],
] as const satisfies readonly Row[];

/** Layouts of the wasm operators that keep their id and are not table-shaped (see op-shapes.ts). */
const wasmSpecialLayouts: Readonly<Record<string, string>> = {
  unreachable: "",
  "i32.const": "dst:slot value:i32",
  "i64.const": "dst:slot value:i64",
  "f32.const": "dst:slot value:f32",
  "f64.const": "dst:slot value:f64",
  "global.get": "dst:slot global:index", // numeric globals
  "global.set": "global:index src:slot",
  "memory.size": "dst:slot",
  "memory.grow": "dst:slot delta:slot",
  "ref.null": "dst:slot",
  "ref.is_null": "dst:slot a:slot",
  "ref.func": "dst:slot func:index",
  "table.get": "dst:slot table:index index:slot",
  "table.set": "table:index index:slot value:slot",
  "table.size": "dst:slot table:index",
  "table.grow": "dst:slot table:index init:slot delta:slot",
  "table.fill": "table:index index:slot value:slot count:slot",
  "memory.init": "segment:index dst:slot src:slot len:slot",
  "data.drop": "segment:index",
  "memory.copy": "dst:slot src:slot len:slot",
  "memory.fill": "dst:slot value:slot len:slot",
  "table.init": "segment:index table:index dst:slot src:slot len:slot",
  "elem.drop": "segment:index",
  "table.copy": "dstTable:index srcTable:index dst:slot src:slot len:slot",
};
const shapeLayouts: Readonly<Record<number, string>> = {
  [Shape.unary]: "dst:slot a:slot",
  [Shape.binary]: "dst:slot a:slot b:slot",
  [Shape.load]: "dst:slot addr:slot offset:u32",
  [Shape.store]: "addr:slot value:slot offset:u32",
};

function info(id: number, name: string, layout: string, tail: string | undefined): InstructionInfo {
  const operands = parseLayout(layout);
  const variable = tail !== undefined || operands.some((o) => o.kind === "simd");
  const words = 1 + operands.reduce((sum, o) => sum + operandWords(o.kind), 0);
  return {
    id,
    name,
    operands,
    tail: tail === undefined ? null : parseLayout(tail),
    words: variable ? -1 : words,
  };
}

function buildInstructionSet(): InstructionInfo[] {
  const set: InstructionInfo[] = [];
  for (const [name, layout] of Object.entries(wasmSpecialLayouts))
    set.push(info(opId(name), name, layout, undefined));
  for (let id = 0; id < opShape.length; id++) {
    const layout = shapeLayouts[opShape[id]!];
    if (layout !== undefined) set.push(info(id, opcodeById(id)!.name, layout, undefined));
  }
  for (const row of internalRows as readonly Row[]) set.push(info(row[2], row[1], row[3], row[4]));
  return set.sort((a, b) => a.id - b.id);
}

/** Every internal instruction, in id order. */
export const instructionSet: readonly InstructionInfo[] = buildInstructionSet();

const byId: (InstructionInfo | undefined)[] = [];
for (const op of instructionSet) {
  if (byId[op.id] !== undefined) throw new Error(`internal op id 0x${op.id.toString(16)} used twice`);
  byId[op.id] = op;
}

/** The internal instruction with id `id`, or undefined. */
export function instructionById(id: number): InstructionInfo | undefined {
  return byId[id];
}

type InternalKey = (typeof internalRows)[number][0];

/** The ids of the internal ops that are not wasm operators, by the compiler's names. */
export const Internal: { readonly [K in InternalKey]: number } = Object.fromEntries(
  internalRows.map((row) => [row[0], row[2]]),
) as { readonly [K in InternalKey]: number };

/** Cells per slot. */
export const SLOT = 4;
