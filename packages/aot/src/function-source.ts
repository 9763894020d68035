import {
  type FuncType,
  type GlobalType,
  opcodeById,
  PREFIX_FC_BASE,
  PREFIX_FD_BASE,
  ValType,
} from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import {
  type ConstPair,
  i64AddInline,
  i64DivInline,
  i64MulInline,
  i64RotInline,
  i64ShlInline,
  i64ShrInline,
  i64SubInline,
} from "./i64-inline.js";
import { SimdTranslation } from "./simd-float-form.js";
import { isSimdMemoryOp, v128Words } from "./simd-source.js";

/** What the translation of one body needs to know about its module. */
export interface ModuleShape {
  readonly types: readonly FuncType[];
  /** Type of every function, imports first. */
  readonly funcTypes: readonly FuncType[];
  readonly importedFunctions: number;
  readonly globals: readonly GlobalType[];
  /** Per function index: whether it is compiled (its entry `F[i]` takes its arguments directly). */
  readonly compiled: (funcIndex: number) => boolean;
  /** Per function index: the cells its frame takes in the interpreter. */
  readonly frameCells: (funcIndex: number) => number;
  /** Per function index: the cell where its operand stack starts in the interpreter's frame. */
  readonly operandBaseCells: (funcIndex: number) => number;
  /** Memory 0 has 64-bit addresses (memory64): its instructions are left to the interpreter. */
  readonly memory0Is64: boolean;
}

interface Label {
  readonly kind: "block" | "loop" | "if" | "func";
  readonly name: string;
  /** Height of the operand stack below the construct's parameters. */
  readonly base: number;
  readonly params: readonly number[];
  readonly results: readonly number[];
  /** For an `if` with parameters and an `else`: the variables that keep the parameters for it. */
  readonly saved: string[];
  /** Fuel a back-edge spends: the loop body's instruction count. */
  readonly weight: number;
}

/**
 * Binary operators whose right operand (the stack's top) is read, never written, by their
 * translation (`scalarOp`, `i64Op`): a constant or a local pushed just before is used in place.
 */
const foldingConsumers = new Set<number>();
for (const [first, last] of [
  [0x46, 0x4f],
  [0x51, 0x66],
  [0x6a, 0x78],
  [0x7c, 0x8a],
  [0x92, 0x98],
  [0xa0, 0xa6],
])
  for (let op = first!; op <= last!; op++) foldingConsumers.add(op);

/**
 * Of those, the ones whose left operand is read once, before its variable is written (i32,
 * f32 and f64 operators, `scalarOp`; the i64 ones read and write their left words in turn).
 */
const isScalarConsumer = (op: number): boolean =>
  foldingConsumers.has(op) && !(op >= 0x51 && op <= 0x5a) && !(op >= 0x7c && op <= 0x8a);

const isPush = (op: number): boolean => op === 0x41 || op === 0x42 || op === 0x20;
/** The variable of the operand stack's value at height h, and its high word when an i64. */
const s = (h: number): string => `s${h}`;
const t = (h: number): string => `t${h}`;

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

/** Names of the helpers generated code calls (`helpers.ts`), declared once per factory. */
const helperNames = [
  "HI",
  "trap",
  "oob",
  "stackExhausted",
  "callCells",
  "callCellsChecked",
  "entryOf",
  "indirect",
  "f32FromBits",
  "f32NaN",
  "f32Bits",
  "f64FromWords",
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
  "i64Clz",
  "i64Ctz",
  "i64TruncS",
  "i64TruncU",
  "i64TruncSatS",
  "i64TruncSatU",
  "i64ToBigInt",
  "f64BitsPair",
  "i32TruncS",
  "i32TruncU",
  "i32TruncSatS",
  "i32TruncSatU",
  "f32ConvertI64S",
  "f32ConvertI64U",
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
  "writeResult",
  "fixError",
  "VS",
  "VF",
  "VD",
  "VR",
  "simd",
] as const;
export type HelperName = (typeof helperNames)[number];

const I64 = ValType.i64;
const V128 = ValType.v128;

/**
 * The source of a factory `(I, H) => [entry, raw]` for one validated body: `entry(S, d, c, ...args)`
 * is the compiled function (S the ExecStack, d the call depth, c the cell where the interpreter
 * would open its frame plus the overhead charged for the d frames below, so that it runs out of
 * stack exactly where the interpreter would), `raw(stack, base)` its entry from the host.
 *
 * Operand stack values and locals are JS variables (`s<height>`, `l<index>`); blocks become
 * labelled statements, branches `break`/`continue`. i32 values are int32 numbers; an i64 is two
 * of them (low word `s<h>`/`l<i>`, high word `t<h>`/`m<i>`, see i64-pairs.ts), and so is an i64
 * argument; f32/f64 are numbers (see float-bits.ts for NaNs), references as in the store. A
 * function returns its result (an i64: the low word, the high word in `HI[0]`), or an array of
 * its results (an i64 as two entries) when it has several.
 */
export function functionSource(fn: ValidatedFunction, shape: ModuleShape, metered = true): string {
  return new FunctionTranslator(fn, shape, metered).translate();
}

/** JS parameter names for values of `types`, an i64 taking two. */
function flatNames(
  types: readonly number[],
  name: (i: number) => string,
  high: (i: number) => string,
): string[] {
  const names: string[] = [];
  for (let i = 0; i < types.length; i++) {
    names.push(name(i));
    if (types[i] === I64) names.push(high(i));
    else if (types[i] === V128) names.push(...v128Words(name(i), high(i)).slice(1));
  }
  return names;
}

