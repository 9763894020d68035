import type { PrintfArguments } from "./format.js";

/** An argument or string that is not inside linear memory. */
export class OutOfBoundsAccess extends Error {
  override name = "OutOfBoundsAccess";
  constructor() {
    super("out of bounds memory access");
  }
}

/**
 * A wasm32 `va_list`: a pointer into linear memory where the variadic arguments lie in order,
 * each aligned to its size (4 for int-sized values, 8 for long long and double, as clang lays
 * them out). Every read is bounds-checked.
 */
export class WasmVaList implements PrintfArguments {
  private readonly view: DataView;

  constructor(
    private readonly memory: Uint8Array,
    private at: number,
  ) {
    this.view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  }

  int32(): number {
    const at = this.take(4);
    return this.view.getInt32(at, true);
  }

  int64(): bigint {
    const at = this.take(8);
    return this.view.getBigInt64(at, true);
  }

  float64(): number {
    const at = this.take(8);
    return this.view.getFloat64(at, true);
  }

  string(at: number, limit: number): Uint8Array {
    const memory = this.memory;
    if (at > memory.length) throw new OutOfBoundsAccess();
    const stop = Math.min(memory.length, at + limit);
    const nul = memory.subarray(at, stop).indexOf(0);
    if (nul >= 0) return memory.subarray(at, at + nul);
    if (stop - at < limit) throw new OutOfBoundsAccess(); // ran off the end of memory
    return memory.subarray(at, stop);
  }

  private take(size: number): number {
    const at = Math.ceil(this.at / size) * size;
    if (at + size > this.memory.length) throw new OutOfBoundsAccess();
    this.at = at + size;
    return at;
  }
}
