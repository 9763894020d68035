import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AttrContainer, type AttrTypeName, type ConversionMode } from "../src/index.js";

// Replays random scripts of sets on WAMR's own attr_container.c (and JSON through host_tool's
// json2attr/attr2json) built natively with clang, and on AttrContainer, and compares the bytes
// and every getter. WAMR's sources are not in this repository: point MICROWASM_WAMR_AF_DIR at a
// checkout of bytecodealliance/wamr-app-framework to run it.
const afDir = process.env.MICROWASM_WAMR_AF_DIR ?? "";
const sources = {
  attr: join(afDir, "app-framework/app-native-shared/attr_container.c"),
  shared: join(afDir, "app-framework/app-native-shared"),
  hostTool: join(afDir, "test-tools/host-tool/src"),
  cjson: join(afDir, "test-tools/host-tool/external/cJSON"),
};
const clang = spawnSync("clang", ["--version"]).status === 0;
const available = afDir !== "" && existsSync(sources.attr) && clang;
if (!available) {
  console.warn(
    "wamr-differential skipped: set MICROWASM_WAMR_AF_DIR to a wamr-app-framework checkout (and install clang)",
  );
}

const hex = (b: ArrayLike<number>) => Array.from(b, (v) => v.toString(16).padStart(2, "0")).join("");

describe.skipIf(!available)("against WAMR's attr_container.c", () => {
  const work = available ? mkdtempSync(join(tmpdir(), "attr-differential-")) : "";
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const built = new Map<ConversionMode, string>();
  const build = (mode: ConversionMode): string => {
    const out = join(work, mode);
    if (built.has(mode)) return out;
    built.set(mode, out);
    const here = join(import.meta.dirname, "wamr-differential");
    const result = spawnSync("clang", [
      "-O1",
      "-w",
      ...(mode === "native" ? ["-DWAMR_NATIVE_MEMCPY"] : []),
      "-DWITH_HOST_TOOL",
      `-I${here}`,
      `-I${sources.shared}`,
      `-I${sources.hostTool}`,
      `-I${sources.cjson}`,
      "-o",
      out,
      join(here, "attr-driver.c"),
      sources.attr,
      join(sources.hostTool, "host_tool_utils.c"),
      join(sources.cjson, "cJSON.c"),
      "-lm",
    ]);
    if (result.status !== 0) throw new Error(`clang failed: ${result.stderr}`);
    return out;
  };
  const run = (binary: string, script: string): string[] =>
    spawnSync(binary, { input: script }).stdout.toString().trim().split("\n");

  it.each(["app", "native"] as const)(
    "gives the same bytes and getter results (%s build, 200 scripts)",
    (mode) => {
      const binary = build(mode);
      const random = xorshift(mode === "app" ? 1 : 2);
      const pick = <T>(items: readonly T[]): T => items[random() % items.length]!;
      const keys = ["a", "bb", "key3", "k", "a_longer_key_name", "z"];
      const types: AttrTypeName[] = [
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
      ];
      types.push("float", "double", "bool", "string", "bytearray");
      // All scripts in one run of the driver: each starts with its own create.
      const script: string[] = [];
      const actual: string[] = [];
      for (let round = 0; round < 200; round++) {
        const tag = pick(["", "t", "Applets_Info"]);
        const ours = new AttrContainer(tag);
        script.push(`create ${tag || "-"}`);
        for (let i = 1 + (random() % 25); i > 0; i--) {
          const key = pick(keys);
          const type = pick(types);
          const [value, bytes] = randomValue(type, random);
          ours.set(key, value, type);
          script.push(`set ${type} ${key} ${bytes.length ? hex(bytes) : "-"}`);
        }
        script.push("dump", ...[...keys, "missing"].map((k) => `get ${k}`));
        actual.push(
          `bytes ${hex(ours.toBytes())}`,
          ...[...keys, "missing"].map((k) => getters(ours, k, mode)),
        );
      }
      const expected = run(binary, `${script.join("\n")}\n`).map(nanTagged);
      // A float or double NaN read as a JS number loses its payload: compare NaN-ness there.
      const comparable = (line: string) => line.replace(/\bnan:\w+/g, "nan");
      expect(actual.length).toBe(200 * 8);
      for (let i = 0; i < actual.length; i++) {
        expect(comparable(actual[i]!), `line ${i}`).toBe(comparable(expected[i]!));
      }
    },
  );

  it.each([
    { a: 1.5, s: "x", b: true, arr: [1, -1, 128, 255, 256, -129, 2.9, 1e10, "x", 3], n: null, o: { q: 1 } },
    { e: "", "": 5, big: 2 ** 53 + 2, tiny: 5e-324, u: "hé中" },
    {
      b: ["x", 1],
      k: "a string longer than the hundred bytes of slack, so that json2attr has to grow the container",
    },
    { a: [], b: 1 },
    [1, 2],
  ])("converts JSON as host_tool does: %j", (json) => {
    const [bytes, back] = run(build("app"), `json ${JSON.stringify(json)}`);
    let ours: AttrContainer;
    try {
      ours = AttrContainer.fromJSON(json);
    } catch {
      expect(bytes).toBe("json2attr failed");
      return;
    }
    expect(`bytes ${hex(ours.toBytes())}`).toBe(bytes);
    // cJSON prints numbers with 15 significant digits (17 when 15 do not read back, in newer
    // cJSON versions); compare at 15
    expect(JSON.parse(back!.slice(5), to15Digits)).toEqual(JSON.parse(JSON.stringify(ours), to15Digits));
  });
});

