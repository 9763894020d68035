import { type OpcodeInfo, opcodes } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type FunctionInstance, invoke, type MemoryInstance, type ModuleInstance } from "../src/index.js";
import { instantiateWat } from "./load.js";

/**
 * Every SIMD operation, run on our interpreter and on node's own WebAssembly engine with the
 * same inputs (special values of every lane shape plus random bits, from a fixed seed), must
 * leave the same bytes in memory. Each case also runs with the result written over one of its
 * own operands (`local.set` of an operand's local, and an operand's stack slot), which is where
 * cross-lane operations would go wrong. Float arithmetic may differ only in NaN payloads, and
 * our NaNs must then be quiet.
 *
 * Memory layout of a case: inputs at 0, 16 and 32; outputs from 64, 16 bytes each.
 */

/** Node's own engine (the type definitions in use do not declare the WebAssembly global). */
interface NodeWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const nodeWasm = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;

const OUT = 64;
const TRIALS = 24;

// The 2.0 operations: relaxed SIMD picks its own results (simd/relaxed.ts), not node's.
const simdOps = opcodes.filter((info) => info.prefix === 0xfd && info.feature === "simd");

/** Float results that are computed, not moved: NaN payloads are the engine's choice. */
const computedFloat =
  /^f(32x4|64x2)\.(add|sub|mul|div|min|max|sqrt|ceil|floor|trunc|nearest|demote_f64x2_zero|promote_low_f32x4)$/;

const loadOf: Record<string, string> = { i: "i32.load", I: "i64.load", f: "f32.load", F: "f64.load" };
const storeOf: Record<string, string> = { i: "i32.store", I: "i64.store", f: "f32.store", F: "f64.store" };
const laneCount: Record<string, number> = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 };

interface Case {
  readonly name: string;
  readonly info: OpcodeInfo;
  /** The function body, reading inputs and storing outputs as laid out above. */
  readonly body: string;
  readonly outputs: number;
}

const v = (at: number) => `(v128.load (i32.const ${at}))`;
const storeV = (slot: number, value: string) => `(v128.store (i32.const ${OUT + 16 * slot}) ${value})`;

/** Cases for an op with no immediates, by signature. */
function plainCases(info: OpcodeInfo): Case[] {
  const op = info.name;
  const sig = info.sig!;
  const one = (body: string, outputs: number): Case[] => [{ name: op, info, body, outputs }];
  switch (sig) {
    case "vv>v":
      return one(
        `(local.set 0 ${v(0)}) (local.set 1 ${v(16)})
         ${storeV(0, `(${op} (local.get 0) (local.get 1))`)}
         (local.set 0 (${op} (local.get 0) (local.get 1))) ${storeV(1, "(local.get 0)")}
         (local.set 0 ${v(0)})
         (local.set 1 (${op} (local.get 0) (local.get 1))) ${storeV(2, "(local.get 1)")}
         ${storeV(3, `(${op} ${v(0)} ${v(16)})`)}`,
        4,
      );
    case "vvv>v":
      return one(
        `(local.set 0 ${v(0)}) (local.set 1 ${v(16)}) (local.set 2 ${v(32)})
         ${storeV(0, `(${op} (local.get 0) (local.get 1) (local.get 2))`)}
         (local.set 2 (${op} (local.get 0) (local.get 1) (local.get 2))) ${storeV(1, "(local.get 2)")}`,
        2,
      );
    case "v>v":
      return one(
        `(local.set 0 ${v(0)})
         ${storeV(0, `(${op} (local.get 0))`)}
         (local.set 0 (${op} (local.get 0))) ${storeV(1, "(local.get 0)")}`,
        2,
      );
    case "vi>v":
      return one(
        `(local.set 0 ${v(0)})
         ${storeV(0, `(${op} (local.get 0) (i32.load (i32.const 16)))`)}
         (local.set 0 (${op} (local.get 0) (i32.load (i32.const 16)))) ${storeV(1, "(local.get 0)")}`,
        2,
      );
    case "v>i":
      return one(`(i32.store (i32.const ${OUT}) (${op} ${v(0)}))`, 1);
    default: {
      // splats: a scalar of the signature's type
      const letter = sig[0]!;
      return one(storeV(0, `(${op} (${loadOf[letter]} (i32.const 16)))`), 1);
    }
  }
}

