import { RuntimeError, ValType } from "@microwasm/core";
import {
  callOnStack,
  type ExecStack,
  type FunctionInstance,
  type MemoryInstance,
  type Reference,
  reserveCallSlots,
  type TableInstance,
} from "@microwasm/interpreter";
import { copysign, f32Bits, f32FromBits, f32NaN, f64Bits, f64FromBits, f64FromWords } from "./float-bits.js";
import type { HelperName } from "./function-source.js";
import type { InstanceEnv } from "./instance-env.js";
import * as numerics from "./numerics.js";

/** Cells per slot of the interpreter's stack: a value takes 16 bytes. */
const SLOT = 4;

function oob(): RuntimeError {
  return new RuntimeError("memoryOutOfBounds");
}

/** The function at `index` of a table for `call_indirect`, checked against the expected type id. */
function indirect(elements: Reference[], index: number, typeId: number): FunctionInstance {
  const i = index >>> 0;
  if (i >= elements.length) throw new RuntimeError("undefinedElement");
  const fn = elements[i] as FunctionInstance | null;
  if (fn === null) throw new RuntimeError("uninitializedElement", String(i));
  if (fn.typeId !== typeId) throw new RuntimeError("indirectCallTypeMismatch");
  return fn;
}

/** Reads a value of `type` from the stack's cell `cell`, as compiled code holds it. */
function readArgument(stack: ExecStack, cell: number, type: number): unknown {
  switch (type) {
    case ValType.i32:
      return stack.i32[cell];
    case ValType.i64:
      return stack.i64[cell >> 1];
    case ValType.f32:
      return f32FromBits(stack.i32[cell]!);
    case ValType.f64:
      return stack.f64[cell >> 1];
    default:
      return stack.refs[cell >> 2];
  }
}

function writeResult(stack: ExecStack, cell: number, type: number, value: unknown): void {
  switch (type) {
    case ValType.i32:
      stack.i32[cell] = value as number;
      return;
    case ValType.i64:
      stack.i64[cell >> 1] = value as bigint;
      return;
    case ValType.f32:
      stack.i32[cell] = f32Bits(value as number);
      return;
    case ValType.f64:
      stack.f64[cell >> 1] = value as number;
      return;
    default:
      stack.refs[cell >> 2] = value as Reference;
  }
}

/**
 * Calls a function that has no tier entry (host functions, interpreted code) through the
 * stack's cells; returns its result, or an array of them when there are several.
 */
export function callCells(
  stack: ExecStack,
  depth: number,
  fn: FunctionInstance,
  args: readonly unknown[],
): unknown {
  const { params, results } = fn.type;
  const slots = Math.max(params.length, results.length);
  const base = reserveCallSlots(stack, slots);
  for (let i = 0; i < params.length; i++) writeResult(stack, base + i * SLOT, params[i]!, args[i]);
  callOnStack(stack, fn, base, slots, depth);
  if (results.length === 1) return readArgument(stack, base, results[0]!);
  return results.map((type, i) => readArgument(stack, base + i * SLOT, type));
}

/** A JS stack overflow inside compiled code is the spec's "call stack exhausted" trap. */
function fixError(error: unknown): unknown {
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new RuntimeError("callStackExhausted");
  return error;
}

function memoryInit(
  env: InstanceEnv,
  segment: number,
  memory: MemoryInstance,
  d: number,
  s: number,
  n: number,
): void {
  const data = env.datas[segment]!;
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > data.length || to + count > memory.byteLength) throw oob();
  memory.u8.set(data.subarray(from, from + count), to);
}

function memoryCopy(memory: MemoryInstance, d: number, s: number, n: number): void {
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > memory.byteLength || to + count > memory.byteLength) throw oob();
  memory.u8.copyWithin(to, from, from + count);
}

function memoryFill(memory: MemoryInstance, d: number, value: number, n: number): void {
  const to = d >>> 0;
  const count = n >>> 0;
  if (to + count > memory.byteLength) throw oob();
  memory.u8.fill(value & 0xff, to, to + count);
}

function tableInit(
  env: InstanceEnv,
  segment: number,
  table: TableInstance,
  d: number,
  s: number,
  n: number,
): void {
  const elements = env.elements[segment]!;
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > elements.length || to + count > table.elements.length) {
    throw new RuntimeError("tableOutOfBounds");
  }
  for (let i = 0; i < count; i++) table.elements[to + i] = elements[from + i]!;
}

function tableCopy(dst: TableInstance, src: TableInstance, d: number, s: number, n: number): void {
  const to = d >>> 0;
  const from = s >>> 0;
  const count = n >>> 0;
  if (from + count > src.elements.length || to + count > dst.elements.length) {
    throw new RuntimeError("tableOutOfBounds");
  }
  if (dst === src) dst.elements.copyWithin(to, from, from + count);
  else for (let i = 0; i < count; i++) dst.elements[to + i] = src.elements[from + i]!;
}

function tableFill(table: TableInstance, i: number, value: Reference, n: number): void {
  const from = i >>> 0;
  const count = n >>> 0;
  if (from + count > table.elements.length) throw new RuntimeError("tableOutOfBounds");
  table.elements.fill(value, from, from + count);
}

/** What generated code calls (`H`): one object for every instance, destructured once per function. */
export const helpers: Readonly<Record<HelperName, unknown>> = {
  ...numerics,
  oob,
  uninitialized: (index: number) => new RuntimeError("uninitializedElement", String(index)),
  stackExhausted: () => new RuntimeError("callStackExhausted"),
  callCells,
  indirect,
  f32FromBits,
  f32NaN,
  f32Bits,
  f64FromWords,
  f64FromBits,
  f64Bits,
  copysign,
  memoryInit,
  memoryCopy,
  memoryFill,
  tableInit,
  tableCopy,
  tableFill,
  readArgument,
  writeResult,
  fixError,
};
