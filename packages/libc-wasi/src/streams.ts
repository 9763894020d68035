/** Where a guest's stdin reads from: `read` blocks until data is there; 0 means end of input. */
export interface InputStream {
  read(into: Uint8Array): number;
}

/** Where a guest's stdout or stderr goes: `write` takes all of `from` (or throws). */
export interface OutputStream {
  write(from: Uint8Array): void;
}

/** What a stream is: decides the fd's type and rights, hence the guest's fstat() and isatty(). */
export interface TerminalInfo {
  readonly isTerminal?: boolean;
  /** The `Filetype` the guest sees (default: character device). */
  readonly filetype?: number;
}

/** Input from a fixed buffer (tests, workers). */
export function bufferInput(contents: string | Uint8Array): InputStream {
  const bytes = typeof contents === "string" ? new TextEncoder().encode(contents) : contents;
  let offset = 0;
  return {
    read(into) {
      const count = Math.min(into.length, bytes.length - offset);
      into.set(bytes.subarray(offset, offset + count));
      offset += count;
      return count;
    },
  };
}

/** Output collected in memory; `text()` decodes it as UTF-8. */
export class CollectedOutput implements OutputStream {
  private readonly chunks: Uint8Array[] = [];
  write(from: Uint8Array): void {
    this.chunks.push(from.slice());
  }
  bytes(): Uint8Array {
    const total = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
  text(): string {
    return new TextDecoder().decode(this.bytes());
  }
}
