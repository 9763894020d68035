import { type FuncType, type GlobalType, PREFIX_FC_BASE, ValType } from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";

/** What the translation of one body needs to know about its module. */
export interface ModuleShape {
  readonly types: readonly FuncType[];
  /** Type of every function, imports first. */
  readonly funcTypes: readonly FuncType[];
  readonly importedFunctions: number;
  readonly globals: readonly GlobalType[];
  /** Per function index: whether it is compiled (its entry `F[i]` takes its arguments directly). */
  readonly compiled: (funcIndex: number) => boolean;
}

interface Label {
  readonly kind: "block" | "loop" | "if" | "func";
  readonly name: string;
  /** Height of the operand stack below the construct's parameters. */
  readonly base: number;
  readonly params: number;
  readonly results: number;
  /** For an `if` with parameters and an `else`: the variables that keep the parameters for it. */
  readonly saved: string[];
  /** Fuel a back-edge spends: the loop body's instruction count. */
  readonly weight: number;
}

const s = (h: number): string => `s${h}`;

/** A JS literal for a number, exact (`String` round-trips doubles); NaN is never passed. */
function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return "-0";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return String(value);
}

const wordsBuffer = new ArrayBuffer(8);
const wordsI32 = new Int32Array(wordsBuffer);
const wordsF32 = new Float32Array(wordsBuffer);
const wordsF64 = new Float64Array(wordsBuffer);
const wordsI64 = new BigInt64Array(wordsBuffer);

/** Names of the helpers generated code calls (`H` in `instance-env.ts`), declared once per factory. */
const helperNames = [
  "trap",
  "oob",
  "uninitialized",
  "stackExhausted",
  "callCells",
  "indirect",
  "f32FromBits",
  "f32NaN",
  "f32Bits",
  "f64FromWords",
  "f64FromBits",
  "f64Bits",
  "copysign",
  "i32DivS",
  "i32DivU",
  "i32RemS",
  "i32RemU",
  "i32Ctz",
  "i32Popcnt",
  "i64DivS",
  "i64DivU",
  "i64RemS",
  "i64RemU",
  "i64Rotl",
  "i64Rotr",
  "i64Clz",
  "i64Ctz",
  "i64Popcnt",
  "i32TruncS",
  "i32TruncU",
  "i64TruncS",
  "i64TruncU",
  "i32TruncSatS",
  "i32TruncSatU",
  "i64TruncSatS",
  "i64TruncSatU",
  "f32ConvertI64S",
  "f32ConvertI64U",
  "f64ConvertI64U",
  "nearest",
  "ceil",
  "floor",
  "trunc",
  "min",
  "max",
  "memoryInit",
  "memoryCopy",
  "memoryFill",
  "tableInit",
  "tableCopy",
  "tableFill",
  "readArgument",
  "writeResult",
  "fixError",
] as const;
export type HelperName = (typeof helperNames)[number];

/**
 * The source of a factory `(I, H) => [entry, raw]` for one validated body: `entry(S, d, ...args)`
 * is the compiled function (S the ExecStack, d the call depth; it returns its result, or an
 * array of them when there are several), `raw(stack, base)` its entry from cells.
 *
 * Operand stack values and locals are JS variables (`s<height>`, `l<index>`); blocks become
 * labelled statements, branches `break`/`continue`. i32 values are int32 numbers, i64 BigInts
 * in the signed range, f32/f64 numbers (see float-bits.ts for NaNs), references as in the store.
 */
export function functionSource(fn: ValidatedFunction, shape: ModuleShape): string {
  return new FunctionTranslator(fn, shape).translate();
}

class FunctionTranslator {
  private readonly out: string[] = [];
  private readonly consts: string[] = [];
  private readonly labels: Label[] = [];
  private usesMemory = false;
  private tmp = 0;

  constructor(
    private readonly fn: ValidatedFunction,
    private readonly shape: ModuleShape,
  ) {}

