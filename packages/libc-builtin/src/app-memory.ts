import { type NativeExecEnv, OUT_OF_BOUNDS } from "@microwasm/native";

/** The calling instance's memory as it is now (re-read after anything that can grow it). */
export function memoryOf(env: NativeExecEnv): Uint8Array {
  return env.moduleInstance.memoryBytes() ?? new Uint8Array(0);
}

/** Whether `[at, at + length)` is inside memory; if not, sets WAMR's exception. */
export function inBounds(env: NativeExecEnv, at: number, length: number): boolean {
  if (at + length <= memoryOf(env).length) return true;
  env.moduleInstance.setException(OUT_OF_BOUNDS);
  return false;
}

/** Length of the NUL-terminated string at `at` (the signature's `$` check guarantees the NUL). */
export function cStringLength(memory: Uint8Array, at: number): number {
  return memory.indexOf(0, at) - at;
}

/** A string of bytes (one char per byte) as the bytes. */
export function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function writeU32(memory: Uint8Array, at: number, value: number): void {
  new DataView(memory.buffer, memory.byteOffset).setUint32(at, value >>> 0, true);
}