/** A random value for `type` and its bytes as the C driver takes them (little-endian). */
function randomValue(type: AttrTypeName, random: () => number): [AttrValueLike, Uint8Array] {
  const raw = new Uint8Array(8);
  for (let i = 0; i < 8; i++) raw[i] = random() & 0xff;
  const view = new DataView(raw.buffer);
  switch (type) {
    case "int8":
      return [view.getInt8(0), raw.subarray(0, 1)];
    case "uint8":
      return [view.getUint8(0), raw.subarray(0, 1)];
    case "int16":
      return [view.getInt16(0, true), raw.subarray(0, 2)];
    case "uint16":
      return [view.getUint16(0, true), raw.subarray(0, 2)];
    case "int32":
      return [view.getInt32(0, true), raw.subarray(0, 4)];
    case "uint32":
      return [view.getUint32(0, true), raw.subarray(0, 4)];
    case "int64":
      return [view.getBigInt64(0, true), raw];
    case "uint64":
      return [view.getBigUint64(0, true), raw];
    case "float": {
      const f = [0, 1.5, -2.25, 1e-3, 3e38, Number.POSITIVE_INFINITY][random() % 6]!;
      view.setFloat32(0, f, true);
      return [f, raw.subarray(0, 4)];
    }
    case "double": {
      const d = [0, 1.5, -2.25, 1e-3, 1e300, -0][random() % 6]!;
      view.setFloat64(0, d, true);
      return [d, raw];
    }
    case "bool":
      raw[0] = random() & 1;
      return [raw[0] === 1, raw.subarray(0, 1)];
    default: {
      const length = [0, 1, 3, 7, 40, 90, 150][random() % 7]!;
      const bytes = Uint8Array.from({ length }, () => 0x20 + (random() % 0x5f));
      return [type === "string" ? String.fromCharCode(...bytes) : bytes, bytes];
    }
  }
}
type AttrValueLike = number | bigint | boolean | string | Uint8Array;

/** Our getters' results in the driver's format; missing keys give 0 and no bytes, as in C. */
function getters(c: AttrContainer, key: string, mode: ConversionMode): string {
  const b = new DataView(new ArrayBuffer(8));
  const bits = (size: number, write: (v: DataView) => void) => {
    b.setBigUint64(0, 0n);
    write(b);
    return hex(new Uint8Array(b.buffer, 0, size));
  };
  const f = c.getFloat(key, mode) ?? 0;
  const d = c.getDouble(key, mode) ?? 0;
  return [
    `get ${key}`,
    bits(1, (v) => v.setInt8(0, c.getInt8(key, mode) ?? 0)),
    bits(1, (v) => v.setUint8(0, c.getUint8(key, mode) ?? 0)),
    bits(2, (v) => v.setInt16(0, c.getInt16(key, mode) ?? 0, true)),
    bits(2, (v) => v.setUint16(0, c.getUint16(key, mode) ?? 0, true)),
    bits(4, (v) => v.setInt32(0, c.getInt32(key, mode) ?? 0, true)),
    bits(4, (v) => v.setUint32(0, c.getUint32(key, mode) ?? 0, true)),
    bits(8, (v) => v.setBigInt64(0, c.getInt64(key, mode) ?? 0n, true)),
    bits(8, (v) => v.setBigUint64(0, c.getUint64(key, mode) ?? 0n, true)),
    Number.isNaN(f) ? "nan:f" : bits(4, (v) => v.setFloat32(0, f, true)),
    Number.isNaN(d) ? "nan:d" : bits(8, (v) => v.setFloat64(0, d, true)),
    hex(c.getByteArray(key) ?? []),
  ]
    .join(" ")
    .trimEnd();
}

/** Marks the C driver's float and double fields that hold NaNs. */
function nanTagged(line: string): string {
  const fields = line.trimEnd().split(" ");
  if (fields[0] !== "get") return line.trimEnd();
  const f = new DataView(Uint8Array.from(Buffer.from(fields[10]!, "hex")).buffer).getFloat32(0, true);
  const d = new DataView(Uint8Array.from(Buffer.from(fields[11]!, "hex")).buffer).getFloat64(0, true);
  if (Number.isNaN(f)) fields[10] = "nan:f";
  if (Number.isNaN(d)) fields[11] = "nan:d";
  return fields.join(" ");
}

function to15Digits(_key: string, value: unknown): unknown {
  return typeof value === "number" ? Number(value.toPrecision(15)) : value;
}

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}
