import { WasmException } from "@microwasm/runtime";
import { describe, expect, it } from "vitest";
import { startLibcApp } from "./libc-app.js";
import { layOutCase, printfCases } from "./printf-cases.js";

describe("printf family through a wasm app", () => {
  it("printf reads the va_list the app built in its memory", async () => {
    const app = await startLibcApp();
    // The same call, compiled natively: printf("%s has %d legs and weighs %.2f kg (%lld)\n", "spider", 8, 0.125, 1LL << 40)
    const expected = "spider has 8 legs and weighs 0.12 kg (1099511627776)\n";
    expect(app.call("hello")).toBe(expected.length);
    expect(app.stdout()).toBe(expected);
  });

  it("vsnprintf, sprintf and printf match C's output for the reference table", async () => {
    const app = await startLibcApp();
    for (const c of printfCases) {
      const { format, vaList } = layOutCase(app.memory(), 4096, c);
      expect(app.call("vsnprintf", 32768, 1024, format, vaList), c.format).toBe(c.returns);
      expect(app.get(32768), c.format).toBe(c.output);
      expect(app.call("sprintf", 40000, format, vaList)).toBe(c.returns);
      expect(app.get(40000)).toBe(c.output);
      expect(app.call("printf", format, vaList)).toBe(c.returns);
      expect(app.stdout()).toBe(c.output);
    }
  });

  it("snprintf truncates like C: size-1 bytes and a NUL, returning the full length", async () => {
    const app = await startLibcApp();
    const fmt = app.put(100, "%d-%s");
    const mem = new DataView(app.memory().buffer);
    const word = app.put(200, "abcdef");
    mem.setInt32(300, 12345, true);
    mem.setInt32(304, word, true);
    app.memory().fill(0x7e, 400, 420);
    expect(app.call("snprintf", 400, 5, fmt, 300)).toBe(12);
    expect(app.get(400)).toBe("1234");
    expect(app.memory()[405]).toBe(0x7e); // nothing past size
    expect(app.call("snprintf", 400, 0, fmt, 300)).toBe(12);
    expect(app.get(400)).toBe("1234");
  });

  it("rejects a va_list or output past the end of memory with WAMR's exception", async () => {
    const app = await startLibcApp();
    const fmt = app.put(100, "%d %d");
    expect(() => app.call("printf", fmt, app.memory().length - 4)).toThrow(
      new WasmException("Exception: out of bounds memory access"),
    );
    const long = app.put(200, "%s%s%s%s");
    const mem = new DataView(app.memory().buffer);
    const text = app.put(300, "x".repeat(200));
    for (let k = 0; k < 4; k++) mem.setInt32(600 + k * 4, text, true);
    const end = app.memory().length;
    expect(() => app.call("sprintf", end - 100, long, 600)).toThrow(/out of bounds memory access/);
    expect(() => app.call("vsnprintf", end - 10, 11, long, 600)).toThrow(/out of bounds memory access/);
    expect(app.stdout()).toBe("");
  });

  it("puts and putchar write bytes", async () => {
    const app = await startLibcApp();
    expect(app.call("puts", app.put(100, "line"))).toBe(5);
    expect(app.call("putchar", 0x141)).toBe(0x41);
    expect(app.stdout()).toBe("line\nA");
  });
});

