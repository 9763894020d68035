import { MemoryFileSystem, WASI, type WASIOptions } from "@microwasm/libc-wasi";
import { Memory } from "@microwasm/webassembly";

/**
 * A WASI instance over a one-page memory that the test reads and writes directly, as a
 * guest would: for calling the imports one by one.
 */
export class Guest {
  readonly memory = new Memory({ initial: 1 });
  readonly wasi: WASI;
  readonly calls: Record<string, (...args: (number | bigint)[]) => number>;
  private next = 1024;

  constructor(options: WASIOptions = {}) {
    this.wasi = new WASI(options);
    this.wasi.attachMemory(this.memory);
    this.calls = this.wasi.wasiImport as unknown as Record<string, (...args: (number | bigint)[]) => number>;
  }

  get view(): DataView {
    return new DataView(this.memory.buffer);
  }

  /** Reserves `size` bytes (8-aligned) and returns their address. */
  alloc(size: number): number {
    const at = this.next;
    this.next += Math.ceil(size / 8) * 8;
    return at;
  }

  /** Writes a string; returns [pointer, byte length]. */
  string(text: string): [number, number] {
    const bytes = new TextEncoder().encode(text);
    const at = this.alloc(bytes.length + 1);
    new Uint8Array(this.memory.buffer, at, bytes.length).set(bytes);
    return [at, bytes.length];
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  u64(at: number): bigint {
    return this.view.getBigUint64(at, true);
  }

  /** path_open relative to `dirFd`; returns [errno, new fd]. */
  open(
    dirFd: number,
    path: string,
    options: { oflags?: number; rights?: bigint; follow?: boolean } = {},
  ): [number, number] {
    const [ptr, len] = this.string(path);
    const out = this.alloc(4);
    const errno = this.calls["path_open"]!(
      dirFd,
      options.follow === false ? 0 : 1,
      ptr,
      len,
      options.oflags ?? 0,
      options.rights ?? 0x3fffffffn,
      0x3fffffffn,
      0,
      out,
    );
    return [errno, this.u32(out)];
  }

  /** Writes `text` to `fd` with one iovec; returns [errno, bytes written]. */
  write(fd: number, text: string): [number, number] {
    const [ptr, len] = this.string(text);
    const iov = this.alloc(8);
    this.view.setUint32(iov, ptr, true);
    this.view.setUint32(iov + 4, len, true);
    const out = this.alloc(4);
    const errno = this.calls["fd_write"]!(fd, iov, 1, out);
    return [errno, this.u32(out)];
  }

  /** Reads up to `size` bytes from `fd`; returns [errno, text]. */
  read(fd: number, size: number): [number, string] {
    const buf = this.alloc(size);
    const iov = this.alloc(8);
    this.view.setUint32(iov, buf, true);
    this.view.setUint32(iov + 4, size, true);
    const out = this.alloc(4);
    const errno = this.calls["fd_read"]!(fd, iov, 1, out);
    return [errno, new TextDecoder().decode(new Uint8Array(this.memory.buffer, buf, this.u32(out)))];
  }
}

/** A guest whose only preopen is an in-memory filesystem at "/sandbox" (descriptor 3). */
export function sandboxedGuest(
  fs = new MemoryFileSystem(),
  options: WASIOptions = {},
): { guest: Guest; fs: MemoryFileSystem } {
  return { guest: new Guest({ ...options, preopens: { "/sandbox": fs } }), fs };
}
