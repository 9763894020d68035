import { RuntimeError, type TrapKind, type WasmFrame } from "@microwasm/core";
import type { ExecStack } from "./exec-stack.js";
import { executeMemoryOp } from "./execute-memory.js";
import { openFrame } from "./frame.js";
import type { FunctionInstance } from "./function-instance.js";
import { callHostFunction } from "./host-call.js";
import type { InstanceContext } from "./instance-context.js";
import { MemoryInstance } from "./memory-instance.js";
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
  i64DivU,
  i64Popcnt,
  i64RemU,
  i64Rotl,
  i64Rotr,
  i64Shl,
  i64ShrS,
  i64ShrU,
  i64TruncF32S,
  i64TruncF32U,
  i64TruncF64S,
  i64TruncF64U,
  i64TruncSatF32S,
  i64TruncSatF32U,
  i64TruncSatF64S,
  i64TruncSatF64U,
} from "./numerics/index.js";
import { executeSimd } from "./simd/execute-simd.js";
import { stackTraceOf } from "./stack-trace.js";
import type { Reference } from "./values.js";

/** Stands in for the memory of modules that have none, so the loop's variables keep one shape. */
const noMemory = new MemoryInstance({ limits: { min: 0, max: 0 }, shared: false });

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

/**
 * Runs the wasm function `entry` whose frame (arguments in place, locals zeroed) starts at
 * cell `fp` of `stack`, until it returns; results are left in the frame's first slots.
 *
 * The work is done in fuel slices by `runSlice`, which returns to this driver each time a
 * slice runs out (see ExecStack's fuel) and is called again to go on where it stopped. A long
 * run thus re-enters the hot loop every slice: V8 can then switch to its regular optimized
 * code for it, rather than staying for the whole run in the on-stack-replacement version
 * built for the first, long-running call (measured: 7% to 45% slower per kernel, since every
 * value the loop carries from its entry stays a tagged, checked value there).
 */
export function execute(stack: ExecStack, entry: FunctionInstance, fp: number): void {
  const baseDepth = stack.depth;
  stack.resumeFn = entry;
  stack.resumePc = 0;
  stack.resumeFp = fp;
  stack.resumeDepth = baseDepth;
  try {
    while (!runSlice(stack, baseDepth)) {}
  } finally {
    stack.resumeFn = null;
  }
}

/**
 * The end of a fuel slice, `pc` already where to go on: the stack traps (a limit was reached)
 * or refills, and the resume point is saved for the driver to call `runSlice` again.
 */
function endSlice(stack: ExecStack, current: FunctionInstance, pc: number, fp: number, depth: number): void {
  stack.refuel();
  saveResumePoint(stack, current, pc, fp, depth);
}

/**
 * Where the driver calls `runSlice` again to go on: at the end of a slice, and when a call
 * grew the stack's views or frame records (the loop holds the old ones and must reload them).
 */
function saveResumePoint(
  stack: ExecStack,
  current: FunctionInstance,
  pc: number,
  fp: number,
  depth: number,
): void {
  stack.resumeFn = current;
  stack.resumePc = pc;
  stack.resumeFp = fp;
  stack.resumeDepth = depth;
}

/**
 * A trap or a host exception inside the loop: pops the frames above `baseDepth` and gives the
 * error their wasm stack trace (innermost first: `current` at `pc`, then each caller at its
 * call); a JS stack overflow inside host code becomes a trap. Returns the error to throw.
 */
function unwind(
  stack: ExecStack,
  error: unknown,
  current: FunctionInstance,
  pc: number,
  depth: number,
  baseDepth: number,
): unknown {
  const { frameFn, framePc } = stack;
  const frames: WasmFrame[] = [stackTraceOf(current, pc)];
  for (let d = depth - 1; d >= baseDepth; d--) frames.push(stackTraceOf(frameFn[d]!, framePc[d]! - 1));
  for (let d = baseDepth; d < depth; d++) frameFn[d] = null;
  stack.depth = baseDepth;
  let result = error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) result = trap("callStackExhausted");
  if (result instanceof RuntimeError) result.wasmStack = [...result.wasmStack, ...frames];
  return result;
}

/**
 * The one hot loop: runs from the stack's resume point (`resumeFn` at `resumePc`, its frame
 * at `resumeFp`, `resumeDepth` frames suspended) until the frame at `baseDepth` returns (true)
 * or the fuel slice runs out (false, with the resume point saved for the next call).
 *
 * Wasm-to-wasm calls switch frames inside it (no JS recursion), every operand is a
 * frame-relative cell offset decoded at compile time (see internal-ops.ts).
 */