  translate(): string {
    const { fn } = this;
    const { code, heights, matchingEnd } = fn;
    const ops = code.ops;
    const params = fn.type.params.length;
    this.labels.push({
      kind: "func",
      name: "",
      base: 0,
      params: 0,
      results: fn.type.results.length,
      saved: [],
      weight: 0,
    });
    const body: string[] = this.out;
    for (let n = 0; n < code.count; n++) {
      const at = code.starts[n]!;
      const op = ops[at]!;
      const h = heights[n]!;
      if (h < 0) {
        // Unreachable code: a construct that opens here is skipped whole; `else`/`end` close ours.
        if (op === 0x02 || op === 0x03 || op === 0x04) {
          n = matchingEnd[n]!;
          continue;
        }
        if (op !== 0x05 && op !== 0x0b) continue;
      }
      this.instruction(n, at, op, h, ops);
    }
    const locals = fn.locals;
    const decls: string[] = [];
    for (let i = params; i < locals.length; i++) decls.push(`l${i} = ${zeroOf(locals[i]!)}`);
    for (let h = 0; h < fn.maxHeight; h++) decls.push(`${s(h)} = 0`);
    const args = fn.type.params.map((_, i) => `l${i}`);
    const head = [
      `const {${helperNames.join(", ")}} = H;`,
      "const F = I.F, FN = I.functions, G = I.globals, T = I.tables, M = I.memory, TY = I.typeIds;",
      ...this.consts,
    ];
    const prologue = ["if (d >= S.maxDepth) throw stackExhausted();", "if (--S.fuel <= 0) S.refuel();"];
    if (decls.length > 0) prologue.push(`let ${decls.join(", ")};`);
    if (this.usesMemory) prologue.push("let DV = M.view, MS = M.byteLength;");
    const entry = `function f${fn.funcIndex}(${["S", "d", ...args].join(", ")}) {\n${prologue.join("\n")}\n${body.join("\n")}\n}`;
    return `${head.join("\n")}\nconst entry = ${entry};\nreturn [entry, ${this.rawEntry()}];`;
  }

  /** The entry from cells: reads the arguments, calls `entry`, writes the results. */
  private rawEntry(): string {
    const { params, results } = this.fn.type;
    const reads = params.map((type, i) => `readArgument(stack, base + ${i * 4}, ${type})`);
    const lines = [
      "(stack, base) => {",
      "let r;",
      `try { r = entry(stack, stack.depth, ${reads.join(", ")}); } catch (e) { throw fixError(e); }`,
    ];
    if (results.length === 1) lines.push(`writeResult(stack, base, ${results[0]}, r);`);
    else
      for (let i = 0; i < results.length; i++)
        lines.push(`writeResult(stack, base + ${i * 4}, ${results[i]}, r[${i}]);`);
    lines.push("}");
    return lines.join("\n");
  }

  private emit(line: string): void {
    this.out.push(line);
  }

  private constant(expr: string): string {
    const name = `K${this.consts.length}`;
    this.consts.push(`const ${name} = ${expr};`);
    return name;
  }

  private blockArity(blockType: number): [number, number] {
    if (blockType === -64) return [0, 0];
    if (blockType < 0) return [0, 1];
    const type = this.shape.types[blockType]!;
    return [type.params.length, type.results.length];
  }

  /** Moves `count` values from the top of a stack of height `h` to start at `target`. */
  private moveValues(h: number, count: number, target: number): string {
    const moves: string[] = [];
    for (let i = 0; i < count; i++)
      if (h - count + i !== target + i) moves.push(`${s(target + i)} = ${s(h - count + i)};`);
    return moves.join(" ");
  }

  /** A branch to the label `depth` levels out, from a stack of height `h`. */
  private branch(depth: number, h: number): string {
    const label = this.labels[this.labels.length - 1 - depth]!;
    if (label.kind === "func") return this.returnFrom(h);
    if (label.kind === "loop") {
      return `${this.moveValues(h, label.params, label.base)} if ((S.fuel -= ${label.weight}) <= 0) S.refuel(); continue ${label.name};`;
    }
    return `${this.moveValues(h, label.results, label.base)} break ${label.name};`;
  }

  private returnFrom(h: number): string {
    const n = this.fn.type.results.length;
    if (n === 0) return "return;";
    if (n === 1) return `return ${s(h - 1)};`;
    const values: string[] = [];
    for (let i = 0; i < n; i++) values.push(s(h - n + i));
    return `return [${values.join(", ")}];`;
  }

