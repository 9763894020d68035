import type { NativeExecEnv, NativeSymbol } from "@microwasm/native";
import { inBounds, memoryOf } from "./app-memory.js";

/** CLOCK_REALTIME; every other clock id reads the monotonic clock. */
const CLOCK_REALTIME = 0;
/** struct timespec in wasm32 as WAMR lays it out: int64 tv_sec, int32 tv_nsec, padded to 16 bytes. */
const TIMESPEC_SIZE = 16;

function nowNanoseconds(clockId: number): bigint {
  const ms = clockId === CLOCK_REALTIME ? performance.timeOrigin + performance.now() : performance.now();
  return BigInt(Math.round(ms * 1e6));
}

export const timeNatives: NativeSymbol[] = [
  {
    name: "clock_gettime",
    signature: "(i*)i",
    pointers: "offset",
    fn: (env: NativeExecEnv, clockId: number, ts: number) => {
      if (!inBounds(env, ts, TIMESPEC_SIZE)) return -1;
      const ns = nowNanoseconds(clockId);
      const memory = memoryOf(env);
      const view = new DataView(memory.buffer, memory.byteOffset);
      view.setBigInt64(ts, ns / 1_000_000_000n, true);
      view.setInt32(ts + 8, Number(ns % 1_000_000_000n), true);
      return 0;
    },
  },
  // Nanoseconds, as CLOCKS_PER_SEC is 1e9 in wasi-sdk (WAMR's choice).
  { name: "clock", signature: "()I", fn: () => nowNanoseconds(1) },
];