function runSlice(stack: ExecStack, baseDepth: number): boolean {
  const I32 = stack.i32;
  const F32 = stack.f32;
  const F64 = stack.f64;
  const I64 = stack.i64;
  const REFS: Reference[] = stack.refs;
  const framePc = stack.framePc;
  const frameFp = stack.frameFp;
  const frameFn = stack.frameFn;
  // `| 0` on every integer the loop carries: TurboFan then keeps them as untagged int32s.
  let depth = stack.resumeDepth | 0;
  let current = stack.resumeFn!;
  let pc = stack.resumePc | 0;
  let fp = stack.resumeFp | 0;
  let fuel = stack.fuel | 0;
  // What the loop keeps of the running function, set on entering its frame (below).
  let code: Int32Array;
  let ctx: InstanceContext;
  let mem: MemoryInstance;
  let U8: Uint8Array;
  let DV: DataView;
  let memSize: number;
  try {
    run: for (;;) {
      // Entering a frame: at the start of a slice, on a call, on a return to the caller, and
      // after a host call (which may have grown memory or run other instances).
      code = current.compiled!.code;
      ctx = current.context!;
      mem = ctx.memories[0] ?? noMemory;
      U8 = mem.u8;
      DV = mem.view;
      memSize = mem.byteLength;
      for (;;) {
        switch (code[pc]) {
          // ---- Control: branches, returns and calls. Forward jumps cost nothing; back-edges to a
          // loop head spend fuel weighed by the loop's size, and calls 1 (ExecStack). When fuel
          // runs out, `break run` leaves with `pc` where to go on (see after the loop).
          case 0x09: // br
            pc = code[pc + 1]!;
            break;
          case 0x0a: // br_if
            pc = I32[fp + code[pc + 1]!] !== 0 ? code[pc + 2]! : pc + 3;
            break;
          case 0x12: // br_unless
            pc = I32[fp + code[pc + 1]!] === 0 ? code[pc + 2]! : pc + 3;
            break;
          case 0x13: {
            // br_table
            const index = I32[fp + code[pc + 1]!]! >>> 0;
            const last = code[pc + 2]! - 1;
            pc = code[pc + 3 + (index < last ? index : last)]!;
            break;
          }
          case 0xc5: // br_loop: a back-edge spends fuel
            fuel -= code[pc + 2]!;
            pc = code[pc + 1]!;
            if (fuel <= 0) break run;
            break;
          case 0xc6: // br_if_loop
            if (I32[fp + code[pc + 1]!] !== 0) {
              fuel -= code[pc + 3]!;
              pc = code[pc + 2]!;
              if (fuel <= 0) break run;
            } else {
              pc += 4;
            }
            break;
          case 0xf7: // br_unless_loop
            if (I32[fp + code[pc + 1]!] === 0) {
              fuel -= code[pc + 3]!;
              pc = code[pc + 2]!;
              if (fuel <= 0) break run;
            } else {
              pc += 4;
            }
            break;
          case 0x14: {
            // return: results are in the frame's first slots, which are the caller's argument slots
            if (depth === baseDepth) {
              stack.fuel = fuel;
              // A host call on the way left its own depth here: the next call from the host must
              // start from the base again, or each one leaks frames until "stack overflow".
              stack.depth = baseDepth;
              return true;
            }
            depth--;
            pc = framePc[depth]!;
            fp = frameFp[depth]!;
            current = frameFn[depth]!;
            frameFn[depth] = null;
            continue run;
          }
          case 0x15: // call
          case 0x16: {
            // call_indirect
            let callee: FunctionInstance;
            let argBase: number;
            let next: number;
            if (code[pc] === 0x15) {
              callee = ctx.functions[code[pc + 1]!]!;
              argBase = code[pc + 2]!;
              next = pc + 3;
            } else {
              const table = ctx.tables[code[pc + 2]!]!;
              const index = I32[fp + code[pc + 3]!]! >>> 0;
              if (index >= table.elements.length) throw trap("undefinedElement");
              const ref = table.elements[index] as FunctionInstance | null;
              if (ref === null) throw new RuntimeError("uninitializedElement", String(index));
              if (ref.typeId !== ctx.typeIds[code[pc + 1]!]) throw trap("indirectCallTypeMismatch");
              callee = ref;
              argBase = code[pc + 4]!;
              next = pc + 5;
            }
            // The callee's frame starts at its arguments.
            const calleeFp = fp + argBase;
            const compiled = callee.compiled;
            if (compiled !== null) {
              openFrame(stack, compiled, calleeFp, depth);
              if (I32 !== stack.i32 || framePc !== stack.framePc) {
                // The frame did not fit what was allocated: the stack grew. Record the caller in
                // the new frame records and go on in the callee with the new views.
                stack.framePc[depth] = next;
                stack.frameFp[depth] = fp;
                stack.frameFn[depth] = current;
                stack.fuel = fuel - 1;
                saveResumePoint(stack, callee, 0, calleeFp, depth + 1);
                return false;
              }
              framePc[depth] = next;
              frameFp[depth] = fp;
              frameFn[depth] = current;
              depth++;
              current = callee;
              fp = calleeFp;
              pc = 0;
              fuel--;
            } else {
              stack.depth = depth;
              stack.top = fp + current.compiled!.frameSlots * 4;
              stack.fuel = fuel;
              callHostFunction(stack, callee, calleeFp);
              fuel = stack.fuel | 0;
              pc = next;
            }
            // Wasm the host called on this stack grew it: go on with the new views.
            if (I32 !== stack.i32 || framePc !== stack.framePc) {
              stack.fuel = fuel;
              saveResumePoint(stack, current, pc, fp, depth);
              return false;
            }
            // A call spends 1 fuel; a host call may also have asked to terminate (fuel 0).
            if (fuel <= 0) break run;
            // Enters the callee; after a host call, re-enters this frame (memory may have grown).
            continue run;
          }
          case 0x00: // unreachable
            throw trap("unreachable");
          case 0xea: // simd: every SIMD instruction, run outside this loop (simd/execute-simd.ts)
            pc = executeSimd(code, pc, fp, stack, mem) | 0;
            break;
          case 0x20: // memory: another memory, a 64-bit one, atomics (execute-memory.ts)
            executeMemoryOp(code, pc, fp, stack, ctx);
            pc += 11;
            // It may have grown memory 0 (or waited while another thread did): reload the views.
            continue run;

          // ---- Everything else computes a value and moves on.
          case 0x45: {
            // i32.eqz
            const x = I32[fp + code[pc + 2]!]!;
            I32[fp + code[pc + 1]!] = x === 0 ? 1 : 0;
            pc += 3;
            break;
          }
          case 0x46: {
            // i32.eq
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x === y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x47: {
            // i32.ne
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x !== y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x48: {
            // i32.lt_s
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x < y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x49: {
            // i32.lt_u
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >>> 0 < y >>> 0 ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4a: {
            // i32.gt_s
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x > y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4b: {
            // i32.gt_u
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >>> 0 > y >>> 0 ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4c: {
            // i32.le_s
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x <= y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4d: {
            // i32.le_u
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >>> 0 <= y >>> 0 ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4e: {
            // i32.ge_s
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >= y ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x4f: {
            // i32.ge_u
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >>> 0 >= y >>> 0 ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x50: {
            // i64.eqz
            const a = fp + code[pc + 2]!;
            I32[fp + code[pc + 1]!] = (I32[a]! | I32[a + 1]!) === 0 ? 1 : 0;
            pc += 3;
            break;
          }
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
          case 0x52: {
            // i64.ne
            const xl = I32[fp + code[pc + 2]!]!;
            const xh = I32[fp + code[pc + 2]! + 1]!;
            const yl = I32[fp + code[pc + 3]!]!;
            const yh = I32[fp + code[pc + 3]! + 1]!;
            I32[fp + code[pc + 1]!] = xl !== yl || xh !== yh ? 1 : 0;
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
          case 0x61: {
            // f64.eq
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! === F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x62: {
            // f64.ne
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! !== F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x63: {
            // f64.lt
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! < F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x64: {
            // f64.gt
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! > F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x65: {
            // f64.le
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! <= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
            pc += 4;
            break;
          }
          case 0x66: {
            // f64.ge
            I32[fp + code[pc + 1]!] =
              F64[(fp + code[pc + 2]!) >> 1]! >= F64[(fp + code[pc + 3]!) >> 1]! ? 1 : 0;
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
          case 0x6a: {
            // i32.add
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = (x + y) | 0;
            pc += 4;
            break;
          }
          case 0x6b: {
            // i32.sub
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = (x - y) | 0;
            pc += 4;
            break;
          }
          case 0x6c: {
            // i32.mul
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = Math.imul(x, y);
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
          case 0x71: {
            // i32.and
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x & y;
            pc += 4;
            break;
          }
          case 0x72: {
            // i32.or
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x | y;
            pc += 4;
            break;
          }
          case 0x73: {
            // i32.xor
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x ^ y;
            pc += 4;
            break;
          }
          case 0x74: {
            // i32.shl
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x << y;
            pc += 4;
            break;
          }
          case 0x75: {
            // i32.shr_s
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = x >> y;
            pc += 4;
            break;
          }
          case 0x76: {
            // i32.shr_u
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = (x >>> y) | 0;
            pc += 4;
            break;
          }
          case 0x77: {
            // i32.rotl
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = (x << (y & 31)) | (x >>> ((32 - y) & 31));
            pc += 4;
            break;
          }
          case 0x78: {
            // i32.rotr
            const x = I32[fp + code[pc + 2]!]!;
            const y = I32[fp + code[pc + 3]!]!;
            I32[fp + code[pc + 1]!] = (x >>> (y & 31)) | (x << ((32 - y) & 31));
            pc += 4;
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
          case 0x7c: {
            // i64.add
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            const xl = I32[a]!;
            const yl = I32[b]!;
            const lo = (xl >>> 0) + (yl >>> 0);
            const hi = (I32[a + 1]! + I32[b + 1]! + (lo > 0xffffffff ? 1 : 0)) | 0;
            const d = fp + code[pc + 1]!;
            I32[d] = lo | 0;
            I32[d + 1] = hi;
            pc += 4;
            break;
          }
          case 0x7d: {
            // i64.sub
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            const xl = I32[a]!;
            const yl = I32[b]!;
            const hi = (I32[a + 1]! - I32[b + 1]! - (xl >>> 0 < yl >>> 0 ? 1 : 0)) | 0;
            const d = fp + code[pc + 1]!;
            I32[d] = (xl - yl) | 0;
            I32[d + 1] = hi;
            pc += 4;
            break;
          }
          // i64 mul, div_s and rem_s on the BigInt64Array view: optimized code does them as single
          // machine instructions (the BigInt64Array store truncates to 64 bits), faster than the
          // number-based helpers (see numerics/i64.bench.ts).
          case 0x7e: // i64.mul
            I64[(fp + code[pc + 1]!) >> 1] =
              I64[(fp + code[pc + 2]!) >> 1]! * I64[(fp + code[pc + 3]!) >> 1]!;
            pc += 4;
            break;
          case 0x1b: {
            // i64.mul_imm: [op, dst, a, tmp, lo, hi]
            const t = fp + code[pc + 3]!;
            I32[t] = code[pc + 4]!;
            I32[t + 1] = code[pc + 5]!;
            I64[(fp + code[pc + 1]!) >> 1] = I64[(fp + code[pc + 2]!) >> 1]! * I64[t >> 1]!;
            pc += 6;
            break;
          }
          case 0x7f: {
            // i64.div_s
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            if ((I32[b]! | I32[b + 1]!) === 0) throw trap("integerDivideByZero");
            if (I32[a] === 0 && I32[a + 1] === -0x80000000 && (I32[b]! & I32[b + 1]!) === -1) {
              throw trap("integerOverflow");
            }
            I64[(fp + code[pc + 1]!) >> 1] = I64[a >> 1]! / I64[b >> 1]!;
            pc += 4;
            break;
          }
          case 0x80: {
            // i64.div_u: below 2^63 both ways it is the signed division (BigInt64Array); else the helper
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            if (I32[a + 1]! >= 0 && I32[b + 1]! >= 0 && (I32[b]! | I32[b + 1]!) !== 0) {
              I64[(fp + code[pc + 1]!) >> 1] = I64[a >> 1]! / I64[b >> 1]!;
            } else {
              i64DivU(I32, fp + code[pc + 1]!, a, b);
            }
            pc += 4;
            break;
          }
          case 0x81: {
            // i64.rem_s (INT64_MIN % -1 is 0 for BigInt too)
            const b = fp + code[pc + 3]!;
            if ((I32[b]! | I32[b + 1]!) === 0) throw trap("integerDivideByZero");
            I64[(fp + code[pc + 1]!) >> 1] = I64[(fp + code[pc + 2]!) >> 1]! % I64[b >> 1]!;
            pc += 4;
            break;
          }
          case 0x82: {
            // i64.rem_u: as div_u
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            if (I32[a + 1]! >= 0 && I32[b + 1]! >= 0 && (I32[b]! | I32[b + 1]!) !== 0) {
              I64[(fp + code[pc + 1]!) >> 1] = I64[a >> 1]! % I64[b >> 1]!;
            } else {
              i64RemU(I32, fp + code[pc + 1]!, a, b);
            }
            pc += 4;
            break;
          }
          case 0x83: {
            // i64.and
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            const lo = I32[a]! & I32[b]!;
            const hi = I32[a + 1]! & I32[b + 1]!;
            const d = fp + code[pc + 1]!;
            I32[d] = lo;
            I32[d + 1] = hi;
            pc += 4;
            break;
          }
          case 0x84: {
            // i64.or
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            const lo = I32[a]! | I32[b]!;
            const hi = I32[a + 1]! | I32[b + 1]!;
            const d = fp + code[pc + 1]!;
            I32[d] = lo;
            I32[d + 1] = hi;
            pc += 4;
            break;
          }
          case 0x85: {
            // i64.xor
            const a = fp + code[pc + 2]!;
            const b = fp + code[pc + 3]!;
            const lo = I32[a]! ^ I32[b]!;
            const hi = I32[a + 1]! ^ I32[b + 1]!;
            const d = fp + code[pc + 1]!;
            I32[d] = lo;
            I32[d + 1] = hi;
            pc += 4;
            break;
          }
          case 0x86: {
            // i64.shl
            i64Shl(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
            pc += 4;
            break;
          }
          case 0x87: {
            // i64.shr_s
            i64ShrS(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
            pc += 4;
            break;
          }
          case 0x88: {
            // i64.shr_u
            i64ShrU(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
            pc += 4;
            break;
          }
          case 0x89: {
            // i64.rotl
            i64Rotl(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
            pc += 4;
            break;
          }
          case 0x8a: {
            // i64.rotr
            i64Rotr(I32, fp + code[pc + 1]!, fp + code[pc + 2]!, fp + code[pc + 3]!);
            pc += 4;
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
          case 0xa0: {
            // f64.add
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! + F64[(fp + code[pc + 3]!) >> 1]!;
            pc += 4;
            break;
          }
          case 0xa1: {
            // f64.sub
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! - F64[(fp + code[pc + 3]!) >> 1]!;
            pc += 4;
            break;
          }
          case 0xa2: {
            // f64.mul
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! * F64[(fp + code[pc + 3]!) >> 1]!;
            pc += 4;
            break;
          }
          case 0xa3: {
            // f64.div
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! / F64[(fp + code[pc + 3]!) >> 1]!;
            pc += 4;
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
          case 0xa7: {
            // i32.wrap_i64
            const x = I32[fp + code[pc + 2]!]!;
            I32[fp + code[pc + 1]!] = x;
            pc += 3;
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
          case 0xac: {
            // i64.extend_i32_s
            const x = I32[fp + code[pc + 2]!]!;
            const d = fp + code[pc + 1]!;
            I32[d] = x;
            I32[d + 1] = x >> 31;
            pc += 3;
            break;
          }
          case 0xad: {
            // i64.extend_i32_u
            const x = I32[fp + code[pc + 2]!]!;
            const d = fp + code[pc + 1]!;
            I32[d] = x;
            I32[d + 1] = 0;
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
          case 0xb7: {
            // f64.convert_i32_s
            F64[(fp + code[pc + 1]!) >> 1] = I32[fp + code[pc + 2]!]!;
            pc += 3;
            break;
          }
          case 0xb8: {
            // f64.convert_i32_u
            F64[(fp + code[pc + 1]!) >> 1] = I32[fp + code[pc + 2]!]! >>> 0;
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
          case 0xbc: {
            // i32.reinterpret_f32
            const x = I32[fp + code[pc + 2]!]!;
            I32[fp + code[pc + 1]!] = x;
            pc += 3;
            break;
          }
          case 0xbd: {
            // i64.reinterpret_f64
            const a = fp + code[pc + 2]!;
            const lo = I32[a]!;
            const x = I32[a + 1]!;
            const d = fp + code[pc + 1]!;
            I32[d] = lo;
            I32[d + 1] = x;
            pc += 3;
            break;
          }
          case 0xbe: {
            // f32.reinterpret_i32
            const x = I32[fp + code[pc + 2]!]!;
            I32[fp + code[pc + 1]!] = x;
            pc += 3;
            break;
          }
          case 0xbf: {
            // f64.reinterpret_i64
            const a = fp + code[pc + 2]!;
            const lo = I32[a]!;
            const x = I32[a + 1]!;
            const d = fp + code[pc + 1]!;
            I32[d] = lo;
            I32[d + 1] = x;
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
          case 0x28: {
            // i32.load
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            pc += 4;
            break;
          }
          case 0x29: {
            // i64.load
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            I32[d + 1] = DV.getInt32(ea + 4, true);
            pc += 4;
            break;
          }
          case 0x2a: {
            // f32.load
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            pc += 4;
            break;
          }
          case 0x2b: {
            // f64.load
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            I32[d + 1] = DV.getInt32(ea + 4, true);
            pc += 4;
            break;
          }
          case 0x2c: {
            // i32.load8_s
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = (U8[ea]! << 24) >> 24;
            pc += 4;
            break;
          }
          case 0x2d: {
            // i32.load8_u
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = U8[ea]!;
            pc += 4;
            break;
          }
          case 0x2e: {
            // i32.load16_s
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt16(ea, true);
            pc += 4;
            break;
          }
          case 0x2f: {
            // i32.load16_u
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getUint16(ea, true);
            pc += 4;
            break;
          }
          case 0x30: {
            // i64.load8_s
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            const lo = (U8[ea]! << 24) >> 24;
            I32[d] = lo;
            I32[d + 1] = lo >> 31;
            pc += 4;
            break;
          }
          case 0x31: {
            // i64.load8_u
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = U8[ea]!;
            I32[d + 1] = 0;
            pc += 4;
            break;
          }
          case 0x32: {
            // i64.load16_s
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            const lo = DV.getInt16(ea, true);
            I32[d] = lo;
            I32[d + 1] = lo >> 31;
            pc += 4;
            break;
          }
          case 0x33: {
            // i64.load16_u
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getUint16(ea, true);
            I32[d + 1] = 0;
            pc += 4;
            break;
          }
          case 0x34: {
            // i64.load32_s
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            const lo = DV.getInt32(ea, true);
            I32[d] = lo;
            I32[d + 1] = lo >> 31;
            pc += 4;
            break;
          }
          case 0x35: {
            // i64.load32_u
            const ea = (I32[fp + code[pc + 2]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            I32[d + 1] = 0;
            pc += 4;
            break;
          }
          case 0x36: {
            // i32.store
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            pc += 4;
            break;
          }
          case 0x37: {
            // i64.store
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            DV.setInt32(ea + 4, I32[v + 1]!, true);
            pc += 4;
            break;
          }
          case 0x38: {
            // f32.store
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            pc += 4;
            break;
          }
          case 0x39: {
            // f64.store
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            DV.setInt32(ea + 4, I32[v + 1]!, true);
            pc += 4;
            break;
          }
          case 0x3a: {
            // i32.store8
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            U8[ea] = I32[v]!;
            pc += 4;
            break;
          }
          case 0x3b: {
            // i32.store16
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt16(ea, I32[v]!, true);
            pc += 4;
            break;
          }
          case 0x3c: {
            // i64.store8
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            U8[ea] = I32[v]!;
            pc += 4;
            break;
          }
          case 0x3d: {
            // i64.store16
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 2 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt16(ea, I32[v]!, true);
            pc += 4;
            break;
          }
          case 0x3e: {
            // i64.store32
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            pc += 4;
            break;
          }
          case 0x06: {
            // copy (numeric: two cells)
            const d = fp + code[pc + 1]!;
            const s = fp + code[pc + 2]!;
            I32[d] = I32[s]!;
            I32[d + 1] = I32[s + 1]!;
            pc += 3;
            break;
          }
          case 0xf8: {
            // copy_n
            const end = pc + 2 + 2 * code[pc + 1]!;
            for (let at = pc + 2; at < end; at += 2) {
              const d = fp + code[at]!;
              const s = fp + code[at + 1]!;
              I32[d] = I32[s]!;
              I32[d + 1] = I32[s + 1]!;
            }
            pc = end;
            break;
          }
          // Loads and stores at `base + c` (+ offset): [op, dst|base, base|value, offset, c].
          case 0xc7: {
            // i32.load_at
            const ea = ((I32[fp + code[pc + 2]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            I32[fp + code[pc + 1]!] = DV.getInt32(ea, true);
            pc += 5;
            break;
          }
          case 0xc8: // i64.load_at
          case 0xc9: {
            // f64.load_at
            const ea = ((I32[fp + code[pc + 2]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const d = fp + code[pc + 1]!;
            I32[d] = DV.getInt32(ea, true);
            I32[d + 1] = DV.getInt32(ea + 4, true);
            pc += 5;
            break;
          }
          case 0xca: {
            // i32.load8_u_at
            const ea = ((I32[fp + code[pc + 2]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            I32[fp + code[pc + 1]!] = U8[ea]!;
            pc += 5;
            break;
          }
          case 0xcb: {
            // i32.store_at
            const ea = ((I32[fp + code[pc + 1]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            DV.setInt32(ea, I32[fp + code[pc + 2]!]!, true);
            pc += 5;
            break;
          }
          case 0xcc: // i64.store_at
          case 0xcd: {
            // f64.store_at
            const ea = ((I32[fp + code[pc + 1]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            const v = fp + code[pc + 2]!;
            DV.setInt32(ea, I32[v]!, true);
            DV.setInt32(ea + 4, I32[v + 1]!, true);
            pc += 5;
            break;
          }
          case 0x04: {
            // i32.store_imm_at: [op, base, imm, offset, c]
            const ea = ((I32[fp + code[pc + 1]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            DV.setInt32(ea, code[pc + 2]!, true);
            pc += 5;
            break;
          }
          case 0x05: {
            // i32.store8_imm_at
            const ea = ((I32[fp + code[pc + 1]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            U8[ea] = code[pc + 2]!;
            pc += 5;
            break;
          }
          case 0xce: {
            // i32.store8_at
            const ea = ((I32[fp + code[pc + 1]!]! + code[pc + 4]!) >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            U8[ea] = I32[fp + code[pc + 2]!]!;
            pc += 5;
            break;
          }
          case 0xf9: // f64.mul_add: acc + x * y
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! +
              F64[(fp + code[pc + 3]!) >> 1]! * F64[(fp + code[pc + 4]!) >> 1]!;
            pc += 5;
            break;
          case 0xfe: // f64.add3: a + (x + y)
            F64[(fp + code[pc + 1]!) >> 1] =
              F64[(fp + code[pc + 2]!) >> 1]! +
              (F64[(fp + code[pc + 3]!) >> 1]! + F64[(fp + code[pc + 4]!) >> 1]!);
            pc += 5;
            break;
          case 0x02: {
            // f64.mul_load_at: [op, dst, a, base, offset, c]
            const ea = ((I32[fp + code[pc + 3]!]! + code[pc + 5]!) >>> 0) + (code[pc + 4]! >>> 0);
            if (ea + 8 > memSize) throw trap("memoryOutOfBounds");
            F64[(fp + code[pc + 1]!) >> 1] = F64[(fp + code[pc + 2]!) >> 1]! * DV.getFloat64(ea, true);
            pc += 6;
            break;
          }
          case 0x0c: // i32.and_xor: a & (x ^ y)
            I32[fp + code[pc + 1]!] =
              I32[fp + code[pc + 2]!]! & (I32[fp + code[pc + 3]!]! ^ I32[fp + code[pc + 4]!]!);
            pc += 5;
            break;
          case 0x0d: // i32.and_xor_imm: a & (x ^ c)
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! & (I32[fp + code[pc + 3]!]! ^ code[pc + 4]!);
            pc += 5;
            break;
          case 0xfc: // i32.add3
            I32[fp + code[pc + 1]!] =
              I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]! + I32[fp + code[pc + 4]!]!;
            pc += 5;
            break;
          case 0xfa: {
            // i32.store_imm
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 4 > memSize) throw trap("memoryOutOfBounds");
            DV.setInt32(ea, code[pc + 2]!, true);
            pc += 4;
            break;
          }
          case 0xfb: {
            // i32.store8_imm
            const ea = (I32[fp + code[pc + 1]!]! >>> 0) + (code[pc + 3]! >>> 0);
            if (ea + 1 > memSize) throw trap("memoryOutOfBounds");
            U8[ea] = code[pc + 2]!;
            pc += 4;
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
          // Compare-and-branch: [op, a, b, target, weight]; forward jumps weigh 0.
          case 0xeb: // br_if_eq
            if (I32[fp + code[pc + 1]!] === I32[fp + code[pc + 2]!]) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xec: // br_if_ne
            if (I32[fp + code[pc + 1]!] !== I32[fp + code[pc + 2]!]) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xed: // br_if_lt_s
            if (I32[fp + code[pc + 1]!]! < I32[fp + code[pc + 2]!]!) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xee: // br_if_lt_u
            if (I32[fp + code[pc + 1]!]! >>> 0 < I32[fp + code[pc + 2]!]! >>> 0) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xef: // br_if_le_s
            if (I32[fp + code[pc + 1]!]! <= I32[fp + code[pc + 2]!]!) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf0: // br_if_le_u
            if (I32[fp + code[pc + 1]!]! >>> 0 <= I32[fp + code[pc + 2]!]! >>> 0) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xcf: {
            // i32.add_imm_br_if_ne: [op, x, a, c, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + code[pc + 3]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x !== I32[fp + code[pc + 4]!]) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0x0e: {
            // i32.add_br_if_ne: [op, x, a, b, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x !== I32[fp + code[pc + 4]!]) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0x0f: {
            // i32.add_br_if_lt_s: [op, x, a, b, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x < I32[fp + code[pc + 4]!]!) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0x10: {
            // i32.add_br_if_lt_u: [op, x, a, b, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x >>> 0 < I32[fp + code[pc + 4]!]! >>> 0) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0x11: {
            // i32.add_br_if_le_s: [op, x, a, b, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x <= I32[fp + code[pc + 4]!]!) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0x1a: {
            // i32.add_br_if_le_u: [op, x, a, b, other, target, weight]
            const x = (I32[fp + code[pc + 2]!]! + I32[fp + code[pc + 3]!]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x >>> 0 <= I32[fp + code[pc + 4]!]! >>> 0) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          case 0xff: {
            // i32.add_imm_br_if_ne_imm
            const x = (I32[fp + code[pc + 2]!]! + code[pc + 3]!) | 0;
            I32[fp + code[pc + 1]!] = x;
            if (x !== code[pc + 4]) {
              fuel -= code[pc + 6]!;
              pc = code[pc + 5]!;
              if (fuel <= 0) break run;
            } else {
              pc += 7;
            }
            break;
          }
          // The same against an immediate: [op, a, imm, target, weight].
          case 0xf1: // br_if_eq_imm
            if (I32[fp + code[pc + 1]!] === code[pc + 2]) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf2: // br_if_ne_imm
            if (I32[fp + code[pc + 1]!] !== code[pc + 2]) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf3: // br_if_lt_s_imm
            if (I32[fp + code[pc + 1]!]! < code[pc + 2]!) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf4: // br_if_lt_u_imm
            if (I32[fp + code[pc + 1]!]! >>> 0 < code[pc + 2]! >>> 0) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf5: // br_if_gt_s_imm
            if (I32[fp + code[pc + 1]!]! > code[pc + 2]!) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          case 0xf6: // br_if_gt_u_imm
            if (I32[fp + code[pc + 1]!]! >>> 0 > code[pc + 2]! >>> 0) {
              fuel -= code[pc + 4]!;
              pc = code[pc + 3]!;
              if (fuel <= 0) break run;
            } else {
              pc += 5;
            }
            break;
          // i32 binary ops with an immediate right operand: [op, dst, a, imm].
          case 0xd3: // i32.add_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! + code[pc + 3]!;
            pc += 4;
            break;
          case 0xd4: // i32.mul_imm
            I32[fp + code[pc + 1]!] = Math.imul(I32[fp + code[pc + 2]!]!, code[pc + 3]!);
            pc += 4;
            break;
          case 0xd5: // i32.and_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! & code[pc + 3]!;
            pc += 4;
            break;
          case 0xd6: // i32.or_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! | code[pc + 3]!;
            pc += 4;
            break;
          case 0xd7: // i32.xor_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! ^ code[pc + 3]!;
            pc += 4;
            break;
          case 0xd8: // i32.shl_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! << code[pc + 3]!;
            pc += 4;
            break;
          case 0xd9: // i32.shr_s_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >> code[pc + 3]!;
            pc += 4;
            break;
          case 0xda: // i32.shr_u_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >>> code[pc + 3]!;
            pc += 4;
            break;
          case 0xdb: {
            // i32.rotl_imm (the count is 0..31)
            const x = I32[fp + code[pc + 2]!]!;
            const n = code[pc + 3]!;
            I32[fp + code[pc + 1]!] = (x << n) | (x >>> (32 - n));
            pc += 4;
            break;
          }
          case 0xdc: // i32.eq_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] === code[pc + 3] ? 1 : 0;
            pc += 4;
            break;
          case 0xdd: // i32.ne_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!] !== code[pc + 3] ? 1 : 0;
            pc += 4;
            break;
          case 0xde: // i32.lt_s_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! < code[pc + 3]! ? 1 : 0;
            pc += 4;
            break;
          case 0xdf: // i32.lt_u_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >>> 0 < code[pc + 3]! >>> 0 ? 1 : 0;
            pc += 4;
            break;
          case 0xe0: // i32.gt_s_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! > code[pc + 3]! ? 1 : 0;
            pc += 4;
            break;
          case 0xe1: // i32.gt_u_imm
            I32[fp + code[pc + 1]!] = I32[fp + code[pc + 2]!]! >>> 0 > code[pc + 3]! >>> 0 ? 1 : 0;
            pc += 4;
            break;
          // i64 binary ops with an immediate right operand: [op, dst, a, immLo, immHi].
          case 0xe2: {
            // i64.add_imm
            const a = fp + code[pc + 2]!;
            const xl = I32[a]!;
            const yl = code[pc + 3]!;
            const lo = (xl >>> 0) + (yl >>> 0);
            const hi = (I32[a + 1]! + code[pc + 4]! + (lo > 0xffffffff ? 1 : 0)) | 0;
            const d = fp + code[pc + 1]!;
            I32[d] = lo | 0;
            I32[d + 1] = hi;
            pc += 5;
            break;
          }
          case 0xe3: {
            // i64.and_imm
            const a = fp + code[pc + 2]!;
            const d = fp + code[pc + 1]!;
            const hi = I32[a + 1]! & code[pc + 4]!;
            I32[d] = I32[a]! & code[pc + 3]!;
            I32[d + 1] = hi;
            pc += 5;
            break;
          }
          case 0xe4: {
            // i64.or_imm
            const a = fp + code[pc + 2]!;
            const d = fp + code[pc + 1]!;
            const hi = I32[a + 1]! | code[pc + 4]!;
            I32[d] = I32[a]! | code[pc + 3]!;
            I32[d + 1] = hi;
            pc += 5;
            break;
          }
          case 0xe5: {
            // i64.xor_imm
            const a = fp + code[pc + 2]!;
            const d = fp + code[pc + 1]!;
            const hi = I32[a + 1]! ^ code[pc + 4]!;
            I32[d] = I32[a]! ^ code[pc + 3]!;
            I32[d + 1] = hi;
            pc += 5;
            break;
          }
          case 0xe6: {
            // i64.shl_imm (the count is 0..63)
            const a = fp + code[pc + 2]!;
            const xl = I32[a]!;
            const xh = I32[a + 1]!;
            const n = code[pc + 3]!;
            const d = fp + code[pc + 1]!;
            if (n === 0) {
              I32[d] = xl;
              I32[d + 1] = xh;
            } else if (n < 32) {
              I32[d] = xl << n;
              I32[d + 1] = (xh << n) | (xl >>> (32 - n));
            } else {
              I32[d] = 0;
              I32[d + 1] = xl << (n - 32);
            }
            pc += 5;
            break;
          }
          case 0xe7: {
            // i64.shr_s_imm
            const a = fp + code[pc + 2]!;
            const xl = I32[a]!;
            const xh = I32[a + 1]!;
            const n = code[pc + 3]!;
            const d = fp + code[pc + 1]!;
            if (n === 0) {
              I32[d] = xl;
              I32[d + 1] = xh;
            } else if (n < 32) {
              I32[d] = (xl >>> n) | (xh << (32 - n));
              I32[d + 1] = xh >> n;
            } else {
              I32[d] = xh >> (n - 32);
              I32[d + 1] = xh >> 31;
            }
            pc += 5;
            break;
          }
          case 0xe8: {
            // i64.shr_u_imm
            const a = fp + code[pc + 2]!;
            const xl = I32[a]!;
            const xh = I32[a + 1]!;
            const n = code[pc + 3]!;
            const d = fp + code[pc + 1]!;
            if (n === 0) {
              I32[d] = xl;
              I32[d + 1] = xh;
            } else if (n < 32) {
              I32[d] = (xl >>> n) | (xh << (32 - n));
              I32[d + 1] = xh >>> n;
            } else {
              I32[d] = xh >>> (n - 32);
              I32[d + 1] = 0;
            }
            pc += 5;
            break;
          }
          case 0xe9: {
            // i64.rotl_imm
            const a = fp + code[pc + 2]!;
            const xl = I32[a]!;
            const xh = I32[a + 1]!;
            const n = code[pc + 3]!;
            const d = fp + code[pc + 1]!;
            if (n === 0) {
              I32[d] = xl;
              I32[d + 1] = xh;
            } else if (n < 32) {
              I32[d] = (xl << n) | (xh >>> (32 - n));
              I32[d + 1] = (xh << n) | (xl >>> (32 - n));
            } else if (n === 32) {
              I32[d] = xh;
              I32[d + 1] = xl;
            } else {
              const m = n - 32;
              I32[d] = (xh << m) | (xl >>> (32 - m));
              I32[d + 1] = (xl << m) | (xh >>> (32 - m));
            }
            pc += 5;
            break;
          }
          case 0x17: {
            // select (numeric)
            const s = fp + (I32[fp + code[pc + 4]!] !== 0 ? code[pc + 2]! : code[pc + 3]!);
            const d = fp + code[pc + 1]!;
            I32[d] = I32[s]!;
            I32[d + 1] = I32[s + 1]!;
            pc += 5;
            break;
          }
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
          case 0x23: {
            // global.get (numeric)
            const g = ctx.globals[code[pc + 2]!]!.cells.i32;
            const d = fp + code[pc + 1]!;
            I32[d] = g[0]!;
            I32[d + 1] = g[1]!;
            pc += 3;
            break;
          }
          case 0x24: {
            // global.set (numeric)
            const g = ctx.globals[code[pc + 1]!]!.cells.i32;
            const s = fp + code[pc + 2]!;
            g[0] = I32[s]!;
            g[1] = I32[s + 1]!;
            pc += 3;
            break;
          }
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
          case 0x40: {
            // memory.grow
            const result = mem.grow(I32[fp + code[pc + 2]!]! >>> 0);
            U8 = mem.u8;
            DV = mem.view;
            memSize = mem.byteLength;
            I32[fp + code[pc + 1]!] = result;
            pc += 3;
            break;
          }
          case 0x41: // i32.const
          case 0x43: // f32.const
            I32[fp + code[pc + 1]!] = code[pc + 2]!;
            pc += 3;
            break;
          case 0x42: // i64.const
          case 0x44: {
            // f64.const
            const d = fp + code[pc + 1]!;
            I32[d] = code[pc + 2]!;
            I32[d + 1] = code[pc + 3]!;
            pc += 4;
            break;
          }
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
      }
    }
    // Out of fuel at a back-edge or call (still inside `try`, so a limit's trap gets its trace).
    stack.fuel = fuel;
    endSlice(stack, current, pc, fp, depth);
    return false;
  } catch (error) {
    stack.fuel = fuel;
    throw unwind(stack, error, current, pc, depth, baseDepth);
  }
}

const emptyBytes = new Uint8Array(0);