  /** A call's argument list and where its results go, the callee's arguments on top of height `h`. */
  private callWith(type: FuncType, h: number, callee: string): void {
    const p = type.params.length;
    const args: string[] = [];
    for (let i = 0; i < p; i++) args.push(s(h - p + i));
    const call = callee.replace("ARGS", ["S", "d + 1", ...args].join(", "));
    const r = type.results.length;
    if (r === 0) this.emit(`${call};`);
    else if (r === 1) this.emit(`${s(h - p)} = ${call};`);
    else {
      const t = `r${this.tmp++}`;
      const moves = type.results.map((_, i) => `${s(h - p + i)} = ${t}[${i}];`);
      this.emit(`{ const ${t} = ${call}; ${moves.join(" ")} }`);
    }
    if (this.usesMemoryAfterCalls()) this.emit("DV = M.view; MS = M.byteLength;");
  }

  /** A body that touches memory refreshes its views after every call (the callee may grow it). */
  private usesMemoryAfterCalls(): boolean {
    return this.bodyTouchesMemory();
  }

  private touches: boolean | undefined;
  private bodyTouchesMemory(): boolean {
    if (this.touches === undefined) {
      const { ops, starts, count } = this.fn.code;
      let found = false;
      for (let n = 0; n < count && !found; n++) {
        const op = ops[starts[n]!]!;
        found = (op >= 0x28 && op <= 0x40) || op === 0x108 || op === 0x10a || op === 0x10b;
      }
      this.touches = found;
      if (found) this.usesMemory = true;
    }
    return this.touches;
  }

