/**
 * A fixed byte budget that every allocation the runtime makes for modules draws from: WAMR's
 * `Alloc_With_Pool`. The bytes themselves come from the JS heap; the pool decides whether an
 * allocation may happen, so a module can never take more than its embedder granted.
 * `MemoryPool.system()` is `System_Allocator`: no cap, but still counted.
 */
export class MemoryPool {
  private usedBytes = 0;
  private peakBytes = 0;

  /** `size` in bytes: a non-negative integer, or `Infinity` for no cap. */
  constructor(readonly size: number) {
    if (!(size === Number.POSITIVE_INFINITY || (Number.isSafeInteger(size) && size >= 0))) {
      throw new RangeError(`a memory pool's size must be a non-negative integer, got ${size}`);
    }
  }

  /** The uncapped pool (WAMR's `System_Allocator`). */
  static system(): MemoryPool {
    return new MemoryPool(Number.POSITIVE_INFINITY);
  }

  get used(): number {
    return this.usedBytes;
  }
  get available(): number {
    return this.size - this.usedBytes;
  }
  /** The most bytes ever in use at once. */
  get peak(): number {
    return this.peakBytes;
  }

  /** Takes `bytes` if they fit; answers whether it did (nothing is taken on false). */
  reserve(bytes: number): boolean {
    if (!(bytes >= 0) || this.usedBytes + bytes > this.size) return false;
    this.usedBytes += bytes;
    if (this.usedBytes > this.peakBytes) this.peakBytes = this.usedBytes;
    return true;
  }

  /** Gives `bytes` back. Giving back more than was taken is a bug in the caller: `RangeError`. */
  release(bytes: number): void {
    if (!(bytes >= 0) || bytes > this.usedBytes) {
      throw new RangeError(`released ${bytes} bytes, but only ${this.usedBytes} are in use`);
    }
    this.usedBytes -= bytes;
  }

  /** A sub-ledger whose reservations can all be given back at once (one per module, instance, ...). */
  account(): PoolAccount {
    return new PoolAccount(this);
  }
}

/**
 * What one owner (a loaded module, an instance, an exec env) took from a pool, so that tearing
 * the owner down gives back exactly that, however its allocations ended.
 */
export class PoolAccount {
  private usedBytes = 0;

  constructor(readonly pool: MemoryPool) {}

  get used(): number {
    return this.usedBytes;
  }

  reserve(bytes: number): boolean {
    if (!this.pool.reserve(bytes)) return false;
    this.usedBytes += bytes;
    return true;
  }

  release(bytes: number): void {
    if (!(bytes >= 0) || bytes > this.usedBytes) {
      throw new RangeError(`released ${bytes} bytes, but this account holds ${this.usedBytes}`);
    }
    this.pool.release(bytes);
    this.usedBytes -= bytes;
  }

  /** Gives back everything this account holds. */
  close(): void {
    this.pool.release(this.usedBytes);
    this.usedBytes = 0;
  }
}
