import { opcodeById, PREFIX_FD_BASE, ValType } from "@microwasm/core";
import { simdImmediates } from "@microwasm/interpreter";

/**
 * The translation of SIMD instructions (the 0xFD prefix, relaxed SIMD included). A v128 is
 * four int32 words in JS variables, lane 0 in the low bits of word 0 (the lanes' little-endian
 * order, as in memory and in the interpreter's cells). The common operations are written inline
 * on the words: bitwise ones, integer lanes as words or as bytes packed in words (carries kept
 * within their lane), shuffles and lane moves as shifts, f32x4/f64x2 arithmetic through
 * scratch cells viewed as floats (`VS`/`VF`/`VD`, simd-helpers.ts), the same typed-array
 * operations the interpreter does. Every other one runs as the interpreter's own code on the
 * scratch cells (`simd`), so exactness comes from code the spec tests already check.
 */

/** What the translation of one instruction needs of the function translator. */
export interface SimdEmitter {
  emit(line: string): void;
  /** The name of a constant of the function's factory holding `expr`. */
  constant(expr: string): string;
}

/**
 * The four words of a v128 whose first two words are named `lo` and `hi` (as an i64's are:
 * `s<h>`/`t<h>` on the stack, `l<i>`/`m<i>` for locals); the upper two are named after `lo`.
 */
export function v128Words(lo: string, hi: string): readonly [string, string, string, string] {
  return [lo, hi, `${lo}_2`, `${lo}_3`];
}

const s = (h: number): string => `s${h}`;
const t = (h: number): string => `t${h}`;
/** The words of the stack's v128 at height h. */
const words = (h: number): readonly string[] => v128Words(s(h), t(h));

/** JS comparisons of the i32x4 compares from i32x4.eq (0x37): eq, ne, then each of lt, gt, le, ge signed and unsigned. */
const I32X4_COMPARE = ["===", "!==", "<", "<", ">", ">", "<=", "<=", ">=", ">="] as const;
/** The lane expressions of the float binary ops, from f32x4.add (0xe4) and f64x2.add (0xf0): add, sub, mul, div, min, max. */
const FLOAT_BINARY: readonly ((a: string, b: string) => string)[] = [
  (a, b) => `${a} + ${b}`,
  (a, b) => `${a} - ${b}`,
  (a, b) => `${a} * ${b}`,
  (a, b) => `${a} / ${b}`,
  (a, b) => `Math.min(${a}, ${b})`,
  (a, b) => `Math.max(${a}, ${b})`,
];
/** JS comparisons of the float lane compares, from f32x4.eq (0x41) and f64x2.eq (0x47). */
const FLOAT_COMPARE = ["===", "!==", "<", ">", "<=", ">="] as const;

/** Whether `op` is a SIMD load or store (it reads the memory's DataView). */
export function isSimdMemoryOp(op: number): boolean {
  const imm = op >= PREFIX_FD_BASE ? opcodeById(op)?.imm : undefined;
  return imm === "memarg" || imm === "memargLane";
}

/** Translates the SIMD instruction `op` at `at`, on a stack of height h. */
export function simdInstruction(op: number, h: number, ops: Int32Array, at: number, out: SimdEmitter): void {
  out.emit(inline(op - PREFIX_FD_BASE, h, ops, at) ?? viaInterpreter(op, h, ops, at, out));
}

/** Statements writing the value of `type` at height h to the scratch cells from `cell`. */
function toCells(type: number, h: number, cell: number): string {
  switch (type) {
    case ValType.i32:
      return `VS[${cell}] = ${s(h)};`;
    case ValType.i64:
      return `VS[${cell}] = ${s(h)}; VS[${cell + 1}] = ${t(h)};`;
    case ValType.f32:
      return `VS[${cell}] = f32Bits(${s(h)});`;
    case ValType.f64:
      return `VD[${cell >> 1}] = ${s(h)};`;
    default:
      return words(h)
        .map((w, k) => `VS[${cell + k}] = ${w};`)
        .join(" ");
  }
}

