import { ExternalKind, type FuncType, LinkError, ValType } from "@microwasm/core";
import {
  compileModule,
  createRawHostFunction,
  ExecStack,
  type FunctionInstance,
  instantiateModule,
  invoke,
  type MemoryInstance,
  type Value,
} from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import { describe, expect, it } from "vitest";
import {
  bindNative,
  checkNativeLink,
  type NativeExecEnv,
  type NativeModuleInstance,
  NativeRegistry,
  type NativeSymbol,
  NativeSymbolError,
  parseSignature,
} from "../src/index.js";

/** A minimal embedder: links a module's function imports to registered natives, as the runtime does. */
class TestInstance implements NativeModuleInstance {
  memory: MemoryInstance | undefined;
  exception: string | null = null;
  memoryBytes(): Uint8Array | undefined {
    return this.memory?.u8;
  }
  setException(message: string | null): void {
    this.exception = message;
  }
  getException(): string | null {
    return this.exception;
  }
  moduleMalloc(): number {
    return 0;
  }
  moduleFree(): void {}
  moduleRealloc(): number {
    return 0;
  }
}

class Raised extends Error {}

async function link(registry: NativeRegistry, text: string) {
  const compiled = compileModule(validateModule(parseModule(await wat(text))));
  const inst = new TestInstance();
  const env: NativeExecEnv = { moduleInstance: inst, functionAttachment: undefined };
  const imports = compiled.module.imports.map((imp) => {
    if (imp.desc.kind !== ExternalKind.func) throw new Error("functions only");
    const type = compiled.module.types[imp.desc.typeIndex]!;
    const native = registry.resolve(imp.module, imp.name);
    if (native === undefined) throw new LinkError("unknown import", `${imp.module}.${imp.name}`);
    const call = bindNative(native, checkNativeLink(native, imp.module, imp.name, type));
    return createRawHostFunction(type, (stack, base) => {
      call(env, stack, base);
      if (inst.exception !== null) throw new Raised(inst.exception);
    });
  });
  const instance = instantiateModule(compiled, imports);
  inst.memory = instance.exports.get("memory") as MemoryInstance | undefined;
  const stack = new ExecStack({ slots: 4096 });
  const run = (name: string, ...args: Value[]) =>
    invoke(instance.exports.get(name) as FunctionInstance, args, stack);
  return { inst, env, run };
}

describe("signatures", () => {
  it("parse to one kind per wasm parameter and the wasm type they stand for", () => {
    const sig = parseSignature("(ii*~$IfFr)F");
    expect(sig.params).toEqual(["i", "i", "*", "~", "$", "I", "f", "F", "r"]);
    expect(sig.result).toBe("F");
    expect(sig.type).toEqual({
      params: [0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7e, 0x7d, 0x7c, 0x6f],
      results: [0x7c],
    } satisfies FuncType);
    expect(parseSignature("()").type).toEqual({ params: [], results: [] });
  });

  it("are checked at registration; an error names the module, the symbol and the problem", () => {
    const registry = new NativeRegistry();
    const fn = () => 0;
    for (const bad of ["(ii", "ii)i", "(~i)", "(i~)", "(x)", "(i)ii", "(i)*", "(i)$", "()~"]) {
      expect(() => registry.register("env", [{ name: "foo", fn, signature: bad }])).toThrow(
        /native symbol env\.foo: signature: a signature is/,
      );
    }
    expect(() => registry.register("env", [{ name: "", fn, signature: null }])).toThrow(NativeSymbolError);
    expect(() =>
      registry.register("env", [
        { name: "ok", fn, signature: "()" },
        { name: "bar", fn: 3, signature: "()" } as never,
      ]),
    ).toThrow(/env\.bar: fn: fn must be a function/);
    expect(() => registry.register("", [])).toThrow(/bad native module name/);
    expect(registry.resolve("env", "ok")).toBeUndefined(); // a rejected set registers nothing
  });
});

describe("registry", () => {
  it("resolves by module name, last set first, with WAMR's underscore fallback; unregisters by set", () => {
    const registry = new NativeRegistry();
    const first: NativeSymbol[] = [{ name: "f", fn: () => 1, signature: "()i" }];
    const second: NativeSymbol[] = [{ name: "f", fn: () => 2, signature: "()i" }];
    registry.register("env", first);
    registry.register("env", second);
    registry.register("other", [{ name: "g", fn: () => 3, signature: null }]);
    expect(registry.resolve("env", "f")?.symbol).toBe(second[0]);
    expect(registry.resolve("env", "_f")?.symbol).toBe(second[0]);
    expect(registry.resolve("env", "g")).toBeUndefined();
    expect(registry.resolve("other", "g")?.signature).toBeNull();
    expect(registry.unregister("env", second)).toBe(true);
    expect(registry.unregister("env", second)).toBe(false);
    expect(registry.resolve("env", "f")?.symbol).toBe(first[0]);
  });
});

