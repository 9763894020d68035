import { type NativeExecEnv, type NativeSymbol, OUT_OF_BOUNDS } from "@microwasm/native";
import { bytesOf, cStringLength, inBounds, memoryOf } from "./app-memory.js";
import { formatPrintf } from "./printf/format.js";
import { OutOfBoundsAccess, WasmVaList } from "./printf/va-list.js";

/** Where printf, puts and putchar write: bytes, as C writes them. */
export type OutputSink = (bytes: Uint8Array) => void;

/** Formats the format string at `format` with the wasm32 va_list at `vaList`; undefined after an exception. */
function vformat(env: NativeExecEnv, format: number, vaList: number): string | undefined {
  const memory = memoryOf(env);
  const formatBytes = memory.subarray(format, format + cStringLength(memory, format));
  try {
    return formatPrintf(formatBytes, new WasmVaList(memory, vaList));
  } catch (error) {
    if (!(error instanceof OutOfBoundsAccess)) throw error;
    env.moduleInstance.setException(OUT_OF_BOUNDS);
    return undefined;
  }
}

function printf(stdout: OutputSink) {
  return (env: NativeExecEnv, format: number, vaList: number): number => {
    const text = vformat(env, format, vaList);
    if (text === undefined) return 0;
    stdout(bytesOf(text));
    return text.length;
  };
}

/** sprintf: the whole output and its NUL must fit in memory. */
function sprintf(env: NativeExecEnv, str: number, format: number, vaList: number): number {
  const text = vformat(env, format, vaList);
  if (text === undefined || !inBounds(env, str, text.length + 1)) return 0;
  const memory = memoryOf(env);
  memory.set(bytesOf(text), str);
  memory[str + text.length] = 0;
  return text.length;
}

/** snprintf: at most size-1 bytes and a NUL (the signature checked [str, str+size)); returns the full length. */
function snprintf(env: NativeExecEnv, str: number, size: number, format: number, vaList: number): number {
  const text = vformat(env, format, vaList);
  if (text === undefined) return 0;
  if (size > 0) {
    const n = Math.min(text.length, size - 1);
    const memory = memoryOf(env);
    memory.set(bytesOf(text.slice(0, n)), str);
    memory[str + n] = 0;
  }
  return text.length;
}

export function stdioNatives(stdout: OutputSink): NativeSymbol[] {
  const print = printf(stdout);
  return [
    { name: "printf", signature: "($*)i", pointers: "offset", fn: print },
    { name: "sprintf", signature: "($$*)i", pointers: "offset", fn: sprintf },
    { name: "snprintf", signature: "(*~$*)i", pointers: "offset", fn: snprintf },
    // In wasm32 a va_list is a pointer, so the v-forms are the same functions (as in WAMR).
    { name: "vprintf", signature: "($*)i", pointers: "offset", fn: print },
    { name: "vsprintf", signature: "($$*)i", pointers: "offset", fn: sprintf },
    { name: "vsnprintf", signature: "(*~$*)i", pointers: "offset", fn: snprintf },
    {
      name: "puts",
      signature: "($)i",
      pointers: "offset",
      fn: (env: NativeExecEnv, s: number) => {
        const memory = memoryOf(env);
        const length = cStringLength(memory, s);
        const line = new Uint8Array(length + 1);
        line.set(memory.subarray(s, s + length));
        line[length] = 0x0a;
        stdout(line);
        return length + 1;
      },
    },
    {
      name: "putchar",
      signature: "(i)i",
      fn: (_env: NativeExecEnv, c: number) => {
        stdout(Uint8Array.of(c & 0xff));
        return c & 0xff;
      },
    },
  ];
}