/** Statements reading a value of `type` at height h from the scratch cells from `cell`. */
function fromCells(type: number, h: number, cell: number): string {
  switch (type) {
    case ValType.i32:
      return `${s(h)} = VS[${cell}];`;
    case ValType.i64:
      return `${s(h)} = VS[${cell}]; ${t(h)} = VS[${cell + 1}];`;
    case ValType.f32:
      return `${s(h)} = f32FromBits(VS[${cell}]);`;
    case ValType.f64:
      return `${s(h)} = VD[${cell >> 1}];`;
    default:
      return words(h)
        .map((w, k) => `${w} = VS[${cell + k}];`)
        .join(" ");
  }
}

/**
 * The generic path: the operands go to scratch cells 0, 4 and 8, the interpreter runs the
 * instruction laid out as its internal code (interpreter/src/simd/simd-code.ts: sub-opcode,
 * result cell, operand cells, immediates) and the result comes back from cell 12.
 */
function viaInterpreter(op: number, h: number, ops: Int32Array, at: number, out: SimdEmitter): string {
  const info = opcodeById(op)!;
  const params = info.params ?? [];
  const results = info.results ?? [];
  const p = params.length;
  const lines = params.map((type, i) => toCells(type, h - p + i, 4 * i));
  const layout = [
    0, // the internal opcode's place: executeSimd reads from the sub-opcode on
    op - PREFIX_FD_BASE,
    ...(results.length > 0 ? [12] : []),
    ...params.map((_, i) => 4 * i),
    ...simdImmediates(op, ops, at),
  ];
  lines.push(`simd(${out.constant(`new Int32Array([${layout.join(", ")}])`)}, M);`);
  if (results.length > 0) lines.push(fromCells(results[0]!, h - p, 12));
  return lines.join(" ");
}

/** Each word of the result (in place of the left operand) from the same word of both operands. */
function wordwise(h: number, f: (a: string, b: string) => string): string {
  const b = words(h - 1);
  return words(h - 2)
    .map((a, k) => `${a} = ${f(a, b[k]!)};`)
    .join(" ");
}

/** Each word of the result (in place of the operand) from the same word of the operand. */
function unaryWordwise(h: number, f: (a: string) => string): string {
  return words(h - 1)
    .map((a) => `${a} = ${f(a)};`)
    .join(" ");
}

/** Each word of a v128 shifted by the i32 on top (`n` in `f`: the count modulo the lane width). */
function shift(h: number, width: number, f: (a: string) => string): string {
  return `{ const n = ${s(h - 1)} & ${width - 1}; ${words(h - 2)
    .map((a) => `${a} = ${f(a)};`)
    .join(" ")} }`;
}

/** The scratch cells from `cell` get the words of the v128 at height h. */
function wordsToScratch(h: number, cell: number): string {
  return words(h)
    .map((w, k) => `VS[${cell + k}] = ${w};`)
    .join(" ");
}

/** The v128 at height h gets the words of the scratch cells from `cell`. */
function wordsFromScratch(h: number, cell: number): string {
  return words(h)
    .map((w, k) => `${w} = VS[${cell + k}];`)
    .join(" ");
}

/** f32x4 arithmetic: lane k of the result is `f(x, y)` of the operands' lanes, rounded by VF. */
function f32x4Binary(h: number, f: (x: string, y: string) => string): string {
  const lanes = [0, 1, 2, 3].map((k) => `VF[${k}] = ${f(`VF[${k}]`, `VF[${k + 4}]`)};`);
  return `${wordsToScratch(h - 2, 0)} ${wordsToScratch(h - 1, 4)} ${lanes.join(" ")} ${wordsFromScratch(h - 2, 0)}`;
}

/** f32x4 comparisons: lanes of all ones where `f` of the operands' lanes holds. */
function f32x4Compare(h: number, f: (x: string, y: string) => string): string {
  const a = words(h - 2);
  const lanes = a.map((w, k) => `${w} = ${f(`VF[${k}]`, `VF[${k + 4}]`)} ? -1 : 0;`);
  return `${wordsToScratch(h - 2, 0)} ${wordsToScratch(h - 1, 4)} ${lanes.join(" ")}`;
}

/** f32x4 pmin/pmax: the bits of the right operand's lane where `f` holds, else the left's. */
function f32x4Pick(h: number, f: (x: string, y: string) => string): string {
  const a = words(h - 2);
  const b = words(h - 1);
  const lanes = a.map((w, k) => `if (${f(`VF[${k}]`, `VF[${k + 4}]`)}) ${w} = ${b[k]};`);
  return `${wordsToScratch(h - 2, 0)} ${wordsToScratch(h - 1, 4)} ${lanes.join(" ")}`;
}

