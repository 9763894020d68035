import { Errno } from "./errno.js";
import { WasiError } from "./wasi-error.js";

/** Anything with a linear memory's `buffer`: a `WebAssembly.Memory` of any engine. */
export interface MemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Bounds-checked access to the guest's linear memory. Every pointer and length coming from
 * the guest goes through `check`, which throws `WasiError(EFAULT)` for a range outside the
 * memory: a bad pointer is the guest's error, never a host exception. The views are rebuilt
 * when the memory's buffer changes (it is replaced when the memory grows).
 */
export class GuestMemory {
  private memory: MemoryLike | null = null;
  private buffer: ArrayBuffer | SharedArrayBuffer | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private u8: Uint8Array<ArrayBufferLike> = new Uint8Array(0);

  attach(memory: MemoryLike): void {
    this.memory = memory;
    this.buffer = null;
  }

  get attached(): boolean {
    return this.memory !== null;
  }

  /** Refreshes the views; call at the start of every WASI call. */
  sync(): this {
    if (this.memory === null)
      throw new WasiError(Errno.EFAULT, "(no memory attached: call start or initialize)");
    const buffer = this.memory.buffer;
    if (buffer !== this.buffer || buffer.byteLength !== this.u8.byteLength) {
      this.buffer = buffer;
      this.view = new DataView(buffer);
      this.u8 = new Uint8Array(buffer);
    }
    return this;
  }

  get byteLength(): number {
    return this.u8.byteLength;
  }

  /** Throws EFAULT unless [ptr, ptr+length) is inside memory. `ptr` is taken as unsigned. */
  check(ptr: number, length: number): number {
    const start = ptr >>> 0;
    if (length < 0 || start + length > this.u8.byteLength) throw new WasiError(Errno.EFAULT);
    return start;
  }

  u8At(ptr: number): number {
    return this.u8[this.check(ptr, 1)]!;
  }
  u16At(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }
  u32At(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }
  u64At(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }
  setU8(ptr: number, value: number): void {
    this.u8[this.check(ptr, 1)] = value;
  }
  setU16(ptr: number, value: number): void {
    this.view.setUint16(this.check(ptr, 2), value, true);
  }
  setU32(ptr: number, value: number): void {
    this.view.setUint32(this.check(ptr, 4), value >>> 0, true);
  }
  setU64(ptr: number, value: bigint | number): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, BigInt(value)), true);
  }

  /** A live view of [ptr, ptr+length): valid until the memory grows. */
  bytes(ptr: number, length: number): Uint8Array {
    const start = this.check(ptr, length >>> 0);
    return this.u8.subarray(start, start + (length >>> 0));
  }

  /** Decodes UTF-8; invalid sequences are EILSEQ, as for a path the host cannot represent. */
  string(ptr: number, length: number): string {
    const bytes = this.bytes(ptr, length);
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      throw new WasiError(Errno.EILSEQ);
    }
  }

  /**
   * The iovec array at `ptr` (`count` entries of { buf, buf_len }) as live views, each
   * bounds-checked.
   */
  iovecs(ptr: number, count: number): Uint8Array[] {
    this.check(ptr, (count >>> 0) * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      const base = (ptr >>> 0) + i * 8;
      out.push(this.bytes(this.u32At(base), this.u32At(base + 4)));
    }
    return out;
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
