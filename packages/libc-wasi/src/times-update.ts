import type { Clocks } from "./clocks.js";
import { Errno } from "./errno.js";
import type { TimesUpdate } from "./filesystem.js";
import { WasiError } from "./wasi-error.js";
import { Clockid, Fstflags } from "./wasi-types.js";

/** The times that `fst_flags` asks to set; EINVAL for a time both given and "now", or unknown bits. */
export function timesUpdate(clocks: Clocks, atim: bigint, mtim: bigint, flags: number): TimesUpdate {
  if ((flags & ~0xf) !== 0) throw new WasiError(Errno.EINVAL);
  if (flags & Fstflags.atim && flags & Fstflags.atimNow) throw new WasiError(Errno.EINVAL);
  if (flags & Fstflags.mtim && flags & Fstflags.mtimNow) throw new WasiError(Errno.EINVAL);
  const now = flags & (Fstflags.atimNow | Fstflags.mtimNow) ? clocks.now(Clockid.realtime) : 0n;
  return {
    atim: flags & Fstflags.atim ? atim : flags & Fstflags.atimNow ? now : null,
    mtim: flags & Fstflags.mtim ? mtim : flags & Fstflags.mtimNow ? now : null,
  };
}
