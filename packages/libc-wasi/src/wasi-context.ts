import type { Clocks } from "./clocks.js";
import { FdTable } from "./fd-table.js";
import { encodeUtf8, GuestMemory } from "./guest-memory.js";

/** Everything the WASI calls of one guest share. */
export class WasiContext {
  readonly memory = new GuestMemory();
  readonly fds = new FdTable();
  /** Each argument and `NAME=value` string, UTF-8 with its terminating NUL. */
  readonly args: Uint8Array[];
  readonly env: Uint8Array[];

  constructor(
    args: readonly string[],
    env: readonly string[],
    readonly clocks: Clocks,
    readonly fillRandom: (into: Uint8Array) => void,
    /** Blocks for a number of nanoseconds (poll_oneoff on clocks). */
    readonly sleep: (ns: bigint) => void,
  ) {
    this.args = args.map((arg) => encodeUtf8(`${arg}\0`));
    this.env = env.map((entry) => encodeUtf8(`${entry}\0`));
  }
}
