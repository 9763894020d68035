import type { Descriptor } from "./fd-table.js";
import type { Filestat } from "./filesystem.js";
import type { GuestMemory } from "./guest-memory.js";
import { Layout } from "./wasi-types.js";

/** Writes a `filestat` (64 bytes) at `ptr`. */
export function writeFilestat(memory: GuestMemory, ptr: number, stat: Filestat): void {
  memory.check(ptr, Layout.filestat);
  memory.bytes(ptr, Layout.filestat).fill(0);
  memory.setU64(ptr, stat.dev);
  memory.setU64(ptr + 8, stat.ino);
  memory.setU8(ptr + 16, stat.filetype);
  memory.setU64(ptr + 24, stat.nlink);
  memory.setU64(ptr + 32, stat.size);
  memory.setU64(ptr + 40, stat.atim);
  memory.setU64(ptr + 48, stat.mtim);
  memory.setU64(ptr + 56, stat.ctim);
}

/** Writes an `fdstat` (24 bytes) at `ptr`. */
export function writeFdstat(memory: GuestMemory, ptr: number, entry: Descriptor): void {
  memory.check(ptr, Layout.fdstat);
  memory.bytes(ptr, Layout.fdstat).fill(0);
  memory.setU8(ptr, entry.filetype);
  memory.setU16(ptr + 2, entry.flags);
  memory.setU64(ptr + 8, entry.rightsBase);
  memory.setU64(ptr + 16, entry.rightsInheriting);
}

/** The filestat of something that is not a file (a stream or socket): only its type. */
export function streamFilestat(filetype: number): Filestat {
  return { dev: 0n, ino: 0n, filetype, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
}
