import { Errno } from "./errno.js";
import type { DirEntry, FileHandle, FileSystem } from "./filesystem.js";
import type { Socket } from "./socket.js";
import type { InputStream, OutputStream } from "./streams.js";
import { WasiError } from "./wasi-error.js";

/** What an open descriptor refers to. */
export type Description =
  | { readonly kind: "file"; readonly handle: FileHandle; position: number }
  | {
      readonly kind: "directory";
      readonly fs: FileSystem;
      /** Components from the filesystem's root: resolved, no symbolic links. */
      readonly path: readonly string[];
      /** The guest path of a preopened directory, null for one the guest opened. */
      readonly preopenName: string | null;
      /** Entries read at cookie 0 and kept for the following cookies. */
      listing: DirEntry[] | null;
    }
  | {
      readonly kind: "stream";
      readonly input: InputStream | null;
      readonly output: OutputStream | null;
    }
  | { readonly kind: "socket"; readonly socket: Socket };

export interface Descriptor {
  readonly description: Description;
  /** A `Filetype` value. */
  readonly filetype: number;
  rightsBase: number;
  rightsInheriting: number;
  /** `Fdflags`. */
  flags: number;
}

/** Descriptors a guest may hold at once; more is EMFILE. */
const MAX_DESCRIPTORS = 4096;

/** The guest's descriptor numbers. New descriptors take the lowest free number. */
export class FdTable {
  private readonly entries: (Descriptor | undefined)[] = [];
  private open = 0;

  /** The descriptor `fd` if it has every right in `rights`: else EBADF or ENOTCAPABLE. */
  get(fd: number, rights: number): Descriptor {
    const entry = this.entries[fd >>> 0];
    if (entry === undefined) throw new WasiError(Errno.EBADF);
    if ((entry.rightsBase & rights) !== rights) throw new WasiError(Errno.ENOTCAPABLE);
    return entry;
  }

  has(fd: number): boolean {
    return this.entries[fd >>> 0] !== undefined;
  }

  insert(entry: Descriptor): number {
    if (this.open >= MAX_DESCRIPTORS) throw new WasiError(Errno.EMFILE);
    let fd = 0;
    while (this.entries[fd] !== undefined) fd++;
    this.entries[fd] = entry;
    this.open++;
    return fd;
  }

  /** Removes `fd` and returns what it held (EBADF when not open). */
  remove(fd: number): Descriptor {
    const entry = this.get(fd, 0);
    this.entries[fd >>> 0] = undefined;
    this.open--;
    return entry;
  }

  /** Moves `from` to `to`, which must be open (closing what `to` held is the caller's). */
  renumber(from: number, to: number): Descriptor {
    const moving = this.get(from, 0);
    const replaced = this.get(to, 0);
    if (from >>> 0 === to >>> 0) return replaced;
    this.entries[to >>> 0] = moving;
    this.entries[from >>> 0] = undefined;
    this.open--;
    return replaced;
  }

  /** Every open descriptor, for closing them all. */
  *all(): IterableIterator<Descriptor> {
    for (const entry of this.entries) if (entry !== undefined) yield entry;
  }
}

/** Closes the host resources behind a description, ignoring errors of an already-closed one. */
export function closeDescription(description: Description): void {
  if (description.kind === "file") description.handle.close();
  else if (description.kind === "socket") description.socket.close();
}
