import { Errno } from "./errno.js";
import { closeDescription, type Description, type Descriptor } from "./fd-table.js";
import { toFileOffset } from "./file-offset.js";
import type { DirEntry } from "./filesystem.js";
import { encodeUtf8, type GuestMemory } from "./guest-memory.js";
import { streamFilestat, writeFdstat, writeFilestat } from "./struct-writers.js";
import { timesUpdate } from "./times-update.js";
import type { WasiContext } from "./wasi-context.js";
import { WasiError } from "./wasi-error.js";
import { Advice, FDFLAGS_ALL, Fdflags, Filetype, Layout, RIGHTS_ALL, Rights, Whence } from "./wasi-types.js";

type FileDescription = Extract<Description, { kind: "file" }>;

function concat(buffers: readonly Uint8Array[]): Uint8Array {
  if (buffers.length === 1) return buffers[0]!;
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

function readFile(file: FileDescription, buffers: readonly Uint8Array[], position: number): number {
  let total = 0;
  for (const buffer of buffers) {
    if (buffer.length === 0) continue;
    const count = file.handle.pread(buffer, position + total);
    total += count;
    if (count < buffer.length) break;
  }
  return total;
}

function writeFile(file: FileDescription, buffers: readonly Uint8Array[], position: number): number {
  let total = 0;
  for (const buffer of buffers) {
    let done = 0;
    while (done < buffer.length) {
      const count = file.handle.pwrite(buffer.subarray(done), position + total + done);
      if (count <= 0) throw new WasiError(Errno.EIO);
      done += count;
    }
    total += done;
  }
  return total;
}

/** Reads from a descriptor at its current position (files) or from its stream or socket. */
function readDescriptor(entry: Descriptor, buffers: readonly Uint8Array[]): number {
  const d = entry.description;
  switch (d.kind) {
    case "file": {
      const count = readFile(d, buffers, d.position);
      d.position += count;
      return count;
    }
    case "stream": {
      if (d.input === null) throw new WasiError(Errno.EBADF);
      // Block for the first buffer only, as readv does on a pipe.
      for (const buffer of buffers) if (buffer.length > 0) return d.input.read(buffer);
      return 0;
    }
    case "socket":
      return d.socket.recv(buffers, false, (entry.flags & Fdflags.nonblock) !== 0);
    case "directory":
      throw new WasiError(Errno.EISDIR);
  }
}

function writeDescriptor(entry: Descriptor, buffers: readonly Uint8Array[]): number {
  const d = entry.description;
  switch (d.kind) {
    case "file": {
      if (entry.flags & Fdflags.append) d.position = Number(d.handle.stat().size);
      const count = writeFile(d, buffers, d.position);
      d.position += count;
      return count;
    }
    case "stream": {
      if (d.output === null) throw new WasiError(Errno.EBADF);
      const bytes = concat(buffers);
      d.output.write(bytes);
      return bytes.length;
    }
    case "socket":
      return d.socket.send(buffers, (entry.flags & Fdflags.nonblock) !== 0);
    case "directory":
      throw new WasiError(Errno.EISDIR);
  }
}

function fileOf(entry: Descriptor): FileDescription {
  const d = entry.description;
  if (d.kind === "file") return d;
  if (d.kind === "directory") throw new WasiError(Errno.EISDIR);
  throw new WasiError(Errno.ESPIPE);
}

/** "." and "..", then the directory's entries: cookie n is the n-th of this list. */
function listing(entry: Descriptor, cookie: bigint): DirEntry[] {
  const d = entry.description;
  if (d.kind !== "directory") throw new WasiError(Errno.ENOTDIR);
  if (cookie === 0n || d.listing === null) {
    const self = d.fs.stat(d.path);
    // The parent of a preopened root is outside the sandbox: ".." shows the root itself.
    const parent = d.path.length > 0 ? d.fs.stat(d.path.slice(0, -1)) : self;
    d.listing = [
      { name: ".", filetype: Filetype.directory, ino: self.ino },
      { name: "..", filetype: Filetype.directory, ino: parent.ino },
      ...d.fs.readdir(d.path),
    ];
  }
  return d.listing;
}

function writeDirents(
  memory: GuestMemory,
  bufPtr: number,
  bufLength: number,
  entries: DirEntry[],
  cookie: bigint,
) {
  const buffer = memory.bytes(bufPtr, bufLength);
  let used = 0;
  for (let i = Number(cookie); i < entries.length && used < bufLength; i++) {
    const entry = entries[i]!;
    const name = encodeUtf8(entry.name);
    const record = new Uint8Array(Layout.direntHeader + name.length);
    const view = new DataView(record.buffer);
    view.setBigUint64(0, BigInt(i + 1), true);
    view.setBigUint64(8, entry.ino, true);
    view.setUint32(16, name.length, true);
    view.setUint8(20, entry.filetype);
    record.set(name, Layout.direntHeader);
    const count = Math.min(record.length, bufLength - used);
    buffer.set(record.subarray(0, count), used);
    used += count;
  }
  return used;
}

/** The fd_* calls. */
export function fdCalls(ctx: WasiContext) {
  const { fds } = ctx;
  return {
    fd_advise(fd: number, offset: bigint, length: bigint, advice: number): number {
      const entry = fds.get(fd, Rights.fdAdvise);
      if (advice >>> 0 > Advice.noreuse) return Errno.EINVAL;
      if (offset < 0n || length < 0n) return Errno.EINVAL;
      fileOf(entry);
      return Errno.SUCCESS;
    },

    fd_allocate(fd: number, offset: bigint, length: bigint): number {
      const file = fileOf(fds.get(fd, Rights.fdAllocate));
      if (length === 0n) return Errno.EINVAL;
      const end = toFileOffset(offset + length);
      if (end > Number(file.handle.stat().size)) file.handle.setSize(end);
      return Errno.SUCCESS;
    },

    fd_close(fd: number): number {
      closeDescription(fds.remove(fd).description);
      return Errno.SUCCESS;
    },

    fd_datasync(fd: number): number {
      const d = fds.get(fd, Rights.fdDatasync).description;
      if (d.kind === "file") d.handle.sync();
      else if (d.kind !== "directory") return Errno.EINVAL;
      return Errno.SUCCESS;
    },

    fd_sync(fd: number): number {
      const d = fds.get(fd, Rights.fdSync).description;
      if (d.kind === "file") d.handle.sync();
      else if (d.kind !== "directory") return Errno.EINVAL;
      return Errno.SUCCESS;
    },

    fd_fdstat_get(fd: number, statPtr: number): number {
      const memory = ctx.memory.sync();
      writeFdstat(memory, statPtr, fds.get(fd, 0));
      return Errno.SUCCESS;
    },

    fd_fdstat_set_flags(fd: number, flags: number): number {
      const entry = fds.get(fd, Rights.fdFdstatSetFlags);
      if ((flags & ~FDFLAGS_ALL) !== 0) return Errno.EINVAL;
      entry.flags = flags;
      return Errno.SUCCESS;
    },

    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): number {
      const entry = fds.get(fd, 0);
      const all = BigInt(RIGHTS_ALL);
      if ((base & ~BigInt(entry.rightsBase)) !== 0n) return Errno.ENOTCAPABLE;
      if ((inheriting & ~BigInt(entry.rightsInheriting)) !== 0n) return Errno.ENOTCAPABLE;
      entry.rightsBase = Number(base & all);
      entry.rightsInheriting = Number(inheriting & all);
      return Errno.SUCCESS;
    },

    fd_filestat_get(fd: number, statPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(statPtr, Layout.filestat);
      const entry = fds.get(fd, Rights.fdFilestatGet);
      const d = entry.description;
      const stat =
        d.kind === "file"
          ? d.handle.stat()
          : d.kind === "directory"
            ? d.fs.stat(d.path)
            : streamFilestat(entry.filetype);
      writeFilestat(memory, statPtr, stat);
      return Errno.SUCCESS;
    },

    fd_filestat_set_size(fd: number, size: bigint): number {
      const file = fileOf(fds.get(fd, Rights.fdFilestatSetSize));
      file.handle.setSize(toFileOffset(size));
      return Errno.SUCCESS;
    },

    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number {
      const d = fds.get(fd, Rights.fdFilestatSetTimes).description;
      const times = timesUpdate(ctx.clocks, atim, mtim, flags);
      if (d.kind === "file") d.handle.setTimes(times);
      else if (d.kind === "directory") d.fs.setTimes(d.path, times);
      else return Errno.EINVAL;
      return Errno.SUCCESS;
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nreadPtr: number): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPtr, 4);
      const file = fileOf(fds.get(fd, Rights.fdRead | Rights.fdSeek));
      memory.setU32(nreadPtr, readFile(file, buffers, toFileOffset(offset)));
      return Errno.SUCCESS;
    },

    fd_pwrite(fd: number, iovs: number, iovsLength: number, offset: bigint, nwrittenPtr: number): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nwrittenPtr, 4);
      const file = fileOf(fds.get(fd, Rights.fdWrite | Rights.fdSeek));
      memory.setU32(nwrittenPtr, writeFile(file, buffers, toFileOffset(offset)));
      return Errno.SUCCESS;
    },

    fd_read(fd: number, iovs: number, iovsLength: number, nreadPtr: number): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPtr, 4);
      const count = readDescriptor(fds.get(fd, Rights.fdRead), buffers);
      memory.sync().setU32(nreadPtr, count);
      return Errno.SUCCESS;
    },

    fd_write(fd: number, iovs: number, iovsLength: number, nwrittenPtr: number): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nwrittenPtr, 4);
      memory.setU32(nwrittenPtr, writeDescriptor(fds.get(fd, Rights.fdWrite), buffers));
      return Errno.SUCCESS;
    },

    fd_prestat_get(fd: number, prestatPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(prestatPtr, Layout.prestat);
      const d = fds.get(fd, 0).description;
      if (d.kind !== "directory" || d.preopenName === null) return Errno.EBADF;
      memory.setU32(prestatPtr, 0); // tag: dir, and padding
      memory.setU32(prestatPtr + 4, encodeUtf8(d.preopenName).length);
      return Errno.SUCCESS;
    },

    fd_prestat_dir_name(fd: number, pathPtr: number, pathLength: number): number {
      const memory = ctx.memory.sync();
      const target = memory.bytes(pathPtr, pathLength);
      const d = fds.get(fd, 0).description;
      if (d.kind !== "directory" || d.preopenName === null) return Errno.EBADF;
      const name = encodeUtf8(d.preopenName);
      if (pathLength >>> 0 < name.length) return Errno.ENAMETOOLONG;
      target.set(name);
      return Errno.SUCCESS;
    },

    fd_readdir(fd: number, bufPtr: number, bufLength: number, cookie: bigint, bufusedPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(bufPtr, bufLength >>> 0);
      memory.check(bufusedPtr, 4);
      const entries = listing(fds.get(fd, Rights.fdReaddir), cookie);
      const used =
        cookie >= BigInt(entries.length) ? 0 : writeDirents(memory, bufPtr, bufLength >>> 0, entries, cookie);
      memory.setU32(bufusedPtr, used);
      return Errno.SUCCESS;
    },

    fd_renumber(from: number, to: number): number {
      const replaced = fds.renumber(from, to);
      if (from >>> 0 !== to >>> 0) closeDescription(replaced.description);
      return Errno.SUCCESS;
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(newOffsetPtr, 8);
      // lseek(fd, 0, SEEK_CUR) is how libc asks for the position: the "tell" right suffices.
      const right = offset === 0n && whence === Whence.cur ? Rights.fdTell : Rights.fdSeek;
      const file = fileOf(fds.get(fd, right));
      let base: bigint;
      switch (whence) {
        case Whence.set:
          base = 0n;
          break;
        case Whence.cur:
          base = BigInt(file.position);
          break;
        case Whence.end:
          base = file.handle.stat().size;
          break;
        default:
          return Errno.EINVAL;
      }
      const target = base + offset;
      if (target < 0n) return Errno.EINVAL;
      file.position = toFileOffset(target);
      memory.setU64(newOffsetPtr, target);
      return Errno.SUCCESS;
    },

    fd_tell(fd: number, offsetPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(offsetPtr, 8);
      const file = fileOf(fds.get(fd, Rights.fdTell));
      memory.setU64(offsetPtr, BigInt(file.position));
      return Errno.SUCCESS;
    },
  };
}