/** f32x4 unary operations through VF, lane by lane. */
function f32x4Unary(h: number, f: (x: string) => string): string {
  const lanes = [0, 1, 2, 3].map((k) => `VF[${k}] = ${f(`VF[${k}]`)};`);
  return `${wordsToScratch(h - 1, 0)} ${lanes.join(" ")} ${wordsFromScratch(h - 1, 0)}`;
}

/** f64x2 arithmetic through VD (lanes at VD[0], VD[1] and VD[2], VD[3]). */
function f64x2Binary(h: number, f: (x: string, y: string) => string): string {
  return `${wordsToScratch(h - 2, 0)} ${wordsToScratch(h - 1, 4)} VD[0] = ${f("VD[0]", "VD[2]")}; VD[1] = ${f("VD[1]", "VD[3]")}; ${wordsFromScratch(h - 2, 0)}`;
}

/** f64x2 comparisons: both words of a lane all ones where `f` holds. */
function f64x2Compare(h: number, f: (x: string, y: string) => string): string {
  const [a0, a1, a2, a3] = words(h - 2);
  return `${wordsToScratch(h - 2, 0)} ${wordsToScratch(h - 1, 4)} ${a0} = ${a1} = ${f("VD[0]", "VD[2]")} ? -1 : 0; ${a2} = ${a3} = ${f("VD[1]", "VD[3]")} ? -1 : 0;`;
}