/** Cases for ops with immediates: one per lane (lane ops), a few shuffles, offsets for memory. */
function immediateCases(info: OpcodeInfo, random: () => number): Case[] {
  const op = info.name;
  const sig = info.sig!;
  const cases: Case[] = [];
  const add = (name: string, body: string, outputs = 1) => cases.push({ name, info, body, outputs });
  switch (info.imm) {
    case "lane": {
      const lanes = laneCount[op.slice(0, 5)]!;
      for (let lane = 0; lane < lanes; lane++) {
        if (sig.startsWith("v>")) {
          add(`${op} ${lane}`, `(${storeOf[sig[2]!]} (i32.const ${OUT}) (${op} ${lane} ${v(0)}))`);
        } else {
          const scalar = `(${loadOf[sig[1]!]} (i32.const 16))`;
          add(
            `${op} ${lane}`,
            `(local.set 0 ${v(0)}) ${storeV(0, `(${op} ${lane} (local.get 0) ${scalar})`)}
             (local.set 0 (${op} ${lane} (local.get 0) ${scalar})) ${storeV(1, "(local.get 0)")}`,
            2,
          );
        }
      }
      return cases;
    }
    case "shuffle": {
      // whole 32-bit lanes (a fast path), almost whole lanes, then random bytes
      const fixed = [
        "0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3",
        "28 29 30 31 4 5 6 7 16 17 18 19 12 13 14 15",
        "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 16",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
      ];
      for (let n = 0; n < 12; n++) {
        const lanes = fixed[n] ?? Array.from({ length: 16 }, () => Math.floor(random() * 32)).join(" ");
        add(
          `${op} ${lanes}`,
          `(local.set 0 ${v(0)}) (local.set 1 ${v(16)})
           ${storeV(0, `(${op} ${lanes} (local.get 0) (local.get 1))`)}
           (local.set 1 (${op} ${lanes} (local.get 0) (local.get 1))) ${storeV(1, "(local.get 1)")}`,
          2,
        );
      }
      return cases;
    }
    case "v128":
      add(op, storeV(0, `(${op} i32x4 0x01020304 0x80000000 0x7fc00001 -1)`));
      return cases;
    case "memarg":
      for (const offset of [0, 1, 7, 19]) {
        if (sig === "iv>") {
          add(`${op} offset=${offset}`, `(${op} offset=${offset} (i32.const ${OUT}) ${v(0)})`, 3);
        } else {
          add(`${op} offset=${offset}`, storeV(0, `(${op} offset=${offset} (i32.const 3))`));
        }
      }
      return cases;
    case "memargLane": {
      const size = 1 << info.naturalAlign;
      for (let lane = 0; lane < 16 / size; lane++) {
        if (sig === "iv>") {
          add(`${op} ${lane}`, `(${op} offset=5 ${lane} (i32.const ${OUT}) ${v(0)})`);
        } else {
          add(
            `${op} ${lane}`,
            `(local.set 0 ${v(16)}) ${storeV(0, `(${op} offset=5 ${lane} (i32.const 2) (local.get 0))`)}
             (local.set 0 (${op} offset=5 ${lane} (i32.const 2) (local.get 0))) ${storeV(1, "(local.get 0)")}`,
            2,
          );
        }
      }
      return cases;
    }
    default:
      return plainCases(info);
  }
}

/** xorshift32: reproducible inputs. */
function xorshift(seed: number): () => number {
  let x = seed | 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const f32Specials = [
  0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7fc12345, 0x3f800000,
  0xbf800000, 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x00000001, 0x807fffff, 0x4b000000, 0x4b7fffff,
  0x4f000000, 0xcf000000, 0x4f800000, 0x7f7fffff, 0xceffffff, 0x3eaaaaab,
];
const f64Specials: [number, number][] = [
  [0, 0],
  [0, 0x80000000],
  [0, 0x7ff00000],
  [0, 0xfff00000],
  [0, 0x7ff80000],
  [0, 0xfff80000],
  [1, 0x7ff40000],
  [0x12345, 0x7ff81234],
  [0, 0x3ff00000],
  [0, 0xbff00000],
  [0, 0x3fe00000],
  [0, 0x3ff80000],
  [0, 0x40040000],
  [0, 0xc0040000],
  [1, 0],
  [0, 0x41e00000],
  [0, 0xc1e00000],
  [0, 0x41f00000],
  [0xffe00000, 0x41efffff],
  [0x20000000, 0x3ff00000],
  [0x30000000, 0x3ff00000],
  [0, 0x43300000],
  [0xffffffff, 0x7fefffff],
  [0, 0x47efffff],
];
const intSpecials = [0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 2, 0x4000];

/** One 16-byte input: random bits, or special values of one lane shape. */
function input(random: () => number): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const flavour = Math.floor(random() * 6);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  if (flavour === 1) for (let i = 0; i < 4; i++) view.setUint32(4 * i, pick(f32Specials), true);
  if (flavour === 2) {
    for (let i = 0; i < 2; i++) {
      const [lo, hi] = pick(f64Specials);
      view.setUint32(8 * i, lo, true);
      view.setUint32(8 * i + 4, hi, true);
    }
  }
  if (flavour === 3) for (let i = 0; i < 16; i++) bytes[i] = pick(intSpecials) & 0xff;
  if (flavour === 4) for (let i = 0; i < 8; i++) view.setUint16(2 * i, pick(intSpecials) & 0xffff, true);
  if (flavour === 5) for (let i = 0; i < 4; i++) view.setUint32(4 * i, pick(intSpecials) >>> 0, true);
  return bytes;
}