describe("string and memory functions", () => {
  it("compare, search, measure and copy like C", async () => {
    const app = await startLibcApp();
    const hello = app.put(100, "Hello, world");
    const help = app.put(200, "Help");
    expect(app.call("strlen", hello)).toBe(12);
    expect(Math.sign(app.call("strcmp", hello, help))).toBe(Math.sign("l".charCodeAt(0) - "p".charCodeAt(0)));
    expect(app.call("strcmp", hello, hello)).toBe(0);
    expect(app.call("strncmp", hello, help, 3)).toBe(0);
    expect(app.call("strncasecmp", app.put(300, "HELLO"), hello, 5)).toBe(0);
    expect(app.call("memcmp", hello, help, 3)).toBe(0);
    expect(app.call("memcmp", hello, help, 4)).toBe("l".charCodeAt(0) - "p".charCodeAt(0));
    expect(app.call("strchr", hello, "o".charCodeAt(0))).toBe(hello + 4);
    expect(app.call("strchr", hello, 0)).toBe(hello + 12);
    expect(app.call("strchr", hello, "z".charCodeAt(0))).toBe(0);
    expect(app.call("strstr", hello, app.put(400, "world"))).toBe(hello + 7);
    expect(app.call("strstr", hello, app.put(400, "word"))).toBe(0);
    expect(app.call("strspn", hello, app.put(400, "leH"))).toBe(4);
    expect(app.call("strcspn", hello, app.put(400, ", "))).toBe(5);
    expect(app.call("memchr", hello, ",".charCodeAt(0), 12)).toBe(hello + 5);
    expect(app.call("memchr", hello, ",".charCodeAt(0), 5)).toBe(0);
    expect(app.call("strcpy", 500, hello)).toBe(500);
    expect(app.get(500)).toBe("Hello, world");
    app.memory().fill(0x7e, 600, 620);
    expect(app.call("strncpy", 600, help, 8)).toBe(600);
    expect([...app.memory().subarray(600, 609)]).toEqual([72, 101, 108, 112, 0, 0, 0, 0, 0x7e]);
    expect(app.call("memcpy", 700, hello, 5)).toBe(700);
    expect(app.call("memmove", 702, 700, 5)).toBe(702);
    expect(String.fromCharCode(...app.memory().subarray(700, 707))).toBe("HeHello");
    expect(app.call("memset", 800, 0x141, 3)).toBe(800);
    expect(app.get(800).slice(0, 3)).toBe("AAA");
  });

  it("bounds-check destinations whose length the signature cannot see", async () => {
    const app = await startLibcApp();
    const end = app.memory().length;
    const src = app.put(100, "abcdef");
    expect(() => app.call("memcpy", end - 2, src, 6)).toThrow(/out of bounds memory access/);
    expect(() => app.call("strcpy", end - 3, src)).toThrow(/out of bounds memory access/);
    expect(() => app.call("memset", end - 1, 0, 2)).toThrow(/out of bounds memory access/);
    expect(() => app.call("strlen", end - 1 + 0 * app.put(end - 1, ""))).not.toThrow();
    app.memory()[end - 1] = 0x41;
    expect(() => app.call("strlen", end - 1)).toThrow(/out of bounds memory access/); // no NUL before the end
    expect(() => app.call("memcmp", end - 2, src, 4)).toThrow(/out of bounds memory access/);
  });

  it("parse numbers like C with a 32-bit long, and classify characters in the C locale", async () => {
    const app = await startLibcApp();
    const mem = new DataView(app.memory().buffer);
    const cases: [string, number, number, number][] = [
      // text, base, value, characters used
      ["  -42xyz", 10, -42, 5],
      ["0x1fG", 16, 31, 4],
      ["0x1f", 0, 31, 4],
      ["0755", 0, 493, 4],
      ["zz", 36, 1295, 2],
      ["99999999999", 10, 2147483647, 11],
      ["-99999999999", 10, -2147483648, 12],
      ["+", 10, 0, 0],
      ["12", 1, 0, 0],
    ];
    for (const [text, base, value, used] of cases) {
      const s = app.put(100, text);
      expect(app.call("strtol", s, 200, base), text).toBe(value);
      expect(mem.getUint32(200, true) - s, text).toBe(used);
    }
    expect(app.call("strtoul", app.put(100, "4294967295"), 0, 10) >>> 0).toBe(4294967295);
    expect(app.call("strtoul", app.put(100, "4294967296"), 0, 10) >>> 0).toBe(4294967295);
    expect(app.call("strtoul", app.put(100, "-1"), 0, 10) >>> 0).toBe(4294967295);
    expect(app.call("atoi", app.put(100, " \t+123abc"))).toBe(123);
    expect([..."a Z9\t"].map((c) => app.call("isalpha", c.charCodeAt(0)))).toEqual([1, 0, 1, 0, 0]);
    expect([..."a Z9\t"].map((c) => app.call("isspace", c.charCodeAt(0)))).toEqual([0, 1, 0, 0, 1]);
    expect(app.call("isxdigit", "F".charCodeAt(0))).toBe(1);
    expect(app.call("isalpha", -1)).toBe(0);
    expect(app.call("toupper", "q".charCodeAt(0))).toBe("Q".charCodeAt(0));
    expect(app.call("tolower", "Q".charCodeAt(0))).toBe("q".charCodeAt(0));
    expect(app.call("toupper", 300)).toBe(300);
  });
});

