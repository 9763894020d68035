import { Errno } from "./errno.js";
import type { WasiContext } from "./wasi-context.js";

function sizes(ctx: WasiContext, strings: readonly Uint8Array[], countPtr: number, sizePtr: number): number {
  const memory = ctx.memory.sync();
  memory.setU32(countPtr, strings.length);
  memory.setU32(
    sizePtr,
    strings.reduce((sum, s) => sum + s.length, 0),
  );
  return Errno.SUCCESS;
}

function copy(
  ctx: WasiContext,
  strings: readonly Uint8Array[],
  pointersPtr: number,
  bufferPtr: number,
): number {
  const memory = ctx.memory.sync();
  memory.check(pointersPtr, strings.length * 4);
  memory.check(
    bufferPtr,
    strings.reduce((sum, s) => sum + s.length, 0),
  );
  let offset = bufferPtr >>> 0;
  strings.forEach((bytes, i) => {
    memory.setU32((pointersPtr >>> 0) + i * 4, offset);
    memory.bytes(offset, bytes.length).set(bytes);
    offset += bytes.length;
  });
  return Errno.SUCCESS;
}

/** args_get, args_sizes_get, environ_get, environ_sizes_get. */
export function argsEnvCalls(ctx: WasiContext) {
  return {
    args_sizes_get: (argcPtr: number, sizePtr: number) => sizes(ctx, ctx.args, argcPtr, sizePtr),
    args_get: (argvPtr: number, bufPtr: number) => copy(ctx, ctx.args, argvPtr, bufPtr),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(ctx, ctx.env, countPtr, sizePtr),
    environ_get: (environPtr: number, bufPtr: number) => copy(ctx, ctx.env, environPtr, bufPtr),
  };
}
