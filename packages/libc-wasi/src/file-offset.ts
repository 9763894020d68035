import { Errno } from "./errno.js";
import { WasiError } from "./wasi-error.js";

/** A guest file offset or size (u64/i64) as a JS number; beyond 2^53 is EFBIG (no host file is that large). */
export function toFileOffset(value: bigint): number {
  if (value < 0n) throw new WasiError(Errno.EINVAL);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new WasiError(Errno.EFBIG);
  return Number(value);
}
