/**
 * Test helpers: build `Code` and `Module` objects by hand, the way the parser would, so the
 * validator can be tested without the parser.
 */
import {
  type Code,
  type FuncType,
  type FunctionBody,
  type Module,
  opcodeByName,
  SELECT_TYPED_ID,
  ValType,
} from "@microwasm/core";

export type TypeName = keyof typeof ValType;
type Arg = number | bigint | string | readonly number[] | readonly string[] | undefined;
/** An instruction: its name and its immediates (see `encodeImmediates`). */
export type Instr = readonly [name: string, ...args: Arg[]];

/** Byte offset the assembler gives instruction n: distinct and easy to check. */
export const offsetOf = (n: number): number => 0x100 + n * 4;

function typeByte(name: Arg): number {
  if (typeof name === "number") return name;
  const type = ValType[name as TypeName];
  if (type === undefined) throw new Error(`bad value type ${String(name)}`);
  return type;
}

function num(arg: Arg, fallback?: number): number {
  if (arg === undefined && fallback !== undefined) return fallback;
  if (typeof arg !== "number") throw new Error(`expected a number, got ${String(arg)}`);
  return arg;
}

function words64(arg: Arg): [number, number] {
  const v = BigInt.asUintN(64, BigInt(arg as number | bigint));
  return [Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0];
}

/**
 * Assembles instructions into `Code`. Immediates by kind:
 * blockType: "i32" etc., a type index, or nothing for the empty type; brTable: [labels], default;
 * callIndirect: type, table = 0; memarg: align = natural, offset = 0 (high word 0), memory = 0;
 * memargLane: align, offset, lane, memory = 0;
 * selectT ("select_t"): [types]; refNull: "funcref" | "externref"; memoryInit: data, memory = 0;
 * memoryCopy / tableCopy: dst = 0, src = 0; tableInit: elem, table = 0; memory / table: index = 0;
 * i64 / f64: bigint or number; f32: number; everything else: the raw numbers.
 */
export function assemble(instrs: readonly Instr[]): Code {
  const ops: number[] = [];
  const starts: number[] = [];
  for (const [name, ...args] of instrs) {
    const info = name === "select_t" ? { id: SELECT_TYPED_ID, imm: "selectT" as const } : opcodeByName(name);
    if (!info) throw new Error(`unknown opcode ${name}`);
    starts.push(ops.length);
    ops.push(info.id);
    const [a, b, c] = args;
    switch (info.imm) {
      case "none":
        break;
      case "blockType":
        ops.push(a === undefined ? -64 : typeof a === "string" ? typeByte(a) - 0x80 : num(a));
        break;
      case "brTable": {
        const labels = a as readonly number[];
        ops.push(labels.length, ...labels, num(b));
        break;
      }
      case "callIndirect":
        ops.push(num(a), num(b, 0));
        break;
      case "memarg": {
        const natural = opcodeByName(name)?.naturalAlign ?? 0;
        ops.push(num(c, 0), num(a, natural), num(b, 0), 0);
        break;
      }
      case "memargLane": {
        const natural = opcodeByName(name)?.naturalAlign ?? 0;
        ops.push(num(args[3], 0), num(a, natural), num(b, 0), 0, num(c));
        break;
      }
      case "selectT": {
        const types = a as readonly string[];
        ops.push(types.length, ...types.map(typeByte));
        break;
      }
      case "refNull":
        ops.push(typeByte(a));
        break;
      case "memoryInit":
      case "tableInit":
        ops.push(num(a), num(b, 0));
        break;
      case "memoryCopy":
      case "tableCopy":
        ops.push(num(a, 0), num(b, 0));
        break;
      case "memory":
      case "table":
        ops.push(num(a, 0));
        break;
      case "i64":
        ops.push(...words64(a));
        break;
      case "f64": {
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, num(a), true);
        ops.push(view.getInt32(0, true), view.getInt32(4, true));
        break;
      }
      case "f32": {
        const view = new DataView(new ArrayBuffer(4));
        view.setFloat32(0, num(a), true);
        ops.push(view.getInt32(0, true));
        break;
      }
      default:
        for (const arg of args) ops.push(num(arg));
    }
  }
  return {
    ops: Int32Array.from(ops),
    starts: Uint32Array.from(starts),
    offsets: Uint32Array.from(starts.map((_, n) => offsetOf(n))),
    count: starts.length,
  };
}

export function funcType(params: readonly TypeName[] = [], results: readonly TypeName[] = []): FuncType {
  return { params: params.map((p) => ValType[p]), results: results.map((r) => ValType[r]) };
}

export function body(instrs: readonly Instr[], locals: readonly [number, TypeName][] = []): FunctionBody {
  return {
    locals: locals.map(([count, type]) => ({ count, type: ValType[type] })),
    code: assemble(instrs),
    offset: 0x10,
  };
}

/** A module with the given sections; everything else empty. */
export function moduleOf(parts: Partial<Module>): Module {
  return {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    start: null,
    elements: [],
    datas: [],
    dataCount: null,
    codes: [],
    customSections: [],
    names: null,
    ...parts,
  };
}

/**
 * A module with one function of type `params -> results` and the given body, plus whatever
 * `extra` adds (its types come after the function's type, index 0).
 */
export function moduleWithFunc(
  params: readonly TypeName[],
  results: readonly TypeName[],
  instrs: readonly Instr[],
  extra: Partial<Module> = {},
  locals: readonly [number, TypeName][] = [],
): Module {
  return moduleOf({
    ...extra,
    types: [funcType(params, results), ...(extra.types ?? [])],
    functions: [0, ...(extra.functions ?? [])],
    codes: [body(instrs, locals), ...(extra.codes ?? [])],
  });
}
