import { writeSync } from "node:fs";

/**
 * Writes `text` to standard output at once, outside Node's stream (for loops that never yield
 * to the event loop, where a stream's errors would never be seen). Returns false when the
 * reader has gone (EPIPE): the caller stops writing.
 */
export function writeStdoutSync(text: string): boolean {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return false;
      if (code !== "EAGAIN") throw error;
    }
  }
  return true;
}
