/**
 * The pluggable filesystem behind a preopened directory. Paths are arrays of components
 * relative to the filesystem's root, already resolved by the WASI layer (`resolve-path.ts`):
 * no component is "", "." or "..", and no component before the last is a symbolic link. A
 * backend therefore never follows a symbolic link itself, except as `readlink` reports it.
 * Failures are thrown as `WasiError` (or Node system errors, mapped by their code).
 */
export type Path = readonly string[];

export interface Filestat {
  readonly dev: bigint;
  readonly ino: bigint;
  /** A `Filetype` value. */
  readonly filetype: number;
  readonly nlink: bigint;
  readonly size: bigint;
  /** Times in nanoseconds since the epoch. */
  readonly atim: bigint;
  readonly mtim: bigint;
  readonly ctim: bigint;
}

export interface DirEntry {
  readonly name: string;
  readonly filetype: number;
  readonly ino: bigint;
}

export interface OpenFileOptions {
  readonly read: boolean;
  readonly write: boolean;
  /** Create the file when it does not exist. */
  readonly create: boolean;
  /** With `create`: fail with EEXIST when it exists. */
  readonly exclusive: boolean;
  readonly truncate: boolean;
}

/** Times to set, in nanoseconds; `null` leaves that time unchanged. */
export interface TimesUpdate {
  readonly atim: bigint | null;
  readonly mtim: bigint | null;
}

/** An open regular file. Reads and writes are positional: the WASI layer keeps the offset. */
export interface FileHandle {
  /** Reads into `into` from `position`; returns the byte count (0 at end of file). */
  pread(into: Uint8Array, position: number): number;
  /** Writes `from` at `position`; returns the byte count. */
  pwrite(from: Uint8Array, position: number): number;
  stat(): Filestat;
  setSize(size: number): void;
  setTimes(times: TimesUpdate): void;
  sync(): void;
  close(): void;
}

export interface FileSystem {
  /** Status of the entry itself (a final symbolic link is not followed). ENOENT when absent. */
  stat(path: Path): Filestat;
  /** The target of a symbolic link; EINVAL when the entry is not one. */
  readlink(path: Path): string;
  /** Opens (and maybe creates) a regular file. EISDIR for a directory. */
  openFile(path: Path, options: OpenFileOptions): FileHandle;
  /** The entries of a directory, without "." and "..". */
  readdir(path: Path): DirEntry[];
  mkdir(path: Path): void;
  rmdir(path: Path): void;
  unlink(path: Path): void;
  /** POSIX rename semantics (replaces a file, or an empty directory with a directory). */
  rename(from: Path, to: Path): void;
  link(from: Path, to: Path): void;
  symlink(target: string, path: Path): void;
  setTimes(path: Path, times: TimesUpdate): void;
}
