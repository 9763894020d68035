import type { NativeExecEnv, NativeSymbol } from "@microwasm/native";
import { cStringLength, inBounds, memoryOf, writeU32 } from "./app-memory.js";
import { parseInteger } from "./parse-integer.js";

/** Sets WAMR's exception text for natives that end the app (exit, abort, ...). */
function raise(text: (code: number) => string) {
  return (env: NativeExecEnv, code: number): void => {
    env.moduleInstance.setException(text(code));
  };
}

function strtol(unsigned: boolean) {
  return (env: NativeExecEnv, nptr: number, endptr: number, base: number): number => {
    // endptr (a `*`) was checked for 1 byte; it receives a 4-byte pointer. C: a NULL endptr is not written.
    if (endptr !== 0 && !inBounds(env, endptr, 4)) return 0;
    const memory = memoryOf(env);
    const parsed = parseInteger(memory, nptr, base, unsigned);
    if (endptr !== 0) writeU32(memory, endptr, parsed.end);
    return parsed.value | 0;
  };
}

function duplicate(env: NativeExecEnv, s: number): number {
  const length = cStringLength(memoryOf(env), s) + 1;
  const copy = env.moduleInstance.moduleMalloc(length);
  if (copy !== 0) memoryOf(env).copyWithin(copy, s, s + length); // malloc may have grown memory: re-read
  return copy;
}

export const stdlibNatives: NativeSymbol[] = [
  {
    name: "malloc",
    signature: "(i)i",
    fn: (env, size: number) => env.moduleInstance.moduleMalloc(size >>> 0),
  },
  {
    name: "realloc",
    signature: "(ii)i",
    fn: (env, ptr: number, size: number) => env.moduleInstance.moduleRealloc(ptr >>> 0, size >>> 0),
  },
  {
    name: "calloc",
    signature: "(ii)i",
    fn: (env, count: number, size: number) => {
      const total = (count >>> 0) * (size >>> 0);
      if (total >= 0xffffffff) return 0;
      const at = env.moduleInstance.moduleMalloc(total);
      if (at !== 0) memoryOf(env).fill(0, at, at + total);
      return at;
    },
  },
  {
    name: "free",
    signature: "(*)",
    pointers: "offset",
    fn: (env, ptr: number) => env.moduleInstance.moduleFree(ptr),
  },
  { name: "strdup", signature: "($)i", pointers: "offset", fn: duplicate },
  // clang may emit a call to _strdup
  { name: "_strdup", signature: "($)i", pointers: "offset", fn: duplicate },
  {
    name: "atoi",
    signature: "($)i",
    pointers: "offset",
    fn: (env, s: number) => parseInteger(memoryOf(env), s, 10, false).value,
  },
  { name: "strtol", signature: "($*i)i", pointers: "offset", fn: strtol(false) },
  { name: "strtoul", signature: "($*i)i", pointers: "offset", fn: strtol(true) },
  { name: "exit", signature: "(i)", fn: raise((code) => `env.exit(${code})`) },
  { name: "abort", signature: "(i)", fn: raise((code) => `env.abort(${code})`) },
  { name: "abortStackOverflow", signature: "(i)", fn: raise((code) => `env.abortStackOverflow(${code})`) },
  { name: "nullFunc_X", signature: "(i)", fn: raise((code) => `env.nullFunc_X(${code})`) },
  {
    name: "__cxa_allocate_exception",
    signature: "(i)i",
    fn: (env, size: number) => env.moduleInstance.moduleMalloc(size >>> 0),
  },
  { name: "__cxa_begin_catch", signature: "(*)", pointers: "offset", fn: () => undefined },
  {
    name: "__cxa_throw",
    signature: "(**i)",
    pointers: "offset",
    fn: (env) => env.moduleInstance.setException("exception thrown by stdc++"),
  },
];