function isNaNLane(bytes: Uint8Array, at: number, width: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return width === 4 ? Number.isNaN(view.getFloat32(at, true)) : Number.isNaN(view.getFloat64(at, true));
}
function isQuietLane(bytes: Uint8Array, at: number, width: number): boolean {
  return width === 4 ? (bytes[at + 2]! & 0x40) !== 0 : (bytes[at + 6]! & 0x08) !== 0;
}

/** Differences between our output and node's, allowing NaN payloads to differ where the spec does. */
function differences(c: Case, ours: Uint8Array, theirs: Uint8Array): string[] {
  const found: string[] = [];
  const width = c.info.name.startsWith("f32x4") ? 4 : 8;
  const lax = computedFloat.test(c.info.name);
  for (let at = 0; at < ours.length; at += width) {
    const a = ours.subarray(at, at + width);
    const b = theirs.subarray(at, at + width);
    if (a.every((byte, i) => byte === b[i])) continue;
    if (lax && isNaNLane(ours, at, width) && isNaNLane(theirs, at, width)) {
      if (isQuietLane(ours, at, width)) continue;
      found.push(`bytes ${at}: a signalling NaN`);
      continue;
    }
    found.push(`bytes ${at}..${at + width - 1}: ours ${hex(a)}, node ${hex(b)}`);
  }
  return found;
}
function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

describe("SIMD against node's WebAssembly", () => {
  const random = xorshift(0x5eed5);
  const cases = simdOps.flatMap((info) => immediateCases(info, random));

  it("covers every SIMD operation", () => {
    expect(new Set(cases.map((c) => c.info.name)).size).toBe(simdOps.length);
  });

  it("leaves the same bytes for the same inputs, also when the result overwrites an operand", async () => {
    const funcs = cases.map((c, i) => `(func (export "c${i}") (local v128 v128 v128) ${c.body})`);
    const text = `(module (memory (export "mem") 1) ${funcs.join("\n")})`;
    const bytes = await wat(text);
    const ours: ModuleInstance = await instantiateWat(text);
    const oursMemory = ours.exports.get("mem") as MemoryInstance;
    const node = new nodeWasm.Instance(new nodeWasm.Module(bytes)).exports;
    const nodeMemory = new Uint8Array((node.mem as { buffer: ArrayBuffer }).buffer);

    const failures: string[] = [];
    const inputs = Array.from({ length: TRIALS }, () => [input(random), input(random), input(random)]);
    cases.forEach((c, i) => {
      const fn = ours.exports.get(`c${i}`) as FunctionInstance;
      for (const [x, y, z] of inputs) {
        for (const memory of [oursMemory.u8, nodeMemory]) {
          memory.fill(0, 0, OUT + 64);
          memory.set(x!, 0);
          memory.set(y!, 16);
          memory.set(z!, 32);
        }
        invoke(fn, []);
        (node[`c${i}`] as () => void)();
        const size = 16 * c.outputs;
        const found = differences(c, oursMemory.u8.slice(OUT, OUT + size), nodeMemory.slice(OUT, OUT + size));
        if (found.length > 0) {
          failures.push(`${c.name} (${hex(x!)} | ${hex(y!)} | ${hex(z!)}): ${found.join("; ")}`);
          break;
        }
      }
    });
    expect(failures).toEqual([]);
  });
});