describe("malloc and friends on the app heap", () => {
  it("malloc, calloc, realloc, strdup and free use the heap the runtime appended", async () => {
    const app = await startLibcApp(16 * 1024);
    const heap = app.instance.appHeap!;
    const p = app.call("malloc", 100);
    expect(p).toBeGreaterThanOrEqual(heap.start);
    expect(p % 8).toBe(0);
    app.memory().fill(0x55, p, p + 100);
    const q = app.call("calloc", 10, 10);
    expect([...app.memory().subarray(q, q + 100)].every((b) => b === 0)).toBe(true);
    const r = app.call("realloc", p, 4000);
    expect(app.memory()[r + 99]).toBe(0x55);
    const d = app.call("strdup", app.put(100, "copy me"));
    expect(app.get(d)).toBe("copy me");
    expect(app.call("malloc", 1 << 20)).toBe(0); // larger than the heap: NULL, no exception
    expect(app.call("calloc", 0x10000, 0x10000)).toBe(0);
    for (const ptr of [r, q, d]) app.call("free", ptr);
    expect(heap.stats().used).toBe(0);
    expect(app.instance.getException()).toBeNull();
  });

  it("a heap overflow is caught when the app frees: the app gets an exception, the host goes on", async () => {
    const app = await startLibcApp();
    const a = app.call("malloc", 16);
    app.call("malloc", 16);
    app.call("memset", a, 0x41, 40); // past the block, over the next header
    expect(() => app.call("free", a)).toThrow(new WasmException("Exception: app heap corrupted"));
    expect(app.instance.appHeap!.corrupted).toBe(true);
    expect(() => app.call("malloc", 8)).toThrow(/app heap corrupted/);
    expect(app.call("strlen", app.put(100, "host fine"))).toBe(9);
  });
});

describe("process and time", () => {
  it("exit and abort end the call with WAMR's exceptions", async () => {
    const app = await startLibcApp();
    expect(() => app.call("exit", 3)).toThrow(new WasmException("Exception: env.exit(3)"));
    expect(() => app.call("abort", -1)).toThrow(new WasmException("Exception: env.abort(-1)"));
    expect(app.call("strlen", app.put(100, "still fine"))).toBe(10);
  });

  it("clock_gettime fills a wasm32 timespec; clock counts nanoseconds", async () => {
    const app = await startLibcApp();
    const mem = new DataView(app.memory().buffer);
    expect(app.call("clock_gettime", 0, 256)).toBe(0);
    const seconds = Number(mem.getBigInt64(256, true));
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
    expect(mem.getInt32(264, true)).toBeLessThan(1e9);
    const t1 = app.instance.call("c.clock")[0] as bigint;
    const t2 = app.instance.call("c.clock")[0] as bigint;
    expect(t2 >= t1).toBe(true);
    expect(() => app.call("clock_gettime", 0, app.memory().length - 8)).toThrow(/out of bounds/);
  });
});
