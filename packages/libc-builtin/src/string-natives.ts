import type { NativeExecEnv, NativeSymbol } from "@microwasm/native";
import { cStringLength, inBounds, memoryOf } from "./app-memory.js";
import { toLower } from "./ctype-natives.js";

/** memcpy, memmove, emscripten_memcpy_big: `(**~)i`, the destination checked for size bytes. */
function copy(env: NativeExecEnv, dst: number, src: number, size: number): number {
  if (size === 0 || !inBounds(env, dst, size)) return dst;
  memoryOf(env).copyWithin(dst, src, src + size);
  return dst;
}

function compareBytes(a: number, b: number): number {
  return a - b;
}

export const stringNatives: NativeSymbol[] = [
  {
    name: "memcmp",
    signature: "(**~)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s1: number, s2: number, size: number) => {
      if (!inBounds(env, s1, size)) return 0;
      const memory = memoryOf(env);
      for (let k = 0; k < size; k++) {
        if (memory[s1 + k] !== memory[s2 + k]) return compareBytes(memory[s1 + k]!, memory[s2 + k]!);
      }
      return 0;
    },
  },
  { name: "memcpy", signature: "(**~)i", pointers: "offset", fn: copy },
  { name: "memmove", signature: "(**~)i", pointers: "offset", fn: copy },
  { name: "emscripten_memcpy_big", signature: "(**~)i", pointers: "offset", fn: copy },
  {
    name: "memset",
    signature: "(*ii)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, c: number, size: number) => {
      const n = size >>> 0;
      if (!inBounds(env, s, n)) return s;
      memoryOf(env).fill(c & 0xff, s, s + n);
      return s;
    },
  },
  {
    name: "memchr",
    signature: "(*ii)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, c: number, size: number) => {
      const n = size >>> 0;
      if (!inBounds(env, s, n)) return 0;
      const found = memoryOf(env)
        .subarray(s, s + n)
        .indexOf(c & 0xff);
      return found < 0 ? 0 : s + found;
    },
  },
  {
    name: "strchr",
    signature: "($i)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, c: number) => {
      const memory = memoryOf(env);
      const length = cStringLength(memory, s);
      const ch = c & 0xff;
      if (ch === 0) return s + length;
      const found = memory.subarray(s, s + length).indexOf(ch);
      return found < 0 ? 0 : s + found;
    },
  },
  {
    name: "strcmp",
    signature: "($$)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s1: number, s2: number) =>
      compareStrings(memoryOf(env), s1, s2, Infinity, false),
  },
  {
    name: "strncmp",
    signature: "(**~)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s1: number, s2: number, size: number) => {
      if (!inBounds(env, s1, size)) return 0;
      return compareStrings(memoryOf(env), s1, s2, size, false);
    },
  },
  {
    name: "strncasecmp",
    signature: "($$i)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s1: number, s2: number, n: number) =>
      compareStrings(memoryOf(env), s1, s2, n >>> 0, true),
  },
  {
    name: "strcpy",
    signature: "(*$)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, dst: number, src: number) => {
      const length = cStringLength(memoryOf(env), src) + 1;
      if (!inBounds(env, dst, length)) return 0;
      memoryOf(env).copyWithin(dst, src, src + length);
      return dst;
    },
  },
  {
    name: "strncpy",
    signature: "(**~)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, dst: number, src: number, size: number) => {
      if (!inBounds(env, dst, size)) return 0;
      const memory = memoryOf(env);
      const source = memory.slice(src, src + size);
      const end = source.indexOf(0);
      const copied = end < 0 ? size : end;
      memory.set(source.subarray(0, copied), dst);
      memory.fill(0, dst + copied, dst + size);
      return dst;
    },
  },
  {
    name: "strlen",
    signature: "($)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number) => cStringLength(memoryOf(env), s),
  },
  {
    name: "strspn",
    signature: "($$)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, accept: number) => span(memoryOf(env), s, accept, true),
  },
  {
    name: "strcspn",
    signature: "($$)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, reject: number) => span(memoryOf(env), s, reject, false),
  },
  {
    name: "strstr",
    signature: "($$)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, s: number, find: number) => {
      const memory = memoryOf(env);
      const hay = memory.subarray(s, s + cStringLength(memory, s));
      const needle = memory.subarray(find, find + cStringLength(memory, find));
      outer: for (let i = 0; i + needle.length <= hay.length; i++) {
        for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
        return s + i;
      }
      return 0;
    },
  },
];

/** strcmp-family comparison of unsigned bytes, stopping at a difference, a NUL or `limit`. */
function compareStrings(memory: Uint8Array, s1: number, s2: number, limit: number, fold: boolean): number {
  for (let k = 0; k < limit; k++) {
    let a = memory[s1 + k] ?? 0;
    let b = memory[s2 + k] ?? 0;
    if (fold) {
      a = toLower(a);
      b = toLower(b);
    }
    if (a !== b) return a - b;
    if (a === 0) return 0;
  }
  return 0;
}

/** Length of the prefix of s made of bytes in (or, with `inSet` false, not in) the set string. */
function span(memory: Uint8Array, s: number, set: number, inSet: boolean): number {
  const members = new Set(memory.subarray(set, set + cStringLength(memory, set)));
  const length = cStringLength(memory, s);
  let n = 0;
  while (n < length && members.has(memory[s + n]!) === inSet) n++;
  return n;
}
