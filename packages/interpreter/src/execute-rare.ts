import { RuntimeError, type TrapKind } from "@microwasm/core";
import type { ExecStack } from "./exec-stack.js";
import type { InstanceContext } from "./instance-context.js";
import type { MemoryInstance } from "./memory-instance.js";
import {
  f32ConvertI64S,
  f32ConvertI64U,
  f32Max,
  f32Min,
  f32Nearest,
  f64ConvertI64S,
  f64ConvertI64U,
  f64Max,
  f64Min,
  f64Nearest,
  i32TruncF32S,
  i32TruncF32U,
  i32TruncF64S,
  i32TruncF64U,
  i32TruncSatF32S,
  i32TruncSatF32U,
  i32TruncSatF64S,
  i32TruncSatF64U,
  i64Clz,
  i64Ctz,
  i64Popcnt,
  i64TruncF32S,
  i64TruncF32U,
  i64TruncF64S,
  i64TruncF64U,
  i64TruncSatF32S,
  i64TruncSatF32U,
  i64TruncSatF64S,
  i64TruncSatF64U,
} from "./numerics/index.js";

/**
 * The instructions the loop in execute.ts leaves to this function: the ones compiled C and Rust
 * run rarely (under 0.2% of the dispatches of every library in test/bench-libraries, and in no
 * kernel of test/bench): bit counts, f64 and i64 compares other than `i64.eqz`/`i64.ne`, i32
 * division, float rounding and f32 arithmetic, conversions, bulk memory, tables, references,
 * v128 and reference moves. Same operands and semantics as there; returns the pc
 * of the next instruction, throws the same traps (the loop's `catch` reports them at `pc`).
 *
 * Why a function of its own: V8 compiles the loop as one function, with the type feedback its
 * code has gathered, and leaves a deoptimization wherever code had none yet. Every op a
 * workload reaches for the first time after that compile throws the optimized loop away, and
 * the loop runs unoptimized until V8 has compiled it again (hundreds of milliseconds for a
 * function of its size); each compile takes longer as more of the loop has feedback. Out here,
 * a rare op deoptimizes only this small function, and the loop stays smaller to compile.
 */