/** A load: `read(e)` gives the four words' expressions for the effective address e. */
function load(h: number, ops: Int32Array, at: number, read: (e: string) => readonly string[]): string {
  const offset = ops[at + 3]! >>> 0;
  const addr = s(h - 1);
  const e = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset}`;
  // The address is word 0 of the result: every word is read before any is written.
  const values = read("e");
  const r = words(h - 1);
  return `{ const e = ${e}; const r0 = ${values[0]}, r1 = ${values[1]}, r2 = ${values[2]}, r3 = ${values[3]}; ${r.map((w, k) => `${w} = r${k};`).join(" ")} }`;
}

/** A byte of a word (`index` 0-3), sign- or zero-extended. */
function byteOf(word: string, index: number, signed: boolean): string {
  if (signed) return `((${word} << ${24 - 8 * index}) >> 24)`;
  return index === 3 ? `(${word} >>> 24)` : `((${word} >>> ${8 * index}) & 255)`;
}

/** A 16-bit half of a word (`index` 0-1), sign- or zero-extended. */
function halfOf(word: string, index: number, signed: boolean): string {
  if (index === 0) return signed ? `((${word} << 16) >> 16)` : `(${word} & 65535)`;
  return signed ? `(${word} >> 16)` : `(${word} >>> 16)`;
}

/**
 * The cell (0-7 of a ++ b) a shuffle word selects when it picks one whole aligned cell, else -1
 * (as the interpreter's shuffle).
 */
export function cellOf(word: number): number {
  const first = word & 0xff;
  return (first & 3) === 0 && word === first * 0x01010101 + 0x03020100 ? first >> 2 : -1;
}

/** i8x16.shuffle: each result word built from the bytes (or whole words) it selects. */
function shuffle(h: number, ops: Int32Array, at: number): string {
  const source = [...words(h - 2), ...words(h - 1)];
  const selectors = [ops[at + 1]!, ops[at + 2]!, ops[at + 3]!, ops[at + 4]!];
  const results = selectors.map((selector) => {
    const cell = cellOf(selector);
    if (cell >= 0) return source[cell]!;
    const parts: string[] = [];
    for (let j = 0; j < 4; j++) {
      const index = (selector >>> (8 * j)) & 0xff;
      const byte = byteOf(source[index >> 2]!, index & 3, false);
      parts.push(j === 0 ? byte : `(${byte} << ${8 * j})`);
    }
    return parts.join(" | ");
  });
  const r = words(h - 2);
  return `{ const r0 = ${results[0]}, r1 = ${results[1]}, r2 = ${results[2]}, r3 = ${results[3]}; ${r.map((w, k) => `${w} = r${k};`).join(" ")} }`;
}

/** The SIMD instruction `sub` written inline, or undefined when it takes the generic path. */
function inline(sub: number, h: number, ops: Int32Array, at: number): string | undefined {
  const x = s(h - 1);
  switch (sub) {
    case 0x00: // v128.load
      return load(h, ops, at, (e) => [0, 4, 8, 12].map((k) => `DV.getInt32(${e} + ${k}, true)`));
    case 0x01: // v128.load8x8_s
    case 0x02: // v128.load8x8_u
      return load(h, ops, at, (e) =>
        [0, 2, 4, 6].map((k) =>
          sub === 0x01
            ? `(DV.getInt8(${e} + ${k}) & 65535) | (DV.getInt8(${e} + ${k + 1}) << 16)`
            : `DV.getUint8(${e} + ${k}) | (DV.getUint8(${e} + ${k + 1}) << 16)`,
        ),
      );
    case 0x03: // v128.load16x4_s
    case 0x04: // v128.load16x4_u
      return load(h, ops, at, (e) =>
        [0, 2, 4, 6].map((k) => `DV.get${sub === 0x03 ? "Int16" : "Uint16"}(${e} + ${k}, true)`),
      );
    case 0x05: // v128.load32x2_s
    case 0x06: // v128.load32x2_u
      return load(h, ops, at, (e) => [
        `DV.getInt32(${e}, true)`,
        sub === 0x05 ? "r0 >> 31" : "0",
        `DV.getInt32(${e} + 4, true)`,
        sub === 0x05 ? "r2 >> 31" : "0",
      ]);
    case 0x07: // v128.load8_splat
      return load(h, ops, at, (e) => [`Math.imul(DV.getUint8(${e}), 0x01010101)`, "r0", "r0", "r0"]);
    case 0x08: // v128.load16_splat
      return load(h, ops, at, (e) => [`Math.imul(DV.getUint16(${e}, true), 0x10001)`, "r0", "r0", "r0"]);
    case 0x09: // v128.load32_splat
      return load(h, ops, at, (e) => [`DV.getInt32(${e}, true)`, "r0", "r0", "r0"]);
    case 0x0a: // v128.load64_splat
      return load(h, ops, at, (e) => [`DV.getInt32(${e}, true)`, `DV.getInt32(${e} + 4, true)`, "r0", "r1"]);
    case 0x5c: // v128.load32_zero
      return load(h, ops, at, (e) => [`DV.getInt32(${e}, true)`, "0", "0", "0"]);
    case 0x5d: // v128.load64_zero
      return load(h, ops, at, (e) => [`DV.getInt32(${e}, true)`, `DV.getInt32(${e} + 4, true)`, "0", "0"]);
    case 0x0b: {
      // v128.store: the last word first, so a store out of bounds writes nothing
      const offset = ops[at + 3]! >>> 0;
      const addr = s(h - 2);
      const e = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset}`;
      const [v0, v1, v2, v3] = words(h - 1);
      return `{ const e = ${e}; DV.setInt32(e + 12, ${v3}, true); DV.setInt32(e, ${v0}, true); DV.setInt32(e + 4, ${v1}, true); DV.setInt32(e + 8, ${v2}, true); }`;
    }
    case 0x0c: {
      // v128.const
      const r = words(h);
      return r.map((w, k) => `${w} = ${ops[at + 1 + k]!};`).join(" ");
    }
    case 0x0d:
      return shuffle(h, ops, at);
    case 0x0f: // i8x16.splat
    case 0x10: // i16x8.splat
    case 0x11: // i32x4.splat
    case 0x13: {
      // f32x4.splat (its bits)
      const value =
        sub === 0x0f
          ? `Math.imul(${x} & 255, 0x01010101)`
          : sub === 0x10
            ? `Math.imul(${x} & 65535, 0x10001)`
            : sub === 0x11
              ? x
              : `f32Bits(${x})`;
      const [r0, r1, r2, r3] = words(h - 1);
      return `${r3} = ${r2} = ${r1} = ${value}; ${r0} = ${r1};`;
    }
    case 0x12: {
      // i64x2.splat
      const [r0, r1, r2, r3] = words(h - 1);
      return `${r2} = ${r0}; ${r3} = ${r1};`;
    }
    case 0x14: {
      // f64x2.splat (its bits)
      const [r0, r1, r2, r3] = words(h - 1);
      return `${r0} = ${r2} = f64BitsPair(${x}); ${r1} = ${r3} = HI[0];`;
    }
    case 0x15: // i8x16.extract_lane_s
    case 0x16: {
      // i8x16.extract_lane_u
      const lane = ops[at + 1]!;
      return `${x} = ${byteOf(words(h - 1)[lane >> 2]!, lane & 3, sub === 0x15)};`;
    }
    case 0x18: // i16x8.extract_lane_s
    case 0x19: {
      // i16x8.extract_lane_u
      const lane = ops[at + 1]!;
      return `${x} = ${halfOf(words(h - 1)[lane >> 1]!, lane & 1, sub === 0x18)};`;
    }
    case 0x1b: // i32x4.extract_lane
      return `${x} = ${words(h - 1)[ops[at + 1]!]};`;
    case 0x1f: // f32x4.extract_lane (a NaN keeps its bits, encoded)
      return `${x} = f32FromBits(${words(h - 1)[ops[at + 1]!]});`;
    case 0x1d: // i64x2.extract_lane
    case 0x21: {
      // f64x2.extract_lane
      const lane = ops[at + 1]!;
      const r = words(h - 1);
      const lo = r[2 * lane]!;
      const hi = r[2 * lane + 1]!;
      return sub === 0x1d ? `${x} = ${lo}; ${t(h - 1)} = ${hi};` : `${x} = f64FromWords(${lo}, ${hi});`;
    }
    case 0x17: {
      // i8x16.replace_lane
      const lane = ops[at + 1]!;
      const w = words(h - 2)[lane >> 2]!;
      const bit = 8 * (lane & 3);
      return `${w} = (${w} & ${~(0xff << bit)}) | ((${x} & 255) << ${bit});`;
    }
    case 0x1a: {
      // i16x8.replace_lane
      const lane = ops[at + 1]!;
      const w = words(h - 2)[lane >> 1]!;
      return lane & 1 ? `${w} = (${w} & 65535) | (${x} << 16);` : `${w} = (${w} & -65536) | (${x} & 65535);`;
    }
    case 0x1c: // i32x4.replace_lane
      return `${words(h - 2)[ops[at + 1]!]} = ${x};`;
    case 0x20: // f32x4.replace_lane
      return `${words(h - 2)[ops[at + 1]!]} = f32Bits(${x});`;
    case 0x1e: {
      // i64x2.replace_lane
      const lane = ops[at + 1]!;
      const r = words(h - 2);
      return `${r[2 * lane]} = ${x}; ${r[2 * lane + 1]} = ${t(h - 1)};`;
    }
    case 0x22: {
      // f64x2.replace_lane
      const lane = ops[at + 1]!;
      const r = words(h - 2);
      return `${r[2 * lane]} = f64BitsPair(${x}); ${r[2 * lane + 1]} = HI[0];`;
    }
    // Bytes and halves compared within words: a lane is zero exactly when the carry-free
    // test below leaves its top bit clear; that bit, moved to the lane's bottom, times 0xff
    // (0xffff) is the lane's mask.
    case 0x23: // i8x16.eq
    case 0x24: // i8x16.ne
      return wordwise(
        h,
        (a, b) =>
          `${sub === 0x24 ? "~" : ""}Math.imul((~((((${a} ^ ${b}) & 0x7f7f7f7f) + 0x7f7f7f7f) | (${a} ^ ${b})) & 0x80808080) >>> 7, 255)`,
      );
    case 0x2d: // i16x8.eq
    case 0x2e: // i16x8.ne
      return wordwise(
        h,
        (a, b) =>
          `${sub === 0x2e ? "~" : ""}Math.imul((~((((${a} ^ ${b}) & 0x7fff7fff) + 0x7fff7fff) | (${a} ^ ${b})) & 0x80008000) >>> 15, 65535)`,
      );
    case 0x37: // i32x4.eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u
    case 0x38:
    case 0x39:
    case 0x3a:
    case 0x3b:
    case 0x3c:
    case 0x3d:
    case 0x3e:
    case 0x3f:
    case 0x40: {
      const i = sub - 0x37;
      const cmp = I32X4_COMPARE[i]!;
      const word = i >= 2 && i % 2 === 1 ? (x: string) => `${x} >>> 0` : (x: string) => x;
      return wordwise(h, (a, b) => `${word(a)} ${cmp} ${word(b)} ? -1 : 0`);
    }
    case 0x41: // f32x4.eq, ne, lt, gt, le, ge
    case 0x42:
    case 0x43:
    case 0x44:
    case 0x45:
    case 0x46:
      return f32x4Compare(h, (a, b) => `${a} ${FLOAT_COMPARE[sub - 0x41]} ${b}`);
    case 0x47: // f64x2.eq, ne, lt, gt, le, ge
    case 0x48:
    case 0x49:
    case 0x4a:
    case 0x4b:
    case 0x4c:
      return f64x2Compare(h, (a, b) => `${a} ${FLOAT_COMPARE[sub - 0x47]} ${b}`);
    case 0x4d: // v128.not
      return unaryWordwise(h, (a) => `~${a}`);
    case 0x4e: // v128.and
      return wordwise(h, (a, b) => `${a} & ${b}`);
    case 0x4f: // v128.andnot
      return wordwise(h, (a, b) => `${a} & ~${b}`);
    case 0x50: // v128.or
      return wordwise(h, (a, b) => `${a} | ${b}`);
    case 0x51: // v128.xor
      return wordwise(h, (a, b) => `${a} ^ ${b}`);
    case 0x52: {
      // v128.bitselect
      const b = words(h - 2);
      const c = words(h - 1);
      return words(h - 3)
        .map((a, k) => `${a} = (${a} & ${c[k]}) | (${b[k]} & ~${c[k]});`)
        .join(" ");
    }
    case 0x53: {
      // v128.any_true
      const [a0, a1, a2, a3] = words(h - 1);
      return `${x} = (${a0} | ${a1} | ${a2} | ${a3}) !== 0 ? 1 : 0;`;
    }
    case 0x64: // i8x16.bitmask: the top bit of every byte
      return `${x} = ${words(h - 1)
        .map(
          (a, k) =>
            `((((${a} >>> 7) & 1) | ((${a} >>> 14) & 2) | ((${a} >>> 21) & 4) | ((${a} >>> 28) & 8)) << ${4 * k})`,
        )
        .join(" | ")};`;
    case 0xa3: {
      // i32x4.all_true
      const [a0, a1, a2, a3] = words(h - 1);
      return `${x} = ${a0} !== 0 && ${a1} !== 0 && ${a2} !== 0 && ${a3} !== 0 ? 1 : 0;`;
    }
    case 0xa4: // i32x4.bitmask
      return `${x} = ${words(h - 1)
        .map((a, k) => (k === 0 ? `(${a} >>> 31)` : `((${a} >>> 31) << ${k})`))
        .join(" | ")};`;
    // Lanes of 8 and 16 bits added within a word: the low bits of every lane add without
    // carrying out of it, and the top bit of each is the xor of the operands' and the carry.
    case 0x6e: // i8x16.add
      return wordwise(
        h,
        (a, b) => `((${a} & 0x7f7f7f7f) + (${b} & 0x7f7f7f7f)) ^ ((${a} ^ ${b}) & 0x80808080)`,
      );
    case 0x71: // i8x16.sub: every lane's top bit set first, so no lane borrows from the next
      return wordwise(
        h,
        (a, b) => `((${a} | 0x80808080) - (${b} & 0x7f7f7f7f)) ^ ((${a} ^ ~${b}) & 0x80808080)`,
      );
    case 0x8e: // i16x8.add
      return wordwise(
        h,
        (a, b) => `((${a} & 0x7fff7fff) + (${b} & 0x7fff7fff)) ^ ((${a} ^ ${b}) & 0x80008000)`,
      );
    case 0x91: // i16x8.sub
      return wordwise(
        h,
        (a, b) => `((${a} | 0x80008000) - (${b} & 0x7fff7fff)) ^ ((${a} ^ ~${b}) & 0x80008000)`,
      );
    case 0x95: // i16x8.mul: the low half of a product depends on the low halves only
      return wordwise(
        h,
        (a, b) => `(Math.imul(${a}, ${b}) & 65535) | (Math.imul(${a} >>> 16, ${b} >>> 16) << 16)`,
      );
    case 0x6b: // i8x16.shl
      return shift(h, 8, (a) => `(${a} << n) & Math.imul((255 << n) & 255, 0x01010101)`);
    case 0x6d: // i8x16.shr_u
      return shift(h, 8, (a) => `(${a} >>> n) & Math.imul(255 >>> n, 0x01010101)`);
    case 0x8b: // i16x8.shl
      return shift(h, 16, (a) => `(${a} << n) & Math.imul((65535 << n) & 65535, 0x10001)`);
    case 0x8c: // i16x8.shr_s
      return shift(h, 16, (a) => `(((${a} << 16) >> (16 + n)) & 65535) | ((${a} >> n) & -65536)`);
    case 0x8d: // i16x8.shr_u
      return shift(h, 16, (a) => `(${a} >>> n) & Math.imul(65535 >>> n, 0x10001)`);
    case 0xab: // i32x4.shl
      return shift(h, 32, (a) => `${a} << n`);
    case 0xac: // i32x4.shr_s
      return shift(h, 32, (a) => `${a} >> n`);
    case 0xad: // i32x4.shr_u
      return shift(h, 32, (a) => `(${a} >>> n) | 0`);
    case 0xa0: // i32x4.abs
      return unaryWordwise(h, (a) => `${a} < 0 ? -${a} | 0 : ${a}`);
    case 0xa1: // i32x4.neg
      return unaryWordwise(h, (a) => `-${a} | 0`);
    case 0x87: // i16x8.extend_low_i8x16_s
    case 0x88: // i16x8.extend_high_i8x16_s
    case 0x89: // i16x8.extend_low_i8x16_u
    case 0x8a: {
      // i16x8.extend_high_i8x16_u
      const a = words(h - 1);
      const from = sub === 0x87 || sub === 0x89 ? 0 : 2;
      const signed = sub <= 0x88;
      const r = [0, 1, 2, 3].map((k) => {
        const w = a[from + (k >> 1)]!;
        const low = byteOf(w, 2 * (k & 1), signed);
        return `(${signed ? `${low} & 65535` : low}) | (${byteOf(w, 2 * (k & 1) + 1, signed)} << 16)`;
      });
      return `{ const r0 = ${r[0]}, r1 = ${r[1]}, r2 = ${r[2]}, r3 = ${r[3]}; ${a.map((w, k) => `${w} = r${k};`).join(" ")} }`;
    }
    case 0xa7: // i32x4.extend_low_i16x8_s
    case 0xa8: // i32x4.extend_high_i16x8_s
    case 0xa9: // i32x4.extend_low_i16x8_u
    case 0xaa: {
      // i32x4.extend_high_i16x8_u
      const a = words(h - 1);
      const from = sub === 0xa7 || sub === 0xa9 ? 0 : 2;
      const signed = sub <= 0xa8;
      const r = [0, 1, 2, 3].map((k) => halfOf(a[from + (k >> 1)]!, k & 1, signed));
      return `{ const r0 = ${r[0]}, r1 = ${r[1]}, r2 = ${r[2]}, r3 = ${r[3]}; ${a.map((w, k) => `${w} = r${k};`).join(" ")} }`;
    }
    case 0xae: // i32x4.add
      return wordwise(h, (a, b) => `(${a} + ${b}) | 0`);
    case 0xb1: // i32x4.sub
      return wordwise(h, (a, b) => `(${a} - ${b}) | 0`);
    case 0xb5: // i32x4.mul
      return wordwise(h, (a, b) => `Math.imul(${a}, ${b})`);
    case 0xb6: // i32x4.min_s
      return wordwise(h, (a, b) => `${a} < ${b} ? ${a} : ${b}`);
    case 0xb7: // i32x4.min_u
      return wordwise(h, (a, b) => `${a} >>> 0 < ${b} >>> 0 ? ${a} : ${b}`);
    case 0xb8: // i32x4.max_s
      return wordwise(h, (a, b) => `${a} > ${b} ? ${a} : ${b}`);
    case 0xb9: // i32x4.max_u
      return wordwise(h, (a, b) => `${a} >>> 0 > ${b} >>> 0 ? ${a} : ${b}`);
    case 0xba: // i32x4.dot_i16x8_s: the two products' sum wraps only for -32768 * -32768 twice
      return wordwise(
        h,
        (a, b) =>
          `(Math.imul((${a} << 16) >> 16, (${b} << 16) >> 16) + Math.imul(${a} >> 16, ${b} >> 16)) | 0`,
      );
    case 0xce: // i64x2.add
    case 0xd1: {
      // i64x2.sub
      const a = words(h - 2);
      const b = words(h - 1);
      const lanes = [0, 2].map((k) => {
        const [lo, hi, y, Y] = [a[k]!, a[k + 1]!, b[k]!, b[k + 1]!];
        return sub === 0xce
          ? `{ const r = (${lo} + ${y}) | 0; ${hi} = (${hi} + ${Y} + (r >>> 0 < ${lo} >>> 0 ? 1 : 0)) | 0; ${lo} = r; }`
          : `{ const r = (${lo} - ${y}) | 0; ${hi} = (${hi} - ${Y} - (${lo} >>> 0 < ${y} >>> 0 ? 1 : 0)) | 0; ${lo} = r; }`;
      });
      return lanes.join(" ");
    }
    case 0xd6: // i64x2.eq
    case 0xd7: {
      // i64x2.ne
      const [a0, a1, a2, a3] = words(h - 2);
      const [b0, b1, b2, b3] = words(h - 1);
      const [yes, no] = sub === 0xd6 ? ["-1", "0"] : ["0", "-1"];
      return `${a0} = ${a1} = ${a0} === ${b0} && ${a1} === ${b1} ? ${yes} : ${no}; ${a2} = ${a3} = ${a2} === ${b2} && ${a3} === ${b3} ? ${yes} : ${no};`;
    }
    case 0xe0: // f32x4.abs (bits)
      return unaryWordwise(h, (a) => `${a} & 0x7fffffff`);
    case 0xe1: // f32x4.neg (bits)
      return unaryWordwise(h, (a) => `${a} ^ -0x80000000`);
    case 0xe3: // f32x4.sqrt
      return f32x4Unary(h, (v) => `Math.sqrt(${v})`);
    case 0xe4: // f32x4.add, sub, mul, div, min, max
    case 0xe5:
    case 0xe6:
    case 0xe7:
    case 0xe8:
    case 0xe9:
      return f32x4Binary(h, FLOAT_BINARY[sub - 0xe4]!);
    case 0xea: // f32x4.pmin: b < a ? b : a
      return f32x4Pick(h, (a, b) => `${b} < ${a}`);
    case 0xeb: // f32x4.pmax: a < b ? b : a
      return f32x4Pick(h, (a, b) => `${a} < ${b}`);
    case 0xfa: // f32x4.convert_i32x4_s
    case 0xfb: {
      // f32x4.convert_i32x4_u
      const a = words(h - 1);
      const lanes = a.map((w, k) => `VF[${k}] = ${w}${sub === 0xfb ? " >>> 0" : ""};`);
      return `${lanes.join(" ")} ${wordsFromScratch(h - 1, 0)}`;
    }
    case 0xec: {
      // f64x2.abs (bits)
      const a = words(h - 1);
      return `${a[1]} &= 0x7fffffff; ${a[3]} &= 0x7fffffff;`;
    }
    case 0xed: {
      // f64x2.neg (bits)
      const a = words(h - 1);
      return `${a[1]} ^= -0x80000000; ${a[3]} ^= -0x80000000;`;
    }
    case 0xef: // f64x2.sqrt
      return `${wordsToScratch(h - 1, 0)} VD[0] = Math.sqrt(VD[0]); VD[1] = Math.sqrt(VD[1]); ${wordsFromScratch(h - 1, 0)}`;
    case 0xf0: // f64x2.add, sub, mul, div, min, max
    case 0xf1:
    case 0xf2:
    case 0xf3:
    case 0xf4:
    case 0xf5:
      return f64x2Binary(h, FLOAT_BINARY[sub - 0xf0]!);
    case 0xfe: // f64x2.convert_low_i32x4_s
    case 0xff: {
      // f64x2.convert_low_i32x4_u
      const a = words(h - 1);
      const u = sub === 0xff ? " >>> 0" : "";
      return `VD[0] = ${a[0]}${u}; VD[1] = ${a[1]}${u}; ${wordsFromScratch(h - 1, 0)}`;
    }
    default:
      return undefined;
  }
}
