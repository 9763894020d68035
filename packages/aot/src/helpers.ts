import { RuntimeError, ValType } from "@microwasm/core";
import {
  callOnStack,
  checkTerminate,
  type ExecStack,
  type FunctionInstance,
  frameOverheadCells,
  type MemoryInstance,
  type Reference,
  reserveCallSlots,
  type TableInstance,
} from "@microwasm/interpreter";
import { copysign, f32Bits, f32FromBits, f32NaN, f64FromWords } from "./float-bits.js";
import type { HelperName } from "./function-source.js";
import * as pairs from "./i64-pairs.js";
import type { InstanceEnv } from "./instance-env.js";
import * as numerics from "./numerics.js";
import * as simd from "./simd-helpers.js";

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

/**
 * Writes a value as compiled code holds it (`hi`: an i64's high word) to the stack's cell `cell`.
 */
function writeResult(stack: ExecStack, cell: number, type: number, value: unknown, hi: number): void {
  switch (type) {
    case ValType.i32:
      stack.i32[cell] = value as number;
      return;
    case ValType.i64:
      stack.i32[cell] = value as number;
      stack.i32[cell + 1] = hi;
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

/** Reads the value at `cell` into `out` as compiled code holds it (an i64 as two words). */
function readValue(stack: ExecStack, cell: number, type: number, out: unknown[]): void {
  switch (type) {
    case ValType.i32:
      out.push(stack.i32[cell]);
      return;
    case ValType.i64:
      out.push(stack.i32[cell], stack.i32[cell + 1]);
      return;
    case ValType.f32:
      out.push(f32FromBits(stack.i32[cell]!));
      return;
    case ValType.f64:
      out.push(stack.f64[cell >> 1]);
      return;
    case ValType.v128:
      out.push(stack.i32[cell], stack.i32[cell + 1], stack.i32[cell + 2], stack.i32[cell + 3]);
      return;
    default:
      out.push(stack.refs[cell >> 2]);
  }
}

/** RangeErrors that came out of a call to the interpreter or the host (`callCells`). */
const passedThrough = new WeakSet<RangeError>();

/**
 * Calls a function that has no tier entry (host functions, interpreted code) through the
 * stack's cells. `args` are as compiled code holds them (an i64 as two words, a v128 as four);
 * returns the result (an i64's high word in `HI[0]`, a v128's words 1-3 in `VR`), or an array
 * of the results (an i64 as two entries, a v128 as four).
 */
export function callCells(
  stack: ExecStack,
  depth: number,
  cells: number,
  fn: FunctionInstance,
  args: readonly unknown[],
): unknown {
  const { params, results } = fn.type;
  const slots = Math.max(params.length, results.length);
  // The callee's frame goes above the cells its compiled callers take. `cells` also counts the
  // overhead of every frame below (see functionSource), which the interpreter adds itself.
  const top = stack.top;
  const end = cells - depth * frameOverheadCells(stack);
  if (end > top) stack.top = end;
  let base: number;
  try {
    base = reserveCallSlots(stack, slots);
  } finally {
    stack.top = top;
  }
  let k = 0;
  for (let i = 0; i < params.length; i++) {
    const type = params[i]!;
    if (type === ValType.v128) {
      for (let w = 0; w < 4; w++) stack.i32[base + i * SLOT + w] = args[k++] as number;
      continue;
    }
    writeResult(stack, base + i * SLOT, type, args[k], args[k + 1] as number);
    k += type === ValType.i64 ? 2 : 1;
  }
  stack.top = base;
  try {
    callOnStack(stack, fn, base, slots, depth);
  } catch (error) {
    // A host's RangeError is not a compiled access out of bounds (`fixError`).
    if (error instanceof RangeError) passedThrough.add(error);
    throw error;
  } finally {
    stack.top = top;
  }
  // An array of numbers only would be V8's double array, which quiets a signaling NaN it stores:
  // one that held another value first keeps each number boxed, bits and all.
  const out: unknown[] = [null];
  out.pop();
  for (let i = 0; i < results.length; i++) readValue(stack, base + i * SLOT, results[i]!, out);
  if (results.length !== 1) return out;
  if (results[0] === ValType.i64) pairs.HI[0] = out[1] as number;
  else if (results[0] === ValType.v128) simd.VR.set(out.slice(1) as number[]);
  return out[0];
}

type Entry = (stack: ExecStack, depth: number, cells: number, ...args: unknown[]) => unknown;

/** Per variant (0 metered, 1 unmetered): the adapters of functions without a tier entry. */
const adapters = [new WeakMap<FunctionInstance, Entry>(), new WeakMap<FunctionInstance, Entry>()];

/**
 * What compiled code calls for a store function (an import, a table's element): its compiled
 * entry in the variant, or an adapter that calls it through the stack's cells. For unmetered
 * code the adapter then checks for a terminate request (`checkTerminate`), which a host
 * function may have made: where metered code would meet it at its next fuel check.
 */
function entryOf(fn: FunctionInstance, unmetered: boolean): Entry {
  const entry = unmetered ? fn.unmeteredEntry : fn.tierEntry;
  return entry !== null ? (entry as Entry) : cellsEntry(fn, unmetered);
}

/**
 * A compiled-code entry for `fn` through the stack's cells (`callCells`, or `callCellsChecked`
 * for unmetered code), made once per function and variant: how compiled code calls host and
 * interpreted functions.
 */
export function cellsEntry(fn: FunctionInstance, unmetered: boolean): Entry {
  const cache = adapters[unmetered ? 1 : 0]!;
  let adapter = cache.get(fn);
  if (adapter === undefined) {
    adapter = unmetered
      ? (stack, depth, cells, ...args) => callCellsChecked(stack, depth, cells, fn, args)
      : (stack, depth, cells, ...args) => callCells(stack, depth, cells, fn, args);
    cache.set(fn, adapter);
  }
  return adapter;
}

/** `callCells`, then the check for a terminate request that unmetered code makes (`entryOf`). */
export function callCellsChecked(
  stack: ExecStack,
  depth: number,
  cells: number,
  fn: FunctionInstance,
  args: readonly unknown[],
): unknown {
  const result = callCells(stack, depth, cells, fn, args);
  checkTerminate(stack);
  return result;
}

/**
 * At the entry from the host: a JS stack overflow inside compiled code becomes the spec's "call
 * stack exhausted" trap, a DataView's RangeError "memory access out of bounds", and a trap
 * gets its wasm stack from the JS one (compiled functions are
 * named `f<index>`, called as `Array.f<index>` through the entries; byte offsets are not known).
 */
function fixError(error: unknown, functions: readonly FunctionInstance[]): unknown {
  let result = error;
  if (error instanceof RangeError) {
    // Compiled loads and stores leave the bounds check to their DataView (function-source.ts):
    // any other RangeError from compiled code itself is one of those (messages vary by engine).
    if (/call stack/i.test(error.message)) result = new RuntimeError("callStackExhausted");
    else if (!passedThrough.has(error)) result = oob();
  }
  if (result instanceof RuntimeError && result.wasmStack.length === 0 && error instanceof Error) {
    result.wasmStack = [...(error.stack ?? "").matchAll(/ at (?:[\w$]+\.)?f(\d+) \(/g)].map((m) => {
      const funcIndex = Number(m[1]);
      return { funcIndex, name: functions[funcIndex]?.name, offset: undefined };
    });
  }
  return result;
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
  ...pairs,
  ...simd,
  oob,
  stackExhausted: () => new RuntimeError("callStackExhausted"),
  callCells,
  callCellsChecked,
  entryOf,
  indirect,
  f32FromBits,
  f32NaN,
  f32Bits,
  f64FromWords,
  copysign,
  memoryInit,
  memoryCopy,
  memoryFill,
  tableInit,
  tableCopy,
  tableFill,
  writeResult,
  fixError,
};
