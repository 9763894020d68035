import { Errno } from "./errno.js";
import type { WasiContext } from "./wasi-context.js";

/** clock_res_get, clock_time_get, random_get. */
export function clockRandomCalls(ctx: WasiContext) {
  return {
    clock_res_get(id: number, resolutionPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(resolutionPtr, 8);
      memory.setU64(resolutionPtr, ctx.clocks.resolution(id));
      return Errno.SUCCESS;
    },
    clock_time_get(id: number, _precision: bigint, timePtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(timePtr, 8);
      memory.setU64(timePtr, ctx.clocks.now(id));
      return Errno.SUCCESS;
    },
    random_get(bufPtr: number, length: number): number {
      const bytes = ctx.memory.sync().bytes(bufPtr, length);
      // getRandomValues fills at most 64 KiB per call; it cannot write into shared memory.
      const chunk = new Uint8Array(Math.min(bytes.length, 65536));
      for (let offset = 0; offset < bytes.length; offset += chunk.length) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes.length - offset));
        ctx.fillRandom(part);
        bytes.set(part, offset);
      }
      return Errno.SUCCESS;
    },
  };
}
