import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** How big a case's work is: "quick" for the test's smoke run, "full" for timings. */
export type CaseSize = "quick" | "full";

/**
 * One library, driven only through its published JS API, so its own glue decides how it
 * compiles and instantiates its wasm (with whatever `WebAssembly` the global holds).
 */
export interface LibraryCase {
  readonly name: string;
  /** The npm package and what it is. */
  readonly library: string;
  /** Loads the library and its wasm; returns the work, which returns a checksum of its output. */
  prepare(size: CaseSize): Promise<() => Promise<string>>;
}

/** Deterministic bytes that compress somewhat (a text-like mix, not one repeated byte). */
function sampleBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    // Letters mostly, from a skewed distribution, with a space every so often.
    bytes[i] = (state >>> 27) % 7 === 0 ? 32 : 97 + (((state >>> 16) & 0xff) % 23);
  }
  return bytes;
}

function checksum(bytes: ArrayLike<number>): string {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum = (Math.imul(sum, 31) + bytes[i]!) >>> 0;
  return `${bytes.length}:${sum.toString(16)}`;
}

const sized = (size: CaseSize, quick: number, full: number) => (size === "quick" ? quick : full);

export const cases: readonly LibraryCase[] = [
  {
    name: "sha256",
    library: "hash-wasm (hand-written C compiled with clang: SHA-256)",
    async prepare(size) {
      const { createSHA256 } = await import("hash-wasm");
      const data = sampleBytes(sized(size, 1 << 14, 1 << 20));
      const hasher = await createSHA256();
      return async () => hasher.init().update(data).digest("hex");
    },
  },
  {
    name: "xxhash64",
    library: "hash-wasm (xxHash64, 64-bit multiply and rotate)",
    async prepare(size) {
      const { createXXHash64 } = await import("hash-wasm");
      const data = sampleBytes(sized(size, 1 << 14, 1 << 22));
      const hasher = await createXXHash64();
      return async () => hasher.init().update(data).digest("hex");
    },
  },
  {
    name: "sqlite",
    library: "sql.js (SQLite by emscripten)",
    async prepare(size) {
      const initSqlJs = require("sql.js") as (config?: object) => Promise<SqlJsStatic>;
      const SQL = await initSqlJs();
      const rows = sized(size, 100, 3000);
      return async () => {
        const db = new SQL.Database();
        db.run("create table t(id integer primary key, name text, score real)");
        db.run("begin");
        const insert = db.prepare("insert into t(name, score) values (?, ?)");
        for (let i = 0; i < rows; i++) insert.run([`name${(i * 7919) % rows}`, (i * 37) % 101]);
        insert.free();
        db.run("commit");
        db.run("create index t_name on t(name)");
        const result = db.exec(
          "select count(*), sum(score), min(name), max(name), (select count(*) from t a join t b on a.id = b.id + 1 where a.score > b.score) from t",
        );
        db.close();
        return JSON.stringify(result[0]?.values);
      };
    },
  },
  {
    name: "zstd",
    library: "@bokuweb/zstd-wasm (Zstandard by emscripten: compress and decompress)",
    async prepare(size) {
      const zstd = await import("@bokuweb/zstd-wasm");
      await zstd.init();
      const data = sampleBytes(sized(size, 1 << 14, 1 << 20));
      return async () => {
        const packed = zstd.compress(data, 3);
        return `${packed.length}/${checksum(zstd.decompress(packed))}`;
      };
    },
  },
  {
    name: "brotli",
    library: "brotli-wasm (Brotli in Rust by wasm-bindgen: compress and decompress)",
    async prepare(size) {
      const brotli = require("brotli-wasm") as {
        compress(data: Uint8Array, options?: { quality?: number }): Uint8Array;
        decompress(data: Uint8Array): Uint8Array;
      };
      const data = sampleBytes(sized(size, 1 << 12, 1 << 18));
      return async () => {
        const packed = brotli.compress(data, { quality: 5 });
        return `${packed.length}/${checksum(brotli.decompress(packed))}`;
      };
    },
  },
  {
    name: "png",
    library: "@jsquash/png (Squoosh's PNG codec in Rust by wasm-bindgen: encode and decode)",
    async prepare(size) {
      // The codec's decoder builds an `ImageData`, a browser class; a plain one does here.
      const g = globalThis as { ImageData?: unknown };
      g.ImageData ??= class ImageData {
        constructor(
          readonly data: Uint8ClampedArray,
          readonly width: number,
          readonly height: number,
        ) {}
      };
      // The codec's types speak of DOM classes this project's TypeScript does not load.
      const encoder = (await import("@jsquash/png/encode.js")) as unknown as PngCodec<"encode">;
      const decoder = (await import("@jsquash/png/decode.js")) as unknown as PngCodec<"decode">;
      const wasmPath = require.resolve("@jsquash/png/codec/pkg/squoosh_png_bg.wasm");
      const api = (globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<unknown> } })
        .WebAssembly;
      const module = await api.compile(readFileSync(wasmPath));
      await encoder.init(module);
      await decoder.init(module);
      const side = sized(size, 32, 384);
      const pixels = new Uint8ClampedArray(side * side * 4).map(
        (_, i) => ((i >> 2) * 7 + (i & 3) * 50) & 255,
      );
      return async () => {
        const png = await encoder.default({ data: pixels, width: side, height: side });
        const image = await decoder.default(png);
        return `${png.byteLength}/${checksum(image.data)}`;
      };
    },
  },
];

interface SqlJsStatic {
  Database: new () => {
    run(sql: string): void;
    prepare(sql: string): { run(values: unknown[]): void; free(): void };
    exec(sql: string): { values: unknown[][] }[];
    close(): void;
  };
}

interface Image {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

type PngCodec<K extends "encode" | "decode"> = {
  init(module: unknown): Promise<unknown>;
  default: K extends "encode" ? (image: Image) => Promise<ArrayBuffer> : (png: ArrayBuffer) => Promise<Image>;
};