export function executeRare(
  stack: ExecStack,
  code: Int32Array,
  pc: number,
  fp: number,
  ctx: InstanceContext,
  mem: MemoryInstance,
): number {
  const I32 = stack.i32;
  const F32 = stack.f32;
  const F64 = stack.f64;
  const REFS = stack.refs;
  const U8 = mem.u8;
  const memSize = mem.byteLength;
  switch (code[pc]) {
    case 0x51: {
      // i64.eq
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xl === yl && xh === yh ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x53: {
      // i64.lt_s
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh < yh || (xh === yh && xl >>> 0 < yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x54: {
      // i64.lt_u
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh >>> 0 < yh >>> 0 || (xh === yh && xl >>> 0 < yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x55: {
      // i64.gt_s
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh > yh || (xh === yh && xl >>> 0 > yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x56: {
      // i64.gt_u
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh >>> 0 > yh >>> 0 || (xh === yh && xl >>> 0 > yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x57: {
      // i64.le_s
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh < yh || (xh === yh && xl >>> 0 <= yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x58: {
      // i64.le_u
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh >>> 0 < yh >>> 0 || (xh === yh && xl >>> 0 <= yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x59: {
      // i64.ge_s
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh > yh || (xh === yh && xl >>> 0 >= yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x5a: {
      // i64.ge_u
      const xl = I32[fp + code[pc + 2]!]!;
      const xh = I32[fp + code[pc + 2]! + 1]!;
      const yl = I32[fp + code[pc + 3]!]!;
      const yh = I32[fp + code[pc + 3]! + 1]!;
      I32[fp + code[pc + 1]!] = xh >>> 0 > yh >>> 0 || (xh === yh && xl >>> 0 >= yl >>> 0) ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x61: {
      // f64.eq
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! === F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x62: {
      // f64.ne
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! !== F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x63: {
      // f64.lt
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! < F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x64: {
      // f64.gt
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! > F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x65: {
      // f64.le
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! <= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x66: {
      // f64.ge
      I32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]! >= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x6d: {
      // i32.div_s
      const x = I32[fp + code[pc + 2]!]!;
      const y = I32[fp + code[pc + 3]!]!;
      if (y === 0) throw trap("integerDivideByZero");
      if (x === -0x80000000 && y === -1) throw trap("integerOverflow");
      I32[fp + code[pc + 1]!] = (x / y) | 0;
      pc += 4;
      break;
    }
    case 0x6e: {
      // i32.div_u
      const x = I32[fp + code[pc + 2]!]!;
      const y = I32[fp + code[pc + 3]!]!;
      if (y === 0) throw trap("integerDivideByZero");
      I32[fp + code[pc + 1]!] = ((x >>> 0) / (y >>> 0)) | 0;
      pc += 4;
      break;
    }
    case 0x6f: {
      // i32.rem_s
      const x = I32[fp + code[pc + 2]!]!;
      const y = I32[fp + code[pc + 3]!]!;
      if (y === 0) throw trap("integerDivideByZero");
      I32[fp + code[pc + 1]!] = (x % y) | 0;
      pc += 4;
      break;
    }
    case 0x70: {
      // i32.rem_u
      const x = I32[fp + code[pc + 2]!]!;
      const y = I32[fp + code[pc + 3]!]!;
      if (y === 0) throw trap("integerDivideByZero");
      I32[fp + code[pc + 1]!] = ((x >>> 0) % (y >>> 0)) | 0;
      pc += 4;
      break;
    }
    case 0x5b: {
      // f32.eq
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! === F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x5c: {
      // f32.ne
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! !== F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x5d: {
      // f32.lt
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! < F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x5e: {
      // f32.gt
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! > F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x5f: {
      // f32.le
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! <= F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x60: {
      // f32.ge
      I32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! >= F32[fp + code[pc + 3]!]! ? 1 : 0;
      pc += 4;
      break;
    }
    case 0x67: {
      // i32.clz
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = Math.clz32(x);
      pc += 3;
      break;
    }
    case 0x68: {
      // i32.ctz
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = x === 0 ? 32 : 31 - Math.clz32(x & -x);
      pc += 3;
      break;
    }
    case 0x69: {
      // i32.popcnt
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = popcnt32(x);
      pc += 3;
      break;
    }
    case 0x79: {
      // i64.clz
      i64Clz(I32, fp + code[pc + 1]!, fp + code[pc + 2]!);
      pc += 3;
      break;
    }
    case 0x7a: {
      // i64.ctz
      i64Ctz(I32, fp + code[pc + 1]!, fp + code[pc + 2]!);
      pc += 3;
      break;
    }
    case 0x7b: {
      // i64.popcnt
      i64Popcnt(I32, fp + code[pc + 1]!, fp + code[pc + 2]!);
      pc += 3;
      break;
    }
    case 0x8b: {
      // f32.abs
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = x & 0x7fffffff;
      pc += 3;
      break;
    }
    case 0x8c: {
      // f32.neg
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = x ^ -0x80000000;
      pc += 3;
      break;
    }
    case 0x8d: {
      // f32.ceil
      F32[fp + code[pc + 1]!] = Math.ceil(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x8e: {
      // f32.floor
      F32[fp + code[pc + 1]!] = Math.floor(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x8f: {
      // f32.trunc
      F32[fp + code[pc + 1]!] = Math.trunc(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x90: {
      // f32.nearest
      F32[fp + code[pc + 1]!] = f32Nearest(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x91: {
      // f32.sqrt
      F32[fp + code[pc + 1]!] = Math.sqrt(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x92: {
      // f32.add
      F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! + F32[fp + code[pc + 3]!]!;
      pc += 4;
      break;
    }
    case 0x93: {
      // f32.sub
      F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! - F32[fp + code[pc + 3]!]!;
      pc += 4;
      break;
    }
    case 0x94: {
      // f32.mul
      F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! * F32[fp + code[pc + 3]!]!;
      pc += 4;
      break;
    }
    case 0x95: {
      // f32.div
      F32[fp + code[pc + 1]!] = F32[fp + code[pc + 2]!]! / F32[fp + code[pc + 3]!]!;
      pc += 4;
      break;
    }
    case 0x96: {
      // f32.min
      F32[fp + code[pc + 1]!] = f32Min(F32[fp + code[pc + 2]!]!, F32[fp + code[pc + 3]!]!);
      pc += 4;
      break;
    }
    case 0x97: {
      // f32.max
      F32[fp + code[pc + 1]!] = f32Max(F32[fp + code[pc + 2]!]!, F32[fp + code[pc + 3]!]!);
      pc += 4;
      break;
    }
    case 0x98: {
      // f32.copysign
      const x = I32[fp + code[pc + 2]!]!;
      const y = I32[fp + code[pc + 3]!]!;
      I32[fp + code[pc + 1]!] = (x & 0x7fffffff) | (y & -0x80000000);
      pc += 4;
      break;
    }
    case 0x99: {
      // f64.abs
      const a = fp + code[pc + 2]!;
      const lo = I32[a]!;
      const x = I32[a + 1]!;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = x & 0x7fffffff;
      pc += 3;
      break;
    }
    case 0x9a: {
      // f64.neg
      const a = fp + code[pc + 2]!;
      const lo = I32[a]!;
      const x = I32[a + 1]!;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = x ^ -0x80000000;
      pc += 3;
      break;
    }
    case 0x9b: {
      // f64.ceil
      F64[(fp + code[pc + 1]!) >> 1] = quietNaN(Math.ceil(F64[(fp + code[pc + 2]!) >> 1]!));
      pc += 3;
      break;
    }
    case 0x9c: {
      // f64.floor
      F64[(fp + code[pc + 1]!) >> 1] = quietNaN(Math.floor(F64[(fp + code[pc + 2]!) >> 1]!));
      pc += 3;
      break;
    }
    case 0x9d: {
      // f64.trunc
      F64[(fp + code[pc + 1]!) >> 1] = quietNaN(Math.trunc(F64[(fp + code[pc + 2]!) >> 1]!));
      pc += 3;
      break;
    }
    case 0x9e: {
      // f64.nearest
      F64[(fp + code[pc + 1]!) >> 1] = quietNaN(f64Nearest(F64[(fp + code[pc + 2]!) >> 1]!));
      pc += 3;
      break;
    }
    case 0x9f: {
      // f64.sqrt
      F64[(fp + code[pc + 1]!) >> 1] = Math.sqrt(F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0xa4: {
      // f64.min
      F64[(fp + code[pc + 1]!) >> 1] = f64Min(
        F64[(fp + code[pc + 2]!) >> 1]!,
        F64[(fp + code[pc + 3]!) >> 1]!,
      );
      pc += 4;
      break;
    }
    case 0xa5: {
      // f64.max
      F64[(fp + code[pc + 1]!) >> 1] = f64Max(
        F64[(fp + code[pc + 2]!) >> 1]!,
        F64[(fp + code[pc + 3]!) >> 1]!,
      );
      pc += 4;
      break;
    }
    case 0xa6: {
      // f64.copysign
      const a = fp + code[pc + 2]!;
      const lo = I32[a]!;
      const x = I32[a + 1]!;
      const y = I32[fp + code[pc + 3]! + 1]!;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = (x & 0x7fffffff) | (y & -0x80000000);
      pc += 4;
      break;
    }
    case 0xa8: {
      // i32.trunc_f32_s
      I32[fp + code[pc + 1]!] = i32TruncF32S(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0xa9: {
      // i32.trunc_f32_u
      I32[fp + code[pc + 1]!] = i32TruncF32U(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0xaa: {
      // i32.trunc_f64_s
      I32[fp + code[pc + 1]!] = i32TruncF64S(F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0xab: {
      // i32.trunc_f64_u
      I32[fp + code[pc + 1]!] = i32TruncF64U(F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0x100: {
      // i32.trunc_sat_f32_s
      I32[fp + code[pc + 1]!] = i32TruncSatF32S(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x101: {
      // i32.trunc_sat_f32_u
      I32[fp + code[pc + 1]!] = i32TruncSatF32U(F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x102: {
      // i32.trunc_sat_f64_s
      I32[fp + code[pc + 1]!] = i32TruncSatF64S(F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0x103: {
      // i32.trunc_sat_f64_u
      I32[fp + code[pc + 1]!] = i32TruncSatF64U(F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0xae: {
      // i64.trunc_f32_s
      i64TruncF32S(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0xaf: {
      // i64.trunc_f32_u
      i64TruncF32U(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0xb0: {
      // i64.trunc_f64_s
      i64TruncF64S(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0xb1: {
      // i64.trunc_f64_u
      i64TruncF64U(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0x104: {
      // i64.trunc_sat_f32_s
      i64TruncSatF32S(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x105: {
      // i64.trunc_sat_f32_u
      i64TruncSatF32U(I32, fp + code[pc + 1]!, F32[fp + code[pc + 2]!]!);
      pc += 3;
      break;
    }
    case 0x106: {
      // i64.trunc_sat_f64_s
      i64TruncSatF64S(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0x107: {
      // i64.trunc_sat_f64_u
      i64TruncSatF64U(I32, fp + code[pc + 1]!, F64[(fp + code[pc + 2]!) >> 1]!);
      pc += 3;
      break;
    }
    case 0xb2: {
      // f32.convert_i32_s
      F32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]!;
      pc += 3;
      break;
    }
    case 0xb3: {
      // f32.convert_i32_u
      F32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >>> 0;
      pc += 3;
      break;
    }
    case 0xb4: {
      // f32.convert_i64_s
      const a = fp + code[pc + 2]!;
      F32[fp + code[pc + 1]!] = f32ConvertI64S(I32[a]!, I32[a + 1]!);
      pc += 3;
      break;
    }
    case 0xb5: {
      // f32.convert_i64_u
      const a = fp + code[pc + 2]!;
      F32[fp + code[pc + 1]!] = f32ConvertI64U(I32[a]!, I32[a + 1]!);
      pc += 3;
      break;
    }
    case 0xb6: {
      // f32.demote_f64
      F32[fp + code[pc + 1]!] = F64[(fp + code[pc + 2]!) >> 1]!;
      pc += 3;
      break;
    }
    case 0xb9: {
      // f64.convert_i64_s
      const a = fp + code[pc + 2]!;
      F64[(fp + code[pc + 1]!) >> 1] = f64ConvertI64S(I32[a]!, I32[a + 1]!);
      pc += 3;
      break;
    }
    case 0xba: {
      // f64.convert_i64_u
      const a = fp + code[pc + 2]!;
      F64[(fp + code[pc + 1]!) >> 1] = f64ConvertI64U(I32[a]!, I32[a + 1]!);
      pc += 3;
      break;
    }
    case 0xbb: {
      // f64.promote_f32
      F64[(fp + code[pc + 1]!) >> 1] = F32[fp + code[pc + 2]!]!;
      pc += 3;
      break;
    }
    // Reinterpretations copy the bits: a cell holds any 32-bit value's bits, whatever its type.
    case 0xbc: // i32.reinterpret_f32
    case 0xbe: {
      // f32.reinterpret_i32
      I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]!;
      pc += 3;
      break;
    }
    case 0xbd: // i64.reinterpret_f64
    case 0xbf: {
      // f64.reinterpret_i64
      const a = fp + code[pc + 2]!;
      const d = fp + code[pc + 1]!;
      const lo = I32[a]!;
      const hi = I32[a + 1]!;
      I32[d] = lo;
      I32[d + 1] = hi;
      pc += 3;
      break;
    }
    case 0xc0: {
      // i32.extend8_s
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = (x << 24) >> 24;
      pc += 3;
      break;
    }
    case 0xc1: {
      // i32.extend16_s
      const x = I32[fp + code[pc + 2]!]!;
      I32[fp + code[pc + 1]!] = (x << 16) >> 16;
      pc += 3;
      break;
    }
    case 0xc2: {
      // i64.extend8_s
      const a = fp + code[pc + 2]!;
      const lo = (I32[a]! << 24) >> 24;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = lo >> 31;
      pc += 3;
      break;
    }
    case 0xc3: {
      // i64.extend16_s
      const a = fp + code[pc + 2]!;
      const lo = (I32[a]! << 16) >> 16;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = lo >> 31;
      pc += 3;
      break;
    }
    case 0xc4: {
      // i64.extend32_s
      const a = fp + code[pc + 2]!;
      const lo = I32[a]!;
      const d = fp + code[pc + 1]!;
      I32[d] = lo;
      I32[d + 1] = lo >> 31;
      pc += 3;
      break;
    }
    case 0x07: {
      // copy.v128
      const d = fp + code[pc + 1]!;
      const s = fp + code[pc + 2]!;
      I32[d] = I32[s]!;
      I32[d + 1] = I32[s + 1]!;
      I32[d + 2] = I32[s + 2]!;
      I32[d + 3] = I32[s + 3]!;
      pc += 3;
      break;
    }
    case 0x08: // copy.ref
      REFS[(fp + code[pc + 1]!) >> 2] = REFS[(fp + code[pc + 2]!) >> 2]!;
      pc += 3;
      break;
    case 0x18: {
      // select.v128
      const s = fp + (I32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
      const d = fp + code[pc + 1]!;
      I32[d] = I32[s]!;
      I32[d + 1] = I32[s + 1]!;
      I32[d + 2] = I32[s + 2]!;
      I32[d + 3] = I32[s + 3]!;
      pc += 5;
      break;
    }
    case 0x19: {
      // select.ref
      const s = fp + (I32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
      REFS[(fp + code[pc + 1]!) >> 2] = REFS[s >> 2]!;
      pc += 5;
      break;
    }
    case 0x1d: {
      // global.get.v128
      const g = ctx.globals[code[pc + 2]!]!.cells.i32;
      const d = fp + code[pc + 1]!;
      I32[d] = g[0]!;
      I32[d + 1] = g[1]!;
      I32[d + 2] = g[2]!;
      I32[d + 3] = g[3]!;
      pc += 3;
      break;
    }
    case 0x1e: // global.get.ref
      REFS[(fp + code[pc + 1]!) >> 2] = ctx.globals[code[pc + 2]!]!.cells.refs[0]!;
      pc += 3;
      break;
    case 0x1f: {
      // global.set.v128
      const g = ctx.globals[code[pc + 1]!]!.cells.i32;
      const s = fp + code[pc + 2]!;
      g[0] = I32[s]!;
      g[1] = I32[s + 1]!;
      g[2] = I32[s + 2]!;
      g[3] = I32[s + 3]!;
      pc += 3;
      break;
    }
    case 0x27: // global.set.ref
      ctx.globals[code[pc + 1]!]!.cells.refs[0] = REFS[(fp + code[pc + 2]!) >> 2]!;
      pc += 3;
      break;
    case 0x25: {
      // table.get
      const table = ctx.tables[code[pc + 2]!]!;
      const index = I32[fp + code[pc + 3]!]! >>> 0;
      if (index >= table.elements.length) throw trap("tableOutOfBounds");
      REFS[(fp + code[pc + 1]!) >> 2] = table.elements[index]!;
      pc += 4;
      break;
    }
    case 0x26: {
      // table.set
      const table = ctx.tables[code[pc + 1]!]!;
      const index = I32[fp + code[pc + 2]!]! >>> 0;
      if (index >= table.elements.length) throw trap("tableOutOfBounds");
      table.elements[index] = REFS[(fp + code[pc + 3]!) >> 2]!;
      pc += 4;
      break;
    }
    case 0x3f: // memory.size
      I32[fp + code[pc + 1]!] = memSize / 65536;
      pc += 2;
      break;
    case 0xd0: // ref.null
      REFS[(fp + code[pc + 1]!) >> 2] = null;
      pc += 2;
      break;
    case 0xd1: // ref.is_null
      I32[fp + code[pc + 1]!] = REFS[(fp + code[pc + 2]!) >> 2] === null ? 1 : 0;
      pc += 3;
      break;
    case 0xd2: // ref.func
      REFS[(fp + code[pc + 1]!) >> 2] = ctx.functions[code[pc + 2]!]!;
      pc += 3;
      break;
    case 0x108: {
      // memory.init
      const data = ctx.datas[code[pc + 1]!]!;
      const d = I32[fp + code[pc + 2]!]! >>> 0;
      const s = I32[fp + code[pc + 3]!]! >>> 0;
      const n = I32[fp + code[pc + 4]!]! >>> 0;
      if (s + n > data.length || d + n > memSize) throw trap("memoryOutOfBounds");
      U8.set(data.subarray(s, s + n), d);
      pc += 5;
      break;
    }
    case 0x109: // data.drop
      ctx.datas[code[pc + 1]!] = emptyBytes;
      pc += 2;
      break;
    case 0x10a: {
      // memory.copy
      const d = I32[fp + code[pc + 1]!]! >>> 0;
      const s = I32[fp + code[pc + 2]!]! >>> 0;
      const n = I32[fp + code[pc + 3]!]! >>> 0;
      if (s + n > memSize || d + n > memSize) throw trap("memoryOutOfBounds");
      U8.copyWithin(d, s, s + n);
      pc += 4;
      break;
    }
    case 0x10b: {
      // memory.fill
      const d = I32[fp + code[pc + 1]!]! >>> 0;
      const value = I32[fp + code[pc + 2]!]!;
      const n = I32[fp + code[pc + 3]!]! >>> 0;
      if (d + n > memSize) throw trap("memoryOutOfBounds");
      U8.fill(value & 0xff, d, d + n);
      pc += 4;
      break;
    }
    case 0x10c: {
      // table.init
      const elements = ctx.elements[code[pc + 1]!]!;
      const table = ctx.tables[code[pc + 2]!]!;
      const d = I32[fp + code[pc + 3]!]! >>> 0;
      const s = I32[fp + code[pc + 4]!]! >>> 0;
      const n = I32[fp + code[pc + 5]!]! >>> 0;
      if (s + n > elements.length || d + n > table.elements.length) throw trap("tableOutOfBounds");
      for (let i = 0; i < n; i++) table.elements[d + i] = elements[s + i]!;
      pc += 6;
      break;
    }
    case 0x10d: // elem.drop
      ctx.elements[code[pc + 1]!] = [];
      pc += 2;
      break;
    case 0x10e: {
      // table.copy
      const dst = ctx.tables[code[pc + 1]!]!.elements;
      const src = ctx.tables[code[pc + 2]!]!.elements;
      const d = I32[fp + code[pc + 3]!]! >>> 0;
      const s = I32[fp + code[pc + 4]!]! >>> 0;
      const n = I32[fp + code[pc + 5]!]! >>> 0;
      if (s + n > src.length || d + n > dst.length) throw trap("tableOutOfBounds");
      if (dst === src) dst.copyWithin(d, s, s + n);
      else for (let i = 0; i < n; i++) dst[d + i] = src[s + i]!;
      pc += 6;
      break;
    }
    case 0x10f: {
      // table.grow
      const table = ctx.tables[code[pc + 2]!]!;
      const init = REFS[(fp + code[pc + 3]!) >> 2]!;
      I32[fp + code[pc + 1]!] = table.grow(I32[fp + code[pc + 4]!]! >>> 0, init);
      pc += 5;
      break;
    }
    case 0x110: // table.size
      I32[fp + code[pc + 1]!] = ctx.tables[code[pc + 2]!]!.elements.length;
      pc += 3;
      break;
    case 0x111: {
      // table.fill
      const table = ctx.tables[code[pc + 1]!]!;
      const i = I32[fp + code[pc + 2]!]! >>> 0;
      const value = REFS[(fp + code[pc + 3]!) >> 2]!;
      const n = I32[fp + code[pc + 4]!]! >>> 0;
      if (i + n > table.elements.length) throw trap("tableOutOfBounds");
      table.elements.fill(value, i, i + n);
      pc += 5;
      break;
    }
    default:
      throw new Error(`interpreter: bad internal opcode ${code[pc]} at pc ${pc}`);
  }
  return pc;
}

const emptyBytes = new Uint8Array(0);

function trap(kind: TrapKind): RuntimeError {
  return new RuntimeError(kind);
}

/** Rounding functions return a NaN operand unchanged; wasm wants it quiet (an arithmetic NaN). */
function quietNaN(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x;
}

function popcnt32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