describe("link-time checks", () => {
  const registry = new NativeRegistry();
  registry.register("env", [
    { name: "add", fn: (_e: unknown, a: number, b: number) => a + b, signature: "(ii)i" },
    { name: "any", fn: () => 0, signature: null },
  ]);
  const i32 = ValType.i32;

  it("accept matching types, and all-i32 types for a null signature", () => {
    expect(
      checkNativeLink(registry.resolve("env", "add")!, "env", "add", { params: [i32, i32], results: [i32] })
        .text,
    ).toBe("(ii)i");
    expect(
      checkNativeLink(registry.resolve("env", "any")!, "env", "any", { params: [i32], results: [] }).text,
    ).toBe("(i)");
  });

  it("reject a mismatch with a LinkError naming module, field, expected and actual types", () => {
    const check = () =>
      checkNativeLink(registry.resolve("env", "add")!, "env", "add", {
        params: [i32, ValType.i64],
        results: [i32],
      });
    expect(check).toThrow(LinkError);
    expect(check).toThrow(
      'incompatible import type: env.add: expected i32 i64->i32, but native "add" has signature "(ii)i", i.e. i32 i32->i32',
    );
    expect(() =>
      checkNativeLink(registry.resolve("env", "any")!, "env", "any", { params: [ValType.f64], results: [] }),
    ).toThrow(/env\.any: expected f64->, but native "any" has no signature \(all i32\)/);
  });
});

describe("marshalling through the interpreter", () => {
  const memoryModule = (body: string) => `(module
    (import "env" "fill" (func $fill (param i32 i32 i32)))
    (import "env" "greet" (func $greet (param i32) (result i32)))
    (import "env" "mix" (func $mix (param i32 i64 f32 f64) (result i64)))
    (import "env" "peek" (func $peek (param i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 100) "hello\\00")
    ${body})`;

  function natives(log: unknown[]): NativeSymbol[] {
    return [
      {
        name: "fill",
        signature: "(*~i)",
        fn: (_env, view: Uint8Array, length: number, byte: number) => {
          log.push([view.byteOffset, view.length, length]);
          view.fill(byte);
        },
      },
      {
        name: "greet",
        signature: "($)i",
        fn: (_env, s: string) => {
          log.push(s);
          return s.length;
        },
      },
      {
        name: "mix",
        signature: "(iIfF)I",
        attachment: "tag",
        fn: (env, a: number, b: bigint, c: number, d: number) => {
          log.push(env.functionAttachment);
          return BigInt(a) + b + BigInt(c * d);
        },
      },
      { name: "peek", signature: "(*)i", fn: (_env, view: Uint8Array) => view[0]! + view.length },
    ];
  }

  it("passes views, lengths, strings, i64/f32/f64, the attachment, and writes results", async () => {
    const log: unknown[] = [];
    const registry = new NativeRegistry();
    registry.register("env", natives(log));
    const { run } = await link(
      registry,
      memoryModule(`
      (func (export "fill") (call $fill (i32.const 10) (i32.const 4) (i32.const 7)))
      (func (export "sum") (result i32) (i32.add (i32.load8_u (i32.const 10)) (i32.load8_u (i32.const 13))))
      (func (export "greet") (result i32) (call $greet (i32.const 100)))
      (func (export "mix") (result i64) (call $mix (i32.const -1) (i64.const 0x100000000) (f32.const 1.5) (f64.const 4)))
      (func (export "peek") (param i32) (result i32) (call $peek (local.get 0)))`),
    );
    run("fill");
    expect(run("sum")).toEqual([14]);
    expect(run("greet")).toEqual([5]);
    expect(run("mix")).toEqual([0x100000005n]);
    expect(run("peek", 65535)).toEqual([1]);
    expect(log).toEqual([[10, 4, 4], "hello", "tag"]);
  });

  it("rejects a *~ buffer past the end of memory, an unterminated string and a 1-byte pointer past the end", async () => {
    const log: unknown[] = [];
    const registry = new NativeRegistry();
    registry.register("env", natives(log));
    const { run, inst } = await link(
      registry,
      memoryModule(`
      (func (export "fill") (param i32 i32) (call $fill (local.get 0) (local.get 1) (i32.const 1)))
      (func (export "greet") (param i32) (result i32) (call $greet (local.get 0)))
      (func (export "peek") (param i32) (result i32) (call $peek (local.get 0)))
      (func (export "unterminated") (i32.store8 (i32.const 65535) (i32.const 65)))`),
    );
    const attempts: [string, ...number[]][] = [
      ["fill", 65530, 7],
      ["fill", 1, -1],
      ["greet", 65536],
      ["peek", 65536],
      ["peek", -1],
    ];
    run("unterminated");
    attempts.push(["greet", 65535]);
    for (const [name, ...args] of attempts) {
      inst.exception = null;
      expect(() => run(name, ...args)).toThrow(Raised);
      expect(inst.exception).toBe("out of bounds memory access");
    }
    expect(log).toEqual([]); // no native ran
    inst.exception = null;
    run("fill", 65530, 6);
  });

  it("offers app offsets instead of views, and the raw convention's untouched cells", async () => {
    const registry = new NativeRegistry();
    registry.register("env", [
      {
        name: "where",
        signature: "(*$)i",
        pointers: "offset",
        fn: (_e, p: number, s: number) => p * 1000 + s,
      },
    ]);
    registry.registerRaw("env", [
      {
        name: "swap",
        signature: "(iI)I",
        fn: (_env, cells, base) => {
          const a = cells.i32[base]!;
          cells.i32[base] = cells.i32[base + 4]!;
          cells.i32[base + 1] = a;
        },
      },
    ]);
    const { run } = await link(
      registry,
      `(module (import "env" "where" (func $w (param i32 i32) (result i32)))
        (import "env" "swap" (func $s (param i32 i64) (result i64)))
        (memory (export "memory") 1)
        (func (export "where") (result i32) (call $w (i32.const 7) (i32.const 0)))
        (func (export "swap") (result i64) (call $s (i32.const 3) (i64.const 9))))`,
    );
    expect(run("where")).toEqual([7000]);
    expect(run("swap")).toEqual([(3n << 32n) | 9n]);
  });
});