class FunctionTranslator {
  private readonly out: string[] = [];
  private readonly consts: string[] = [];
  private readonly labels: Label[] = [];
  /** The type of the operand stack's value at each height, as the translation goes. */
  private readonly types: number[] = [];
  private tmp = 0;
  private readonly touchesMemory: boolean;
  /** The index of the instruction being translated. */
  private current = 0;
  /**
   * The expression of the stack's top (low and high word) when the instruction that pushed it
   * was not emitted: a constant or a `local.get` right before a binary operator, which reads it
   * in place. A third of the statements were such copies (V8's bytecode, the one limit on what
   * it optimizes, and translation time grow with them).
   */
  private operand: { readonly lo: string; readonly hi: string } | undefined;
  /** The same for the value below it, when both were pushed right before a scalar operator. */
  private leftOperand: string | undefined;
  /** The translation of SIMD instructions (simd-float-form.ts, simd-source.ts). */
  private readonly simd: SimdTranslation;

  constructor(
    private readonly fn: ValidatedFunction,
    private readonly shape: ModuleShape,
    /**
     * Whether the code spends fuel (loop back-edges and calls), for a stack with a limit; the
     * unmetered variant only checks for a terminate request after calls that may reach the host.
     */
    private readonly metered: boolean,
  ) {
    const { ops, starts, count } = fn.code;
    let found = false;
    for (let n = 0; n < count && !found; n++) {
      const op = ops[starts[n]!]!;
      found =
        (op >= 0x28 && op <= 0x40) || op === 0x108 || op === 0x10a || op === 0x10b || isSimdMemoryOp(op);
    }
    this.touchesMemory = found;
    this.simd = new SimdTranslation(fn, {
      emit: (line) => this.emit(line),
      constant: (expr) => this.constant(expr),
    });
  }