  /** A bounds-checked effective address: `e` for an access of `size` bytes at `base + offset`. */
  private address(addr: string, offset: number, size: number): string {
    this.bodyTouchesMemory();
    const e = `e${this.tmp++}`;
    const sum = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset >>> 0}`;
    this.emit(`const ${e} = ${sum}; let ${e}f = 0; if (${e} > MS - ${size}) throw oob();`);
    return e;
  }

  private load(h: number, at: number, ops: Int32Array, size: number, read: (e: string) => string): void {
    this.emit("{");
    const e = this.address(s(h - 1), ops[at + 3]!, size);
    this.emit(`${s(h - 1)} = ${read(e)}; }`);
  }

  private store(
    h: number,
    at: number,
    ops: Int32Array,
    size: number,
    write: (e: string, v: string) => string,
  ): void {
    this.emit("{");
    const e = this.address(s(h - 2), ops[at + 3]!, size);
    this.emit(`${write(e, s(h - 1))}; }`);
  }

  private unary(h: number, expr: (x: string) => string): true {
    this.emit(`${s(h - 1)} = ${expr(s(h - 1))};`);
    return true;
  }

  private binary(h: number, expr: (x: string, y: string) => string): true {
    this.emit(`${s(h - 2)} = ${expr(s(h - 2), s(h - 1))};`);
    return true;
  }

  private globalRef(index: number): string {
    return `G[${index}]`;
  }

  private instruction(n: number, at: number, op: number, h: number, ops: Int32Array): void {
    const fn = this.fn;
    switch (op) {
      case 0x00:
        this.emit('throw trap("unreachable");');
        return;
      case 0x01:
        return;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: {
        // if
        const [params, results] = this.blockArity(ops[at + 1]!);
        const name = `L${n}`;
        const base = h - params - (op === 0x04 ? 1 : 0);
        const saved: string[] = [];
        if (op === 0x04 && params > 0 && fn.matchingElse[n]! >= 0) {
          for (let i = 0; i < params; i++) saved.push(`p${n}_${i}`);
          this.emit(`const ${saved.map((v, i) => `${v} = ${s(base + i)}`).join(", ")};`);
        }
        const weight = op === 0x03 ? Math.max(1, fn.matchingEnd[n]! - n) : 0;
        const kind = op === 0x02 ? "block" : op === 0x03 ? "loop" : "if";
        this.labels.push({ kind, name, base, params, results, saved, weight });
        if (op === 0x02) this.emit(`${name}: {`);
        else if (op === 0x03) this.emit(`${name}: for (;;) {`);
        else this.emit(`${name}: if (${s(h - 1)} !== 0) {`);
        return;
      }
      case 0x05: {
        // else
        const label = this.labels[this.labels.length - 1]!;
        this.emit("} else {");
        for (let i = 0; i < label.saved.length; i++) this.emit(`${s(label.base + i)} = ${label.saved[i]};`);
        return;
      }
      case 0x0b: {
        // end
        const label = this.labels.pop()!;
        if (label.kind === "func") {
          if (h >= 0) this.emit(this.returnFrom(h));
          return;
        }
        if (label.kind === "loop" && h >= 0) this.emit(`break ${label.name};`);
        this.emit("}");
        return;
      }
      case 0x0c:
        this.emit(this.branch(ops[at + 1]!, h));
        return;
      case 0x0d:
        this.emit(`if (${s(h - 1)} !== 0) { ${this.branch(ops[at + 1]!, h - 1)} }`);
        return;
      case 0x0e: {
        // br_table
        const count = ops[at + 1]!;
        const lines = [`switch (${s(h - 1)}) {`];
        const byTarget = new Map<number, number[]>();
        for (let i = 0; i < count; i++) {
          const depth = ops[at + 2 + i]!;
          const list = byTarget.get(depth) ?? [];
          list.push(i);
          byTarget.set(depth, list);
        }
        const fallback = ops[at + 2 + count]!;
        for (const [depth, cases] of byTarget) {
          if (depth === fallback) continue;
          lines.push(`${cases.map((c) => `case ${c}:`).join(" ")} { ${this.branch(depth, h - 1)} }`);
        }
        lines.push(`default: { ${this.branch(fallback, h - 1)} }`, "}");
        this.emit(lines.join("\n"));
        return;
      }
      case 0x0f:
        this.emit(this.returnFrom(h));
        return;
      case 0x10: {
        // call
        const index = ops[at + 1]!;
        const type = this.shape.funcTypes[index]!;
        if (index >= this.shape.importedFunctions && this.shape.compiled(index)) {
          this.callWith(type, h, `F[${index}](ARGS)`);
        } else {
          this.callVia(type, h, `FN[${index}]`);
        }
        return;
      }
      case 0x11: {
        // call_indirect
        const type = this.shape.types[ops[at + 1]!]!;
        const typeId = this.constant(`TY[${ops[at + 1]!}]`);
        const f = `c${this.tmp++}`;
        this.emit(`const ${f} = indirect(T[${ops[at + 2]!}].elements, ${s(h - 1)}, ${typeId});`);
        this.callVia(type, h - 1, f);
        return;
      }
      case 0x1a: // drop
        return;
      case 0x1b: // select
      case 0x1c:
        this.emit(`${s(h - 3)} = ${s(h - 1)} !== 0 ? ${s(h - 3)} : ${s(h - 2)};`);
        return;
      case 0x20:
        this.emit(`${s(h)} = l${ops[at + 1]!};`);
        return;
      case 0x21:
      case 0x22:
        this.emit(`l${ops[at + 1]!} = ${s(h - 1)};`);
        return;
      case 0x23: {
        const index = ops[at + 1]!;
        this.emit(`${s(h)} = ${this.readGlobal(index)};`);
        return;
      }
      case 0x24: {
        const index = ops[at + 1]!;
        this.emit(`${this.writeGlobal(index, s(h - 1))};`);
        return;
      }
      case 0x25: {
        // table.get
        const t = `T[${ops[at + 1]!}].elements`;
        this.emit(
          `{ const i = ${s(h - 1)} >>> 0; if (i >= ${t}.length) throw trap("tableOutOfBounds"); ${s(h - 1)} = ${t}[i]; }`,
        );
        return;
      }
      case 0x26: {
        // table.set
        const t = `T[${ops[at + 1]!}].elements`;
        this.emit(
          `{ const i = ${s(h - 2)} >>> 0; if (i >= ${t}.length) throw trap("tableOutOfBounds"); ${t}[i] = ${s(h - 1)}; }`,
        );
        return;
      }
      case 0x28:
        this.load(h, at, ops, 4, (e) => `DV.getInt32(${e}, true)`);
        return;
      case 0x29:
        this.load(h, at, ops, 8, (e) => `DV.getBigInt64(${e}, true)`);
        return;
      case 0x2a:
        // A NaN is read again as bits: widening the float would quiet it.
        this.load(
          h,
          at,
          ops,
          4,
          (e) => `(${e}f = DV.getFloat32(${e}, true)) === ${e}f ? ${e}f : f32NaN(DV.getInt32(${e}, true))`,
        );
        return;
      case 0x2b:
        this.load(h, at, ops, 8, (e) => `DV.getFloat64(${e}, true)`);
        return;
      case 0x2c:
        this.load(h, at, ops, 1, (e) => `DV.getInt8(${e})`);
        return;
      case 0x2d:
        this.load(h, at, ops, 1, (e) => `DV.getUint8(${e})`);
        return;
      case 0x2e:
        this.load(h, at, ops, 2, (e) => `DV.getInt16(${e}, true)`);
        return;
      case 0x2f:
        this.load(h, at, ops, 2, (e) => `DV.getUint16(${e}, true)`);
        return;
      case 0x30:
        this.load(h, at, ops, 1, (e) => `BigInt(DV.getInt8(${e}))`);
        return;
      case 0x31:
        this.load(h, at, ops, 1, (e) => `BigInt(DV.getUint8(${e}))`);
        return;
      case 0x32:
        this.load(h, at, ops, 2, (e) => `BigInt(DV.getInt16(${e}, true))`);
        return;
      case 0x33:
        this.load(h, at, ops, 2, (e) => `BigInt(DV.getUint16(${e}, true))`);
        return;
      case 0x34:
        this.load(h, at, ops, 4, (e) => `BigInt(DV.getInt32(${e}, true))`);
        return;
      case 0x35:
        this.load(h, at, ops, 4, (e) => `BigInt(DV.getUint32(${e}, true))`);
        return;
      case 0x36:
        this.store(h, at, ops, 4, (e, v) => `DV.setInt32(${e}, ${v}, true)`);
        return;
      case 0x37:
        this.store(h, at, ops, 8, (e, v) => `DV.setBigInt64(${e}, ${v}, true)`);
        return;
      case 0x38:
        this.store(
          h,
          at,
          ops,
          4,
          (e, v) =>
            `${v} === ${v} ? DV.setFloat32(${e}, ${v}, true) : DV.setInt32(${e}, f32Bits(${v}), true)`,
        );
        return;
      case 0x39:
        this.store(h, at, ops, 8, (e, v) => `DV.setFloat64(${e}, ${v}, true)`);
        return;
      case 0x3a:
        this.store(h, at, ops, 1, (e, v) => `DV.setInt8(${e}, ${v})`);
        return;
      case 0x3b:
        this.store(h, at, ops, 2, (e, v) => `DV.setInt16(${e}, ${v}, true)`);
        return;
      case 0x3c:
        this.store(h, at, ops, 1, (e, v) => `DV.setInt8(${e}, Number(BigInt.asIntN(8, ${v})))`);
        return;
      case 0x3d:
        this.store(h, at, ops, 2, (e, v) => `DV.setInt16(${e}, Number(BigInt.asIntN(16, ${v})), true)`);
        return;
      case 0x3e:
        this.store(h, at, ops, 4, (e, v) => `DV.setInt32(${e}, Number(BigInt.asIntN(32, ${v})), true)`);
        return;
      case 0x3f:
        this.bodyTouchesMemory();
        this.emit(`${s(h)} = MS / 65536;`);
        return;
      case 0x40:
        this.bodyTouchesMemory();
        this.emit(`${s(h - 1)} = M.grow(${s(h - 1)} >>> 0); DV = M.view; MS = M.byteLength;`);
        return;
      case 0x41:
        this.emit(`${s(h)} = ${ops[at + 1]!};`);
        return;
      case 0x42: {
        wordsI32[0] = ops[at + 1]!;
        wordsI32[1] = ops[at + 2]!;
        const v = wordsI64[0]!;
        this.emit(`${s(h)} = ${v < 0n ? `(${v}n)` : `${v}n`};`);
        return;
      }
      case 0x43: {
        wordsI32[0] = ops[at + 1]!;
        const v = wordsF32[0]!;
        this.emit(
          `${s(h)} = ${!Number.isNaN(v) ? numberLiteral(v) : this.constant(`f32NaN(${ops[at + 1]!})`)};`,
        );
        return;
      }
      case 0x44: {
        wordsI32[0] = ops[at + 1]!;
        wordsI32[1] = ops[at + 2]!;
        const v = wordsF64[0]!;
        const expr = !Number.isNaN(v)
          ? numberLiteral(v)
          : this.constant(`f64FromWords(${ops[at + 1]!}, ${ops[at + 2]!})`);
        this.emit(`${s(h)} = ${expr};`);
        return;
      }
      case 0xd0:
        this.emit(`${s(h)} = null;`);
        return;
      case 0xd1:
        this.unary(h, (x) => `${x} === null ? 1 : 0`);
        return;
      case 0xd2:
        this.emit(`${s(h)} = FN[${ops[at + 1]!}];`);
        return;
      default:
        this.numeric(op, h, at, ops);
    }
  }

  /** Calls a store function through its tier entry when it has one, else through cells. */
  private callVia(type: FuncType, h: number, fn: string): void {
    const f = `g${this.tmp++}`;
    const p = type.params.length;
    const args: string[] = [];
    for (let i = 0; i < p; i++) args.push(s(h - p + i));
    this.emit(`const ${f} = ${fn};`);
    this.callWith(
      type,
      h,
      `(${f}.tierEntry !== null ? ${f}.tierEntry(ARGS) : callCells(S, d + 1, ${f}, [${args.join(", ")}]))`,
    );
  }

  private readGlobal(index: number): string {
    const type = this.shape.globals[index]!.type;
    const g = this.globalRef(index);
    switch (type) {
      case ValType.i32:
        return `${g}.i32[0]`;
      case ValType.i64:
        return `${g}.i64[0]`;
      case ValType.f32:
        return `f32FromBits(${g}.i32[0])`;
      case ValType.f64:
        return `${g}.f64[0]`;
      default:
        return `${g}.refs[0]`;
    }
  }

  private writeGlobal(index: number, value: string): string {
    const type = this.shape.globals[index]!.type;
    const g = this.globalRef(index);
    switch (type) {
      case ValType.i32:
        return `${g}.i32[0] = ${value}`;
      case ValType.i64:
        return `${g}.i64[0] = ${value}`;
      case ValType.f32:
        return `${g}.i32[0] = f32Bits(${value})`;
      case ValType.f64:
        return `${g}.f64[0] = ${value}`;
      default:
        return `${g}.refs[0] = ${value}`;
    }
  }

  /** Numeric and bulk instructions; returns whether it handled `op` (they all are). */
  private numeric(op: number, h: number, at: number, ops: Int32Array): boolean {
    const u = (expr: (x: string) => string) => this.unary(h, expr);
    const b = (expr: (x: string, y: string) => string) => this.binary(h, expr);
    const call1 = (name: string) => u((x) => `${name}(${x})`);
    const call2 = (name: string) => b((x, y) => `${name}(${x}, ${y})`);
    const fr = (expr: (x: string, y: string) => string) => b((x, y) => `Math.fround(${expr(x, y)})`);
    const cmp = (o: string) => b((x, y) => `${x} ${o} ${y} ? 1 : 0`);
    const cmpU = (o: string) => b((x, y) => `${x} >>> 0 ${o} ${y} >>> 0 ? 1 : 0`);
    const cmpU64 = (o: string) =>
      b((x, y) => `BigInt.asUintN(64, ${x}) ${o} BigInt.asUintN(64, ${y}) ? 1 : 0`);
    const wrap64 = (o: string) => b((x, y) => `BigInt.asIntN(64, ${x} ${o} ${y})`);
    switch (op) {
      case 0x45:
        return u((x) => `${x} === 0 ? 1 : 0`);
      case 0x46:
        return cmp("===");
      case 0x47:
        return cmp("!==");
      case 0x48:
        return cmp("<");
      case 0x49:
        return cmpU("<");
      case 0x4a:
        return cmp(">");
      case 0x4b:
        return cmpU(">");
      case 0x4c:
        return cmp("<=");
      case 0x4d:
        return cmpU("<=");
      case 0x4e:
        return cmp(">=");
      case 0x4f:
        return cmpU(">=");
      case 0x50:
        return u((x) => `${x} === 0n ? 1 : 0`);
      case 0x51:
        return cmp("===");
      case 0x52:
        return cmp("!==");
      case 0x53:
        return cmp("<");
      case 0x54:
        return cmpU64("<");
      case 0x55:
        return cmp(">");
      case 0x56:
        return cmpU64(">");
      case 0x57:
        return cmp("<=");
      case 0x58:
        return cmpU64("<=");
      case 0x59:
        return cmp(">=");
      case 0x5a:
        return cmpU64(">=");
      case 0x5b:
      case 0x61:
        return cmp("===");
      case 0x5c:
      case 0x62:
        return cmp("!==");
      case 0x5d:
      case 0x63:
        return cmp("<");
      case 0x5e:
      case 0x64:
        return cmp(">");
      case 0x5f:
      case 0x65:
        return cmp("<=");
      case 0x60:
      case 0x66:
        return cmp(">=");
      case 0x67:
        return call1("Math.clz32");
      case 0x68:
        return call1("i32Ctz");
      case 0x69:
        return call1("i32Popcnt");
      case 0x6a:
        return b((x, y) => `(${x} + ${y}) | 0`);
      case 0x6b:
        return b((x, y) => `(${x} - ${y}) | 0`);
      case 0x6c:
        return b((x, y) => `Math.imul(${x}, ${y})`);
      case 0x6d:
        return call2("i32DivS");
      case 0x6e:
        return call2("i32DivU");
      case 0x6f:
        return call2("i32RemS");
      case 0x70:
        return call2("i32RemU");
      case 0x71:
        return b((x, y) => `${x} & ${y}`);
      case 0x72:
        return b((x, y) => `${x} | ${y}`);
      case 0x73:
        return b((x, y) => `${x} ^ ${y}`);
      case 0x74:
        return b((x, y) => `${x} << ${y}`);
      case 0x75:
        return b((x, y) => `${x} >> ${y}`);
      case 0x76:
        return b((x, y) => `(${x} >>> ${y}) | 0`);
      case 0x77:
        return b((x, y) => `(${x} << ${y}) | (${x} >>> (32 - ${y}))`);
      case 0x78:
        return b((x, y) => `(${x} >>> ${y}) | (${x} << (32 - ${y}))`);
      case 0x79:
        return call1("i64Clz");
      case 0x7a:
        return call1("i64Ctz");
      case 0x7b:
        return call1("i64Popcnt");
      case 0x7c:
        return wrap64("+");
      case 0x7d:
        return wrap64("-");
      case 0x7e:
        return wrap64("*");
      case 0x7f:
        return call2("i64DivS");
      case 0x80:
        return call2("i64DivU");
      case 0x81:
        return call2("i64RemS");
      case 0x82:
        return call2("i64RemU");
      case 0x83:
        return b((x, y) => `${x} & ${y}`);
      case 0x84:
        return b((x, y) => `${x} | ${y}`);
      case 0x85:
        return b((x, y) => `${x} ^ ${y}`);
      case 0x86:
        return b((x, y) => `BigInt.asIntN(64, ${x} << (${y} & 63n))`);
      case 0x87:
        return b((x, y) => `${x} >> (${y} & 63n)`);
      case 0x88:
        return b((x, y) => `BigInt.asIntN(64, BigInt.asUintN(64, ${x}) >> (${y} & 63n))`);
      case 0x89:
        return call2("i64Rotl");
      case 0x8a:
        return call2("i64Rotr");
      // f32 and f64 unary: abs, neg, ceil, floor, trunc, nearest, sqrt
      case 0x8b:
      case 0x99:
        return u((x) => `Math.abs(${x})`);
      case 0x8c:
      case 0x9a:
        return u((x) => `-${x}`);
      case 0x8d:
        return u((x) => `Math.fround(ceil(${x}))`);
      case 0x8e:
        return u((x) => `Math.fround(floor(${x}))`);
      case 0x8f:
        return u((x) => `Math.fround(trunc(${x}))`);
      case 0x90:
        return u((x) => `Math.fround(nearest(${x}))`);
      case 0x91:
        return u((x) => `Math.fround(Math.sqrt(${x}))`);
      case 0x92:
        return fr((x, y) => `${x} + ${y}`);
      case 0x93:
        return fr((x, y) => `${x} - ${y}`);
      case 0x94:
        return fr((x, y) => `${x} * ${y}`);
      case 0x95:
        return fr((x, y) => `${x} / ${y}`);
      case 0x96:
        return fr((x, y) => `min(${x}, ${y})`);
      case 0x97:
        return fr((x, y) => `max(${x}, ${y})`);
      case 0x98:
      case 0xa6:
        return call2("copysign");
      case 0x9b:
        return call1("ceil");
      case 0x9c:
        return call1("floor");
      case 0x9d:
        return call1("trunc");
      case 0x9e:
        return call1("nearest");
      case 0x9f:
        return u((x) => `Math.sqrt(${x})`);
      case 0xa0:
        return b((x, y) => `${x} + ${y}`);
      case 0xa1:
        return b((x, y) => `${x} - ${y}`);
      case 0xa2:
        return b((x, y) => `${x} * ${y}`);
      case 0xa3:
        return b((x, y) => `${x} / ${y}`);
      case 0xa4:
        return call2("min");
      case 0xa5:
        return call2("max");
      case 0xa7:
        return u((x) => `Number(BigInt.asIntN(32, ${x}))`);
      case 0xa8:
      case 0xaa:
        return call1("i32TruncS");
      case 0xa9:
      case 0xab:
        return call1("i32TruncU");
      case 0xac:
        return u((x) => `BigInt(${x})`);
      case 0xad:
        return u((x) => `BigInt(${x} >>> 0)`);
      case 0xae:
      case 0xb0:
        return call1("i64TruncS");
      case 0xaf:
      case 0xb1:
        return call1("i64TruncU");
      case 0xb2:
        return u((x) => `Math.fround(${x})`);
      case 0xb3:
        return u((x) => `Math.fround(${x} >>> 0)`);
      case 0xb4:
        return call1("f32ConvertI64S");
      case 0xb5:
        return call1("f32ConvertI64U");
      case 0xb6:
        return u((x) => `Math.fround(${x})`);
      case 0xb7: // f64.convert_i32_s: an i32 is already that number
        return true;
      case 0xb8:
        return u((x) => `${x} >>> 0`);
      case 0xb9:
        return u((x) => `Number(${x})`);
      case 0xba:
        return call1("f64ConvertI64U");
      case 0xbb: // f64.promote_f32: an encoded f32 NaN is already a quiet f64 NaN
        return true;
      case 0xbc:
        return call1("f32Bits");
      case 0xbd:
        return call1("f64Bits");
      case 0xbe:
        return call1("f32FromBits");
      case 0xbf:
        return call1("f64FromBits");
      case 0xc0:
        return u((x) => `(${x} << 24) >> 24`);
      case 0xc1:
        return u((x) => `(${x} << 16) >> 16`);
      case 0xc2:
        return u((x) => `BigInt.asIntN(8, ${x})`);
      case 0xc3:
        return u((x) => `BigInt.asIntN(16, ${x})`);
      case 0xc4:
        return u((x) => `BigInt.asIntN(32, ${x})`);
      case PREFIX_FC_BASE + 0:
      case PREFIX_FC_BASE + 2:
        return call1("i32TruncSatS");
      case PREFIX_FC_BASE + 1:
      case PREFIX_FC_BASE + 3:
        return call1("i32TruncSatU");
      case PREFIX_FC_BASE + 4:
      case PREFIX_FC_BASE + 6:
        return call1("i64TruncSatS");
      case PREFIX_FC_BASE + 5:
      case PREFIX_FC_BASE + 7:
        return call1("i64TruncSatU");
      case PREFIX_FC_BASE + 8: // memory.init
        this.bodyTouchesMemory();
        this.emit(`memoryInit(I, ${ops[at + 1]!}, M, ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`);
        return true;
      case PREFIX_FC_BASE + 9: // data.drop
        this.emit(`I.datas[${ops[at + 1]!}] = I.noBytes;`);
        return true;
      case PREFIX_FC_BASE + 10:
        this.bodyTouchesMemory();
        this.emit(`memoryCopy(M, ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`);
        return true;
      case PREFIX_FC_BASE + 11:
        this.bodyTouchesMemory();
        this.emit(`memoryFill(M, ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`);
        return true;
      case PREFIX_FC_BASE + 12:
        this.emit(
          `tableInit(I, ${ops[at + 1]!}, T[${ops[at + 2]!}], ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`,
        );
        return true;
      case PREFIX_FC_BASE + 13:
        this.emit(`I.elements[${ops[at + 1]!}] = [];`);
        return true;
      case PREFIX_FC_BASE + 14:
        this.emit(
          `tableCopy(T[${ops[at + 1]!}], T[${ops[at + 2]!}], ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`,
        );
        return true;
      case PREFIX_FC_BASE + 15:
        this.emit(`${s(h - 2)} = T[${ops[at + 1]!}].grow(${s(h - 1)} >>> 0, ${s(h - 2)});`);
        return true;
      case PREFIX_FC_BASE + 16:
        this.emit(`${s(h)} = T[${ops[at + 1]!}].elements.length;`);
        return true;
      case PREFIX_FC_BASE + 17:
        this.emit(`tableFill(T[${ops[at + 1]!}], ${s(h - 3)}, ${s(h - 2)}, ${s(h - 1)});`);
        return true;
      default:
        throw new Error(`aot: no translation for opcode id 0x${op.toString(16)}`);
    }
  }
}

function zeroOf(type: number): string {
  switch (type) {
    case ValType.i64:
      return "0n";
    case ValType.funcref:
    case ValType.externref:
      return "null";
    default:
      return "0";
  }
}
