import { describe, expect, it } from "vitest";
import { formatPrintf, OutOfBoundsAccess, WasmVaList } from "../src/index.js";
import { latin1Bytes, layOutCase, printfCases } from "./printf-cases.js";

describe("formatPrintf against C's printf", () => {
  it.each(printfCases.map((c) => [c.format, c] as const))("%s", (_name, c) => {
    const memory = new Uint8Array(4096);
    const { format, vaList } = layOutCase(memory, 16, c);
    const formatBytes = memory.subarray(format, memory.indexOf(0, format));
    const out = formatPrintf(formatBytes, new WasmVaList(memory, vaList));
    expect(out).toBe(c.output);
    expect(out.length).toBe(c.returns);
  });
});

describe("the wasm32 va_list", () => {
  it("aligns 8-byte arguments and stops at the end of memory", () => {
    const memory = new Uint8Array(24);
    const view = new DataView(memory.buffer);
    view.setInt32(0, 7, true);
    view.setFloat64(8, 2.5, true);
    const args = new WasmVaList(memory, 0);
    expect(args.int32()).toBe(7);
    expect(args.float64()).toBe(2.5); // skipped 4 bytes of padding
    expect(args.int32()).toBe(0);
    expect(() => args.int64()).toThrow(OutOfBoundsAccess);
  });

  it("reads %s only inside memory, and only up to the precision", () => {
    // 16 bytes of memory: "abc" without a NUL at 13..15, the va_list (one pointer) at 0.
    const memory = new Uint8Array(16);
    memory.set(latin1Bytes("abc"), 13);
    const view = new DataView(memory.buffer);
    const fmt = (f: string, ptr: number) => {
      view.setInt32(0, ptr, true);
      return formatPrintf(latin1Bytes(f), new WasmVaList(memory, 0));
    };
    expect(fmt("%.3s", 13)).toBe("abc");
    expect(fmt("%.2s", 13)).toBe("ab");
    expect(() => fmt("%.4s", 13)).toThrow(OutOfBoundsAccess);
    expect(() => fmt("%s", 13)).toThrow(OutOfBoundsAccess);
    expect(() => fmt("%s", 17)).toThrow(OutOfBoundsAccess);
    expect(fmt("%s", 4)).toBe(""); // a NUL right there
  });

  it("copies unknown conversions and a trailing % as written", () => {
    expect(formatPrintf(latin1Bytes("a%yb%"), new WasmVaList(new Uint8Array(0), 0))).toBe("a%yb%");
  });
});
