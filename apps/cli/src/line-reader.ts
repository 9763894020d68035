import { readSync } from "node:fs";

/**
 * Reads stdin line by line, synchronously: the REPL runs guest code synchronously, and a
 * guest reading stdin through WASI reads the same descriptor.
 */
export class LineReader {
  private pending = "";
  private readonly chunk = new Uint8Array(4096);
  private readonly decoder = new TextDecoder();
  private ended = false;

  constructor(private readonly fd = 0) {}

  /** The next line without its newline, or null at end of input. */
  next(): string | null {
    for (;;) {
      const newline = this.pending.indexOf("\n");
      if (newline >= 0) {
        const line = this.pending.slice(0, newline);
        this.pending = this.pending.slice(newline + 1);
        return line;
      }
      if (this.ended) {
        if (this.pending === "") return null;
        const line = this.pending;
        this.pending = "";
        return line;
      }
      let count: number;
      try {
        count = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "EAGAIN") continue;
        if (code === "EOF") count = 0;
        else throw error;
      }
      if (count === 0) this.ended = true;
      else this.pending += this.decoder.decode(this.chunk.subarray(0, count), { stream: true });
    }
  }
}
