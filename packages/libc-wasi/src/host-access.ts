import type { FileSystem } from "./filesystem.js";
import type { InputStream, OutputStream, TerminalInfo } from "./streams.js";

/**
 * How a `WASI` reaches the host for the numbers (descriptors) and strings (directories) in its
 * options. The Node entry's `WASI` (`@microwasm/libc-wasi`) has one; the portable entry's
 * (`@microwasm/libc-wasi/portable`, for workers and browsers) has none and imports nothing
 * from Node.
 */
export interface HostAccess {
  input(fd: number): InputStream & TerminalInfo;
  output(fd: number): OutputStream & TerminalInfo;
  directory(path: string): FileSystem;
}