  translate(): string {
    const { fn } = this;
    const { code, heights, matchingEnd } = fn;
    const ops = code.ops;
    const params = fn.type.params.length;
    this.labels.push({
      kind: "func",
      name: "",
      base: 0,
      params: [],
      results: fn.type.results,
      saved: [],
      weight: 0,
    });
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
      this.current = n;
      if (this.foldsIntoNext(n, at, op, h)) continue;
      this.simd.settle(op, h);
      this.instruction(n, at, op, h, ops);
      this.operand = undefined;
      this.leftOperand = undefined;
    }
    const locals = fn.locals;
    const decls: string[] = [];
    for (let i = params; i < locals.length; i++) {
      const type = locals[i]!;
      decls.push(`l${i} = ${type === ValType.funcref || type === ValType.externref ? "null" : "0"}`);
      if (type === I64) decls.push(`m${i} = 0`);
      else if (type === V128)
        decls.push(
          ...v128Words(`l${i}`, `m${i}`)
            .slice(1)
            .map((w) => `${w} = 0`),
        );
    }
    const hasV128 = this.types.includes(V128) || locals.includes(V128);
    for (let h = 0; h < fn.maxHeight; h++) {
      decls.push(`${s(h)} = 0`, `${t(h)} = 0`);
      if (hasV128)
        decls.push(
          ...v128Words(s(h), t(h))
            .slice(2)
            .map((w) => `${w} = 0`),
        );
    }
    decls.push(...this.simd.declarations());
    const args = flatNames(
      fn.type.params,
      (i) => `l${i}`,
      (i) => `m${i}`,
    );
    const head = [
      `const {${helperNames.join(", ")}} = H;`,
      `const F = I.${this.metered ? "F" : "FU"}, FN = I.functions, G = I.globals, T = I.tables, M = I.memory, TY = I.typeIds;`,
      ...this.consts,
    ];
    const self = fn.funcIndex;
    // The interpreter's frame of this call: it traps where that one would. Compiled calls nest
    // on the JS stack: from `S.nestingLimit` (at most `S.maxDepth`) the call runs in the
    // interpreter's loop, whose calls do not. One test in the common case.
    const overflow = `c + ${this.shape.frameCells(self)} > S.limit`;
    const cells = this.metered ? "callCells" : "callCellsChecked";
    const prologue = [
      `if (${overflow} || d >= S.nestingLimit) {`,
      `if (${overflow} || d >= S.maxDepth) throw stackExhausted();`,
      `return ${cells}(S, d, c, FN[${self}], [${args.join(", ")}]);`,
      "}",
      "const ch = c + S.frameOverhead;",
    ];
    // Fuel is kept in a local and written back around calls and at returns.
    if (this.metered) {
      prologue.push("let fuel = S.fuel - 1;", "if (fuel <= 0) { S.fuel = fuel; S.refuel(); fuel = S.fuel; }");
    }
    if (decls.length > 0) prologue.push(`let ${decls.join(", ")};`);
    if (this.touchesMemory) prologue.push("let DV = M.view;");
    const entry = `function f${fn.funcIndex}(${["S", "d", "c", ...args].join(", ")}) {\n${prologue.join("\n")}\n${this.out.join("\n")}\n}`;
    return `${head.join("\n")}\nconst entry = ${entry};\nreturn [entry, ${this.rawEntry()}];`;
  }

  /** Whether instruction n pushes a value the next one reads in place (`operand`). */
  private foldsIntoNext(n: number, at: number, op: number, h: number): boolean {
    if (!isPush(op)) return false;
    const { code, heights, locals } = this.fn;
    const next = (k: number): number =>
      n + k < code.count && heights[n + k]! >= 0 ? code.ops[code.starts[n + k]!]! : -1;
    const a = code.ops[at + 1]!;
    if (isPush(next(1)) && isScalarConsumer(next(2))) {
      this.leftOperand = op === 0x20 ? `l${a}` : String(a);
      this.types[h] = op === 0x20 ? locals[a]! : op === 0x42 ? I64 : ValType.i32;
      return true;
    }
    if (!foldingConsumers.has(next(1))) return false;
    if (op === 0x20) {
      this.operand = { lo: `l${a}`, hi: `m${a}` };
      this.types[h] = locals[a]!;
    } else {
      this.operand = { lo: String(a), hi: op === 0x42 ? String(code.ops[at + 2]!) : "0" };
      this.types[h] = op === 0x42 ? I64 : ValType.i32;
    }
    return true;
  }

  /** The left operand of a scalar binary operator at stack height h (`leftOperand`). */
  private left(h: number): string {
    return this.leftOperand ?? s(h - 2);
  }

  /** The right operand of a binary operator at stack height h: `operand`, else the variables. */
  private right(h: number): string {
    return this.operand?.lo ?? s(h - 1);
  }

  private rightHi(h: number): string {
    return this.operand?.hi ?? t(h - 1);
  }

  /** The entry from cells: reads the arguments, calls `entry`, writes the results. */
  private rawEntry(): string {
    const { params, results } = this.fn.type;
    const reads: string[] = [];
    params.forEach((type, i) => {
      const cell = `base + ${i * 4}`;
      switch (type) {
        case ValType.i32:
          reads.push(`stack.i32[${cell}]`);
          break;
        case I64:
          reads.push(`stack.i32[${cell}]`, `stack.i32[${cell} + 1]`);
          break;
        case ValType.f32:
          reads.push(`f32FromBits(stack.i32[${cell}])`);
          break;
        case ValType.f64:
          reads.push(`stack.f64[(${cell}) >> 1]`);
          break;
        case V128:
          reads.push(
            `stack.i32[${cell}]`,
            `stack.i32[${cell} + 1]`,
            `stack.i32[${cell} + 2]`,
            `stack.i32[${cell} + 3]`,
          );
          break;
        default:
          reads.push(`stack.refs[(${cell}) >> 2]`);
      }
    });
    const lines = [
      "(stack, base) => {",
      "let r;",
      `try { r = entry(${["stack", "stack.depth", "base + stack.depth * stack.frameOverhead", ...reads].join(", ")}); } catch (e) { throw fixError(e, FN); }`,
    ];
    if (results.length === 1) {
      lines.push(
        results[0] === V128
          ? "stack.i32[base] = r; stack.i32[base + 1] = VR[0]; stack.i32[base + 2] = VR[1]; stack.i32[base + 3] = VR[2];"
          : `writeResult(stack, base, ${results[0]}, r, HI[0]);`,
      );
    } else {
      let k = 0;
      results.forEach((type, i) => {
        if (type === V128) {
          for (let w = 0; w < 4; w++) lines.push(`stack.i32[base + ${i * 4 + w}] = r[${k++}];`);
        } else {
          lines.push(`writeResult(stack, base + ${i * 4}, ${type}, r[${k}], r[${k + 1}]);`);
          k += type === I64 ? 2 : 1;
        }
      });
    }
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

  private blockTypes(blockType: number): [readonly number[], readonly number[]] {
    if (blockType === -64) return [[], []];
    if (blockType < 0) return [[], [blockType + 0x80]];
    const type = this.shape.types[blockType]!;
    return [type.params, type.results];
  }

  /** Copies the value of `type` at height `from` to height `to` (both words of an i64). */
  private copy(from: number, to: number, type: number): string {
    if (from === to) return "";
    if (type === V128) return this.v128Move(v128Words(s(to), t(to)), v128Words(s(from), t(from)));
    return type === I64 ? `${s(to)} = ${s(from)}; ${t(to)} = ${t(from)};` : `${s(to)} = ${s(from)};`;
  }

  /** Copies the four words of a v128. */
  private v128Move(to: readonly string[], from: readonly string[]): string {
    return to.map((w, k) => `${w} = ${from[k]};`).join(" ");
  }

  /**
   * Moves the top values of a stack of height `h`, of `types`, to start at `target`: what a
   * branch carries to its label (the label's `end` records their types there).
   */
  private moveValues(h: number, types: readonly number[], target: number): string {
    const count = types.length;
    const moves: string[] = [];
    for (let i = 0; i < count; i++) moves.push(this.copy(h - count + i, target + i, types[i]!));
    return moves.join(" ");
  }

  /** A branch to the label `depth` levels out, from a stack of height `h`. */
  private branch(depth: number, h: number): string {
    const label = this.labels[this.labels.length - 1 - depth]!;
    if (label.kind === "func") return this.returnFrom(h);
    if (label.kind === "loop") {
      const spend = this.metered
        ? ` if ((fuel -= ${label.weight}) <= 0) { S.fuel = fuel; S.refuel(); fuel = S.fuel; }`
        : "";
      return `${this.moveValues(h, label.params, label.base)}${spend} continue ${label.name};`;
    }
    return `${this.moveValues(h, label.results, label.base)} break ${label.name};`;
  }

  private returnFrom(h: number): string {
    const results = this.fn.type.results;
    const n = results.length;
    const save = this.metered ? "S.fuel = fuel; " : "";
    if (n === 0) return `${save}return;`;
    if (n === 1) {
      if (results[0] === V128) {
        const [w0, w1, w2, w3] = v128Words(s(h - 1), t(h - 1));
        return `${save}VR[0] = ${w1}; VR[1] = ${w2}; VR[2] = ${w3}; return ${w0};`;
      }
      return results[0] === I64
        ? `${save}HI[0] = ${t(h - 1)}; return ${s(h - 1)};`
        : `${save}return ${s(h - 1)};`;
    }
    const values: string[] = [];
    for (let i = 0; i < n; i++) {
      values.push(s(h - n + i));
      if (results[i] === I64) values.push(t(h - n + i));
      else if (results[i] === V128) values.push(...v128Words(s(h - n + i), t(h - n + i)).slice(1));
    }
    return `${save}return [${values.join(", ")}];`;
  }

  /** The JS arguments for the top `types.length` values of a stack of height `h`. */
  private argumentList(types: readonly number[], h: number): string[] {
    const p = types.length;
    return flatNames(
      types,
      (i) => s(h - p + i),
      (i) => t(h - p + i),
    );
  }

  /** A call; `callee` has `ARGS` where the arguments go. Results replace the arguments. */
  private callWith(type: FuncType, h: number, callee: string): void {
    const p = type.params.length;
    // The callee's frame starts at its arguments, as in the interpreter.
    const argCells = this.shape.operandBaseCells(this.fn.funcIndex) + (h - p) * 4;
    const call = callee.replace(
      "ARGS",
      ["S", "d + 1", `ch + ${argCells}`, ...this.argumentList(type.params, h)].join(", "),
    );
    const results = type.results;
    if (this.metered) this.emit("S.fuel = fuel;");
    if (results.length === 0) this.emit(`${call};`);
    else if (results[0] === V128 && results.length === 1) {
      const [w0, w1, w2, w3] = v128Words(s(h - p), t(h - p));
      this.emit(`${w0} = ${call}; ${w1} = VR[0]; ${w2} = VR[1]; ${w3} = VR[2];`);
    } else if (results.length === 1) {
      this.emit(
        results[0] === I64 ? `${s(h - p)} = ${call}; ${t(h - p)} = HI[0];` : `${s(h - p)} = ${call};`,
      );
    } else {
      const r = `r${this.tmp++}`;
      const moves: string[] = [];
      let k = 0;
      results.forEach((type, i) => {
        moves.push(`${s(h - p + i)} = ${r}[${k++}];`);
        if (type === I64) moves.push(`${t(h - p + i)} = ${r}[${k++}];`);
        else if (type === V128) {
          for (const w of v128Words(s(h - p + i), t(h - p + i)).slice(1)) moves.push(`${w} = ${r}[${k++}];`);
        }
      });
      this.emit(`{ const ${r} = ${call}; ${moves.join(" ")} }`);
    }
    results.forEach((type, i) => {
      this.types[h - p + i] = type;
    });
    if (this.metered) this.emit("fuel = S.fuel;");
    // The callee may have grown memory.
    if (this.touchesMemory) this.emit("DV = M.view;");
  }

  /**
   * Calls a store function through its entry in this variant (`entryOf`): its compiled code, or
   * for host and interpreted functions an adapter through cells, which unmetered code follows
   * with a check for a terminate request (only the host makes one).
   */
  private callVia(type: FuncType, h: number, entry: string): void {
    const f = `g${this.tmp++}`;
    this.emit(`const ${f} = ${entry};`);
    this.callWith(type, h, `${f}(ARGS)`);
  }

  /**
   * The effective address `e` of an access at `addr + offset` (up to 2^33). It is not checked
   * here: the DataView access checks it anyway and throws a RangeError before touching memory,
   * which `fixError` turns into the spec's trap at the entry (our own check as well cost matmul
   * 17%). An access of 8 bytes as two words does the upper word first (`store`).
   */
  private address(addr: string, offset: number): string {
    const e = `e${this.tmp++}`;
    const sum = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset >>> 0}`;
    this.emit(`const ${e} = ${sum};`);
    return e;
  }

  /** A load into height h-1; `read` gives the statement for an address. */
  private load(
    h: number,
    at: number,
    ops: Int32Array,
    type: number,
    read: (e: string, x: string, X: string) => string,
  ): void {
    this.emit("{");
    const e = this.address(s(h - 1), ops[at + 3]!);
    this.emit(`${read(e, s(h - 1), t(h - 1))} }`);
    this.types[h - 1] = type;
  }

  private store(
    h: number,
    at: number,
    ops: Int32Array,
    write: (e: string, v: string, V: string) => string,
  ): void {
    this.emit("{");
    const e = this.address(s(h - 2), ops[at + 3]!);
    this.emit(`${write(e, s(h - 1), t(h - 1))} }`);
  }

  private readGlobal(index: number, h: number): string {
    const type = this.shape.globals[index]!.type;
    const g = `G[${index}]`;
    this.types[h] = type;
    switch (type) {
      case ValType.i32:
        return `${s(h)} = ${g}.i32[0];`;
      case I64:
        return `${s(h)} = ${g}.i32[0]; ${t(h)} = ${g}.i32[1];`;
      case ValType.f32:
        return `${s(h)} = f32FromBits(${g}.i32[0]);`;
      case ValType.f64:
        return `${s(h)} = ${g}.f64[0];`;
      case V128:
        return this.v128Move(
          v128Words(s(h), t(h)),
          [0, 1, 2, 3].map((k) => `${g}.i32[${k}]`),
        );
      default:
        return `${s(h)} = ${g}.refs[0];`;
    }
  }

  private writeGlobal(index: number, h: number): string {
    const type = this.shape.globals[index]!.type;
    const g = `G[${index}]`;
    const v = s(h - 1);
    switch (type) {
      case ValType.i32:
        return `${g}.i32[0] = ${v};`;
      case I64:
        return `${g}.i32[0] = ${v}; ${g}.i32[1] = ${t(h - 1)};`;
      case ValType.f32:
        return `${g}.i32[0] = f32Bits(${v});`;
      case ValType.f64:
        return `${g}.f64[0] = ${v};`;
      case V128:
        return this.v128Move(
          [0, 1, 2, 3].map((k) => `${g}.i32[${k}]`),
          v128Words(v, t(h - 1)),
        );
      default:
        return `${g}.refs[0] = ${v};`;
    }
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
        const [params, results] = this.blockTypes(ops[at + 1]!);
        const name = `L${n}`;
        const base = h - params.length - (op === 0x04 ? 1 : 0);
        const saved: string[] = [];
        if (op === 0x04 && params.length > 0 && fn.matchingElse[n]! >= 0) {
          // The `then` arm may overwrite its parameters; the `else` arm starts from them again.
          params.forEach((type, i) => {
            saved.push(`p${n}_${i}`);
            if (type === I64) saved.push(`q${n}_${i}`);
            else if (type === V128) saved.push(...v128Words(`p${n}_${i}`, `q${n}_${i}`).slice(1));
          });
          this.emit(
            `const ${this.argumentList(params, base + params.length)
              .map((v, i) => `${saved[i]} = ${v}`)
              .join(", ")};`,
          );
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
        const names = this.argumentList(label.params, label.base + label.params.length);
        for (let i = 0; i < names.length; i++) this.emit(`${names[i]} = ${label.saved[i]};`);
        label.params.forEach((type, i) => {
          this.types[label.base + i] = type;
        });
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
        label.results.forEach((type, i) => {
          this.types[label.base + i] = type;
        });
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
        if (index === fn.funcIndex) {
          // Recursion: the function's own name (what F[index] holds once it runs), which V8
          // calls without loading it and may inline.
          this.callWith(type, h, `f${index}(ARGS)`);
        } else if (index >= this.shape.importedFunctions && this.shape.compiled(index)) {
          this.callWith(type, h, `F[${index}](ARGS)`);
        } else {
          this.callVia(type, h, `entryOf(FN[${index}], ${!this.metered})`);
        }
        return;
      }
      case 0x11: {
        // call_indirect
        const type = this.shape.types[ops[at + 1]!]!;
        const typeId = this.constant(`TY[${ops[at + 1]!}]`);
        this.callVia(
          type,
          h - 1,
          `entryOf(indirect(T[${ops[at + 2]!}].elements, ${s(h - 1)}, ${typeId}), ${!this.metered})`,
        );
        return;
      }
      case 0x1a: // drop
        return;
      case 0x1b: // select
      case 0x1c:
        this.emit(`if (${s(h - 1)} === 0) { ${this.copy(h - 2, h - 3, this.types[h - 2]!)} }`);
        this.types[h - 3] = this.types[h - 2]!;
        return;
      case 0x20: {
        const i = ops[at + 1]!;
        const type = fn.locals[i]!;
        this.types[h] = type;
        if (type === V128) this.emit(this.v128Move(v128Words(s(h), t(h)), v128Words(`l${i}`, `m${i}`)));
        else this.emit(type === I64 ? `${s(h)} = l${i}; ${t(h)} = m${i};` : `${s(h)} = l${i};`);
        return;
      }
      case 0x21:
      case 0x22: {
        const i = ops[at + 1]!;
        if (fn.locals[i] === V128) {
          this.emit(this.v128Move(v128Words(`l${i}`, `m${i}`), v128Words(s(h - 1), t(h - 1))));
          return;
        }
        this.emit(
          fn.locals[i] === I64 ? `l${i} = ${s(h - 1)}; m${i} = ${t(h - 1)};` : `l${i} = ${s(h - 1)};`,
        );
        return;
      }
      case 0x23:
        this.emit(this.readGlobal(ops[at + 1]!, h));
        return;
      case 0x24:
        this.emit(this.writeGlobal(ops[at + 1]!, h));
        return;
      case 0x25: {
        // table.get
        const table = ops[at + 1]!;
        const els = `T[${table}].elements`;
        this.emit(
          `{ const i = ${s(h - 1)} >>> 0; if (i >= ${els}.length) throw trap("tableOutOfBounds"); ${s(h - 1)} = ${els}[i]; }`,
        );
        this.types[h - 1] = ValType.funcref;
        return;
      }
      case 0x26: {
        // table.set
        const els = `T[${ops[at + 1]!}].elements`;
        this.emit(
          `{ const i = ${s(h - 2)} >>> 0; if (i >= ${els}.length) throw trap("tableOutOfBounds"); ${els}[i] = ${s(h - 1)}; }`,
        );
        return;
      }
      case 0xd0:
        this.emit(`${s(h)} = null;`);
        this.types[h] = ValType.funcref;
        return;
      case 0xd2:
        this.emit(`${s(h)} = FN[${ops[at + 1]!}];`);
        this.types[h] = ValType.funcref;
        return;
      case PREFIX_FC_BASE + 15: // table.grow
        this.emit(`${s(h - 2)} = T[${ops[at + 1]!}].grow(${s(h - 1)} >>> 0, ${s(h - 2)});`);
        this.types[h - 2] = ValType.i32;
        return;
      default: {
        if (op >= PREFIX_FD_BASE) this.simd.instruction(n, op, h, ops, at);
        else this.memoryOrNumeric(op, h, at, ops);
        const info = opcodeById(op)!;
        if (info.results !== null && info.params !== null) {
          const base = h - info.params.length;
          info.results.forEach((type, i) => {
            this.types[base + i] = type;
          });
        } else if (op === 0xd1) this.types[h - 1] = ValType.i32;
        else if (op === PREFIX_FC_BASE + 16) this.types[h] = ValType.i32;
      }
    }
  }

  /** Memory, constant and numeric instructions (what it returns means nothing: cases end in `return`). */
  private memoryOrNumeric(op: number, h: number, at: number, ops: Int32Array): unknown {
    const x = s(h - 1);
    switch (op) {
      case 0x28:
        return this.load(h, at, ops, ValType.i32, (e, v) => `${v} = DV.getInt32(${e}, true);`);
      case 0x29:
        return this.load(
          h,
          at,
          ops,
          I64,
          (e, v, V) => `${v} = DV.getInt32(${e}, true); ${V} = DV.getInt32(${e} + 4, true);`,
        );
      case 0x2a:
        // A NaN is read again as bits: widening the float would quiet it.
        return this.load(
          h,
          at,
          ops,
          ValType.f32,
          (e, v) =>
            `${v} = DV.getFloat32(${e}, true); if (${v} !== ${v}) ${v} = f32NaN(DV.getInt32(${e}, true));`,
        );
      case 0x2b:
        return this.load(h, at, ops, ValType.f64, (e, v) => `${v} = DV.getFloat64(${e}, true);`);
      case 0x2c:
        return this.load(h, at, ops, ValType.i32, (e, v) => `${v} = DV.getInt8(${e});`);
      case 0x2d:
        return this.load(h, at, ops, ValType.i32, (e, v) => `${v} = DV.getUint8(${e});`);
      case 0x2e:
        return this.load(h, at, ops, ValType.i32, (e, v) => `${v} = DV.getInt16(${e}, true);`);
      case 0x2f:
        return this.load(h, at, ops, ValType.i32, (e, v) => `${v} = DV.getUint16(${e}, true);`);
      case 0x30:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getInt8(${e}); ${V} = ${v} >> 31;`);
      case 0x31:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getUint8(${e}); ${V} = 0;`);
      case 0x32:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getInt16(${e}, true); ${V} = ${v} >> 31;`);
      case 0x33:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getUint16(${e}, true); ${V} = 0;`);
      case 0x34:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getInt32(${e}, true); ${V} = ${v} >> 31;`);
      case 0x35:
        return this.load(h, at, ops, I64, (e, v, V) => `${v} = DV.getInt32(${e}, true); ${V} = 0;`);
      case 0x36:
        return this.store(h, at, ops, (e, v) => `DV.setInt32(${e}, ${v}, true);`);
      case 0x37:
        return this.store(
          h,
          at,
          ops, // The upper word first: out of bounds, it throws before anything is written.
          (e, v, V) => `DV.setInt32(${e} + 4, ${V}, true); DV.setInt32(${e}, ${v}, true);`,
        );
      case 0x38:
        return this.store(
          h,
          at,
          ops,
          (e, v) =>
            `if (${v} === ${v}) DV.setFloat32(${e}, ${v}, true); else DV.setInt32(${e}, f32Bits(${v}), true);`,
        );
      case 0x39:
        return this.store(h, at, ops, (e, v) => `DV.setFloat64(${e}, ${v}, true);`);
      case 0x3a:
      case 0x3c:
        return this.store(h, at, ops, (e, v) => `DV.setInt8(${e}, ${v});`);
      case 0x3b:
      case 0x3d:
        return this.store(h, at, ops, (e, v) => `DV.setInt16(${e}, ${v}, true);`);
      case 0x3e:
        return this.store(h, at, ops, (e, v) => `DV.setInt32(${e}, ${v}, true);`);
      case 0x3f:
        return this.emit(`${s(h)} = M.byteLength / 65536;`);
      case 0x40:
        return this.emit(`${x} = M.grow(${x} >>> 0); DV = M.view;`);
      case PREFIX_FC_BASE + 8:
        return this.emit(`memoryInit(I, ${ops[at + 1]!}, M, ${s(h - 3)}, ${s(h - 2)}, ${x});`);
      case PREFIX_FC_BASE + 9:
        return this.emit(`I.datas[${ops[at + 1]!}] = I.noBytes;`);
      case PREFIX_FC_BASE + 10:
        return this.emit(`memoryCopy(M, ${s(h - 3)}, ${s(h - 2)}, ${x});`);
      case PREFIX_FC_BASE + 11:
        return this.emit(`memoryFill(M, ${s(h - 3)}, ${s(h - 2)}, ${x});`);
      case PREFIX_FC_BASE + 12:
        return this.emit(
          `tableInit(I, ${ops[at + 1]!}, T[${ops[at + 2]!}], ${s(h - 3)}, ${s(h - 2)}, ${x});`,
        );
      case PREFIX_FC_BASE + 13:
        return this.emit(`I.elements[${ops[at + 1]!}] = [];`);
      case PREFIX_FC_BASE + 14:
        return this.emit(
          `tableCopy(T[${ops[at + 1]!}], T[${ops[at + 2]!}], ${s(h - 3)}, ${s(h - 2)}, ${x});`,
        );
      case PREFIX_FC_BASE + 16:
        return this.emit(`${s(h)} = T[${ops[at + 1]!}].elements.length;`);
      case PREFIX_FC_BASE + 17:
        return this.emit(`tableFill(T[${ops[at + 1]!}], ${s(h - 3)}, ${s(h - 2)}, ${x});`);
      case 0x41:
        return this.emit(`${s(h)} = ${ops[at + 1]!};`);
      case 0x42:
        return this.emit(`${s(h)} = ${ops[at + 1]!}; ${t(h)} = ${ops[at + 2]!};`);
      case 0x43: {
        wordsI32[0] = ops[at + 1]!;
        const v = wordsF32[0]!;
        return this.emit(
          `${s(h)} = ${Number.isNaN(v) ? this.constant(`f32NaN(${ops[at + 1]!})`) : numberLiteral(v)};`,
        );
      }
      case 0x44: {
        wordsI32[0] = ops[at + 1]!;
        wordsI32[1] = ops[at + 2]!;
        const v = wordsF64[0]!;
        const expr = Number.isNaN(v)
          ? this.constant(`f64FromWords(${ops[at + 1]!}, ${ops[at + 2]!})`)
          : numberLiteral(v);
        return this.emit(`${s(h)} = ${expr};`);
      }
      case 0xd1:
        return this.emit(`${x} = ${x} === null ? 1 : 0;`);
      default:
        if (!this.i64Op(op, h) && !this.scalarOp(op, h))
          throw new Error(`aot: no translation for opcode id 0x${op.toString(16)}`);
    }
  }

  /**
   * The value on top of the stack when the instruction before the current one is an i64.const
   * that pushed it (no control flow can join between two consecutive instructions).
   */
  private constantOperand(): ConstPair | undefined {
    const n = this.current - 1;
    const { code, heights } = this.fn;
    if (n < 0 || heights[n]! < 0) return undefined;
    const at = code.starts[n]!;
    if (code.ops[at] !== 0x42) return undefined;
    return { lo: code.ops[at + 1]!, hi: code.ops[at + 2]! };
  }

  /** i64 operators on pairs; false when `op` is not one. */
  private i64Op(op: number, h: number): boolean {
    const a = s(h - 2);
    const A = t(h - 2);
    const b = this.right(h);
    const B = this.rightHi(h);
    const x = s(h - 1);
    const X = t(h - 1);
    const k = this.constantOperand();
    const toI32 = (expr: string, into = h - 2) => this.emit(`${s(into)} = ${expr};`);
    const ltU = (p: string, P: string, q: string, Q: string) =>
      `(${P} >>> 0 < ${Q} >>> 0 || (${P} === ${Q} && ${p} >>> 0 < ${q} >>> 0))`;
    const ltS = (p: string, P: string, q: string, Q: string) =>
      `(${P} < ${Q} || (${P} === ${Q} && ${p} >>> 0 < ${q} >>> 0))`;
    switch (op) {
      case 0x50:
        toI32(`(${x} | ${X}) === 0 ? 1 : 0`, h - 1);
        return true;
      case 0x51:
        toI32(`${a} === ${b} && ${A} === ${B} ? 1 : 0`);
        return true;
      case 0x52:
        toI32(`${a} !== ${b} || ${A} !== ${B} ? 1 : 0`);
        return true;
      case 0x53:
        toI32(`${ltS(a, A, b, B)} ? 1 : 0`);
        return true;
      case 0x54:
        toI32(`${ltU(a, A, b, B)} ? 1 : 0`);
        return true;
      case 0x55:
        toI32(`${ltS(b, B, a, A)} ? 1 : 0`);
        return true;
      case 0x56:
        toI32(`${ltU(b, B, a, A)} ? 1 : 0`);
        return true;
      case 0x57:
        toI32(`${ltS(b, B, a, A)} ? 0 : 1`);
        return true;
      case 0x58:
        toI32(`${ltU(b, B, a, A)} ? 0 : 1`);
        return true;
      case 0x59:
        toI32(`${ltS(a, A, b, B)} ? 0 : 1`);
        return true;
      case 0x5a:
        toI32(`${ltU(a, A, b, B)} ? 0 : 1`);
        return true;
      case 0x79:
        this.emit(`${x} = i64Clz(${x}, ${X}); ${X} = 0;`);
        return true;
      case 0x7a:
        this.emit(`${x} = i64Ctz(${x}, ${X}); ${X} = 0;`);
        return true;
      case 0x7b:
        this.emit(`${x} = i32Popcnt(${x}) + i32Popcnt(${X}); ${X} = 0;`);
        return true;
      case 0x7c:
        this.emit(i64AddInline(a, A, b, B, k));
        return true;
      case 0x7d:
        this.emit(i64SubInline(a, A, b, B));
        return true;
      case 0x7e:
        this.emit(i64MulInline(a, A, b, B, k));
        return true;
      case 0x7f:
        this.emit(i64DivInline(a, A, b, B, true, false, "i64DivS"));
        return true;
      case 0x80:
        this.emit(i64DivInline(a, A, b, B, false, false, "i64DivU"));
        return true;
      case 0x81:
        this.emit(i64DivInline(a, A, b, B, true, true, "i64RemS"));
        return true;
      case 0x82:
        this.emit(i64DivInline(a, A, b, B, false, true, "i64RemU"));
        return true;
      case 0x83:
        this.emit(`${a} &= ${b}; ${A} &= ${B};`);
        return true;
      case 0x84:
        this.emit(`${a} |= ${b}; ${A} |= ${B};`);
        return true;
      case 0x85:
        this.emit(`${a} ^= ${b}; ${A} ^= ${B};`);
        return true;
      case 0x86:
        this.emit(i64ShlInline(a, A, b, k?.lo));
        return true;
      case 0x87:
        this.emit(i64ShrInline(a, A, b, true, k?.lo));
        return true;
      case 0x88:
        this.emit(i64ShrInline(a, A, b, false, k?.lo));
        return true;
      case 0x89:
        this.emit(i64RotInline(a, A, b, true, k?.lo));
        return true;
      case 0x8a:
        this.emit(i64RotInline(a, A, b, false, k?.lo));
        return true;
      case 0xa7: // i32.wrap_i64: the low word
        return true;
      case 0xac:
        this.emit(`${X} = ${x} >> 31;`);
        return true;
      case 0xad:
        this.emit(`${X} = 0;`);
        return true;
      case 0xae:
      case 0xb0:
        this.emit(`${x} = i64TruncS(${x}); ${X} = HI[0];`);
        return true;
      case 0xaf:
      case 0xb1:
        this.emit(`${x} = i64TruncU(${x}); ${X} = HI[0];`);
        return true;
      case PREFIX_FC_BASE + 4:
      case PREFIX_FC_BASE + 6:
        this.emit(`${x} = i64TruncSatS(${x}); ${X} = HI[0];`);
        return true;
      case PREFIX_FC_BASE + 5:
      case PREFIX_FC_BASE + 7:
        this.emit(`${x} = i64TruncSatU(${x}); ${X} = HI[0];`);
        return true;
      case 0xb4:
        toI32(`f32ConvertI64S(i64ToBigInt(${x}, ${X}))`, h - 1);
        return true;
      case 0xb5:
        toI32(`f32ConvertI64U(i64ToBigInt(${x}, ${X}))`, h - 1);
        return true;
      case 0xb9: // exact: the high word times 2^32 is a double, and the sum rounds once
        toI32(`${X} * 4294967296 + (${x} >>> 0)`, h - 1);
        return true;
      case 0xba:
        toI32(`(${X} >>> 0) * 4294967296 + (${x} >>> 0)`, h - 1);
        return true;
      case 0xbd:
        this.emit(`${x} = f64BitsPair(${x}); ${X} = HI[0];`);
        return true;
      case 0xbf:
        toI32(`f64FromWords(${x}, ${X})`, h - 1);
        return true;
      case 0xc2:
        this.emit(`${x} = (${x} << 24) >> 24; ${X} = ${x} >> 31;`);
        return true;
      case 0xc3:
        this.emit(`${x} = (${x} << 16) >> 16; ${X} = ${x} >> 31;`);
        return true;
      case 0xc4:
        this.emit(`${X} = ${x} >> 31;`);
        return true;
      default:
        return false;
    }
  }

  /** i32, f32 and f64 operators; false when `op` is not one. */
  private scalarOp(op: number, h: number): boolean {
    const u = (expr: (x: string) => string) => {
      this.emit(`${s(h - 1)} = ${expr(s(h - 1))};`);
      return true;
    };
    const b = (expr: (x: string, y: string) => string) => {
      this.emit(`${s(h - 2)} = ${expr(this.left(h), this.right(h))};`);
      return true;
    };
    const call1 = (name: string) => u((x) => `${name}(${x})`);
    const call2 = (name: string) => b((x, y) => `${name}(${x}, ${y})`);
    const fr = (expr: (x: string, y: string) => string) => b((x, y) => `Math.fround(${expr(x, y)})`);
    const cmp = (o: string) => b((x, y) => `${x} ${o} ${y} ? 1 : 0`);
    const cmpU = (o: string) => b((x, y) => `${x} >>> 0 ${o} ${y} >>> 0 ? 1 : 0`);
    switch (op) {
      case 0x45:
        return u((x) => `${x} === 0 ? 1 : 0`);
      case 0x46:
      case 0x5b:
      case 0x61:
        return cmp("===");
      case 0x47:
      case 0x5c:
      case 0x62:
        return cmp("!==");
      case 0x48:
      case 0x5d:
      case 0x63:
        return cmp("<");
      case 0x49:
        return cmpU("<");
      case 0x4a:
      case 0x5e:
      case 0x64:
        return cmp(">");
      case 0x4b:
        return cmpU(">");
      case 0x4c:
      case 0x5f:
      case 0x65:
        return cmp("<=");
      case 0x4d:
        return cmpU("<=");
      case 0x4e:
      case 0x60:
      case 0x66:
        return cmp(">=");
      case 0x4f:
        return cmpU(">=");
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
      // f32 and f64: abs, neg, ceil, floor, trunc, nearest, sqrt, then the binary ones
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
      case 0xa8:
      case 0xaa:
        return call1("i32TruncS");
      case 0xa9:
      case 0xab:
        return call1("i32TruncU");
      case 0xb2:
      case 0xb6:
        return u((x) => `Math.fround(${x})`);
      case 0xb3:
        return u((x) => `Math.fround(${x} >>> 0)`);
      case 0xb7: // f64.convert_i32_s: an i32 is already that number
      case 0xbb: // f64.promote_f32: an encoded f32 NaN is already a quiet f64 NaN
        return true;
      case 0xb8:
        return u((x) => `${x} >>> 0`);
      case 0xbc:
        return call1("f32Bits");
      case 0xbe:
        return call1("f32FromBits");
      case 0xc0:
        return u((x) => `(${x} << 24) >> 24`);
      case 0xc1:
        return u((x) => `(${x} << 16) >> 16`);
      case PREFIX_FC_BASE + 0:
      case PREFIX_FC_BASE + 2:
        return call1("i32TruncSatS");
      case PREFIX_FC_BASE + 1:
      case PREFIX_FC_BASE + 3:
        return call1("i32TruncSatU");
      default:
        return false;
    }
  }
}
