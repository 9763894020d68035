import { RuntimeError, type TrapKind, type WasmFrame } from "@microwasm/core";
import { ExceptionInstance, exceptionFromCells } from "./exception-instance.js";
import { catchException } from "./exceptions.js";
import type { ExecStack } from "./exec-stack.js";
import { executeMemoryOp } from "./execute-memory.js";
import { executeRare } from "./execute-rare.js";
import { openFrame } from "./frame.js";
import type { FunctionInstance } from "./function-instance.js";
import { callHostFunction } from "./host-call.js";
import type { InstanceContext } from "./instance-context.js";
import { MemoryInstance } from "./memory-instance.js";
import { i64DivU, i64RemU, i64Rotl, i64Rotr, i64Shl, i64ShrS, i64ShrU } from "./numerics/index.js";
import { executeSimd } from "./simd/execute-simd.js";
import { stackTraceOf } from "./stack-trace.js";
import type { Reference } from "./values.js";

/** Stands in for the memory of modules that have none, so the loop's variables keep one shape. */
const noMemory = new MemoryInstance({ limits: { min: 0, max: 0 }, shared: false });

function trap(kind: TrapKind): RuntimeError {
  return new RuntimeError(kind);
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
  else if (result instanceof ExceptionInstance && result.wasmStack.length === 0) result.wasmStack = frames;
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
              callee = indirectCallee(ctx, code[pc + 1]!, code[pc + 2]!, I32[fp + code[pc + 3]!]! >>> 0);
              argBase = code[pc + 4]!;
              next = pc + 5;
            }
            // The callee's frame starts at its arguments.
            const calleeFp = fp + argBase;
            const compiled = callee.compiled;
            // A function another tier compiled is entered there (through its raw entry, as a host
            // function is), while the JS stack allows: compiled code called from interpreted
            // code runs compiled too. Deeper, or not compiled, this loop runs it.
            // (The entry first: without the AOT tier it is null, and the test ends there.)
            const tier =
              compiled !== null &&
              (stack.metered ? callee.tierEntry : callee.unmeteredEntry) !== null &&
              depth + 1 < stack.nestingLimit;
            if (compiled !== null && !tier) {
              // The callee's frame is charged with every suspended frame, this one included.
              openFrame(stack, compiled, calleeFp, depth + 1);
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
              // A compiled callee counts as a frame above this one, as in this loop.
              stack.depth = tier ? depth + 1 : depth;
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
          case 0x20: // throw: the handler search is in the `catch` below (exceptions.ts)
            throw exceptionFromCells(ctx.tags[code[pc + 1]!]!, stack, fp + code[pc + 2]!);
          case 0x21: {
            // throw_ref
            const exn = REFS[(fp + code[pc + 1]!) >> 2];
            if (exn === null) throw trap("nullExceptionReference");
            throw exn;
          }
          case 0x22: // rethrow
            throw REFS[(fp + code[pc + 1]!) >> 2];
          case 0x01: // return_call
          case 0x03: {
            // return_call_indirect: the callee's frame replaces this one
            let callee: FunctionInstance;
            let argBase: number;
            let next: number;
            if (code[pc] === 0x01) {
              callee = ctx.functions[code[pc + 1]!]!;
              argBase = code[pc + 2]!;
              next = pc + 3;
            } else {
              callee = indirectCallee(ctx, code[pc + 1]!, code[pc + 2]!, I32[fp + code[pc + 3]!]! >>> 0);
              argBase = code[pc + 4]!;
              next = pc + 5;
            }
            const compiled = callee.compiled;
            if (compiled === null) {
              // A host callee: called as by `call`; the code after this returns its results.
              stack.depth = depth;
              stack.top = fp + current.compiled!.frameSlots * 4;
              stack.fuel = fuel;
              callHostFunction(stack, callee, fp + argBase);
              fuel = stack.fuel | 0;
              pc = next;
              if (I32 !== stack.i32 || framePc !== stack.framePc) {
                stack.fuel = fuel;
                saveResumePoint(stack, current, pc, fp, depth);
                return false;
              }
              if (fuel <= 0) break run;
              continue run;
            }
            moveArguments(stack, fp, fp + argBase, callee.type.params.length);
            openFrame(stack, compiled, fp, depth);
            current = callee;
            pc = 0;
            fuel--;
            if (I32 !== stack.i32) {
              // The frame did not fit: the stack grew, go on in the callee with the new views.
              stack.fuel = fuel;
              saveResumePoint(stack, current, pc, fp, depth);
              return false;
            }
            if (fuel <= 0) break run;
            continue run;
          }
          case 0xea: // simd: every SIMD instruction, run outside this loop (simd/execute-simd.ts)
            pc = executeSimd(code, pc, fp, stack, mem) | 0;
            break;
          case 0x1c: // memory: another memory, a 64-bit one, atomics (execute-memory.ts)
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
          case 0xa7: {
            // i32.wrap_i64
            const x = I32[fp + code[pc + 2]!]!;
            I32[fp + code[pc + 1]!] = x;
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
          default:
            // The rarely run instructions, in their own function (execute-rare.ts).
            pc = executeRare(stack, code, pc, fp, ctx, mem);
            break;
        }
      }
    }
    // Out of fuel at a back-edge or call (still inside `try`, so a limit's trap gets its trace).
    stack.fuel = fuel;
    endSlice(stack, current, pc, fp, depth);
    return false;
  } catch (error) {
    stack.fuel = fuel;
    // A wasm exception with a handler in this run goes on there (the driver re-enters).
    if (error instanceof ExceptionInstance && catchException(stack, error, current, pc, fp, depth, baseDepth))
      return false;
    throw unwind(stack, error, current, pc, depth, baseDepth);
  }
}

/** The function at `index` of table `tableIndex`, checked against type `typeIndex` as `call_indirect` does. */
function indirectCallee(
  ctx: InstanceContext,
  typeIndex: number,
  tableIndex: number,
  index: number,
): FunctionInstance {
  const table = ctx.tables[tableIndex]!;
  if (index >= table.elements.length) throw trap("undefinedElement");
  const ref = table.elements[index] as FunctionInstance | null;
  if (ref === null) throw new RuntimeError("uninitializedElement", String(index));
  if (ref.typeId !== ctx.typeIds[typeIndex]) throw trap("indirectCallTypeMismatch");
  return ref;
}

/** A tail call's arguments, `count` slots from cell `from`, moved down to the frame's start at `to`. */
function moveArguments(stack: ExecStack, to: number, from: number, count: number): void {
  stack.i32.copyWithin(to, from, from + count * 4);
  const refs = stack.refs;
  for (let i = 0; i < count; i++) refs[(to >> 2) + i] = refs[(from >> 2) + i]!;
}
