import { afterEach, describe, expect, it, vi } from "vitest";

// The fallbacks are what an engine without the web globals gets (QuickJS, Hermes): loaded here
// with the globals removed, and held to Node's own implementations.

async function loadWithout(...names: string[]) {
  for (const name of names) vi.stubGlobal(name, undefined);
  vi.resetModules();
  return import("../src/engine-globals.js");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const NodeEncoder = globalThis.TextEncoder;
const NodeDecoder = globalThis.TextDecoder;

describe("engine-globals", () => {
  it("are the engine's own where it has them", async () => {
    const globals = await import("../src/engine-globals.js");
    expect(globals.TextEncoder).toBe(NodeEncoder);
    expect(globals.performance).toBe(globalThis.performance);
  });

  it("encode UTF-8 as TextEncoder does, lone surrogates included", async () => {
    const { TextEncoder } = await loadWithout("TextEncoder", "TextDecoder");
    expect(TextEncoder).not.toBe(NodeEncoder);
    for (const text of ["", "abc", "é", "€ uro", "𝄞 clef", "\u{10ffff}", "a\ud800b", "\udc00", "x\ud83d"]) {
      expect([...new TextEncoder().encode(text)]).toEqual([...new NodeEncoder().encode(text)]);
      for (const room of [0, 1, 3, 5, 16]) {
        const ours = new Uint8Array(room);
        const node = new Uint8Array(room);
        expect(new TextEncoder().encodeInto(text, ours)).toEqual(new NodeEncoder().encodeInto(text, node));
        expect(ours).toEqual(node);
      }
    }
  });

  it("decode UTF-8 as TextDecoder does, fatal or replacing, with or without the BOM", async () => {
    const { TextDecoder } = await loadWithout("TextEncoder", "TextDecoder");
    const samples = [
      [0x68, 0x69],
      [0xef, 0xbb, 0xbf, 0x41],
      [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e],
      [0xc0, 0x80], // overlong
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xe2, 0x82], // truncated
      [0x80, 0x41, 0xff],
    ];
    for (const bytes of samples) {
      const input = new Uint8Array(bytes);
      for (const ignoreBOM of [false, true]) {
        expect(new TextDecoder("utf-8", { ignoreBOM }).decode(input)).toBe(
          new NodeDecoder("utf-8", { ignoreBOM }).decode(input),
        );
        const fatal = () => new NodeDecoder("utf-8", { fatal: true, ignoreBOM }).decode(input);
        let valid = true;
        try {
          fatal();
        } catch {
          valid = false;
        }
        const ours = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM }).decode(input);
        if (valid) expect(ours()).toBe(fatal());
        else expect(ours).toThrow(TypeError);
      }
    }
    const long = "é𝄞a".repeat(5000);
    expect(new TextDecoder().decode(new NodeEncoder().encode(long))).toBe(long);
    expect(() => new TextDecoder("latin1")).toThrow(RangeError);
    expect(new TextDecoder().decode(new Uint8Array([0x61, 0x62, 0x63]).subarray(1))).toBe("bc");
  });

  it("count performance time from Date.now, and refuse to make up random bytes", async () => {
    const { performance, crypto } = await loadWithout("performance", "crypto");
    expect(performance).not.toBe(globalThis.performance);
    expect(performance.timeOrigin).toBeLessThanOrEqual(Date.now());
    expect(performance.now()).toBeGreaterThanOrEqual(0);
    expect(() => crypto.getRandomValues(new Uint8Array(4))).toThrow(/randomFill/);
  });
});
