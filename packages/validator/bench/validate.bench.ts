/**
 * Validation throughput on a synthetic module shaped like compiled C: many functions of
 * locals, arithmetic, loads and stores, nested blocks and branches, calls.
 * Run: node --conditions=source --import tsx packages/validator/bench/validate.bench.ts
 */
import { type Code, type FunctionBody, type Module, opId, ValType } from "@microwasm/core";
import { validateModule } from "../src/index.js";

const FUNCS = 2000;
const BLOCKS_PER_FUNC = 200;

function buildBody(): { code: Code; bytes: number } {
  const ops: number[] = [];
  const starts: number[] = [];
  let bytes = 0;
  const emit = (name: string, size: number, ...imms: number[]): void => {
    starts.push(ops.length);
    ops.push(opId(name), ...imms);
    bytes += size;
  };
  for (let b = 0; b < BLOCKS_PER_FUNC; b++) {
    emit("block", 2, -64);
    emit("loop", 2, -64);
    emit("local.get", 2, 0);
    emit("i32.const", 2, 4);
    emit("i32.add", 1);
    emit("local.tee", 2, 0);
    emit("i32.load", 3, 0, 2, 8, 0); // memory, align, offset (low and high words)
    emit("local.get", 2, 1);
    emit("i32.mul", 1);
    emit("local.set", 2, 1);
    emit("local.get", 2, 0);
    emit("local.get", 2, 1);
    emit("i32.store", 3, 0, 2, 0, 0);
    emit("local.get", 2, 3);
    emit("i64.const", 2, 1, 0);
    emit("i64.add", 1);
    emit("local.set", 2, 3);
    emit("local.get", 2, 0);
    emit("call", 2, 0);
    emit("i32.eqz", 1);
    emit("br_if", 2, 1);
    emit("local.get", 2, 1);
    emit("i32.const", 2, 100);
    emit("i32.lt_s", 1);
    emit("br_if", 2, 0);
    emit("end", 1);
    emit("end", 1);
  }
  emit("local.get", 2, 1);
  emit("end", 1);
  return {
    code: {
      ops: Int32Array.from(ops),
      starts: Uint32Array.from(starts),
      offsets: new Uint32Array(starts.length),
      count: starts.length,
    },
    bytes,
  };
}

const { code, bytes } = buildBody();
const body: FunctionBody = {
  locals: [
    { count: 2, type: ValType.i32 },
    { count: 1, type: ValType.i64 },
  ],
  code,
  offset: 0,
};
const module: Module = {
  types: [{ params: [ValType.i32], results: [ValType.i32] }],
  imports: [],
  functions: new Array(FUNCS).fill(0),
  tables: [],
  memories: [{ limits: { min: 1 }, shared: false }],
  globals: [],
  tags: [],
  exports: [],
  start: null,
  elements: [],
  datas: [],
  dataCount: null,
  codes: new Array(FUNCS).fill(body),
  customSections: [],
  names: null,
};
const totalBytes = bytes * FUNCS;
const totalInstrs = code.count * FUNCS;
// The machine may be shared: report CPU time, and the best of several rounds.
let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < (Number(process.env.ROUNDS) || 12); round++) {
  const t0 = process.cpuUsage();
  validateModule(module);
  const used = process.cpuUsage(t0);
  best = Math.min(best, (used.user + used.system) / 1000);
}
console.log(
  `${(totalInstrs / 1e6).toFixed(1)}M instructions (~${(totalBytes / 1e6).toFixed(1)} MB of code), ` +
    `best of 12: ${best.toFixed(0)} ms CPU: ${(totalBytes / 1e6 / (best / 1000)).toFixed(0)} MB/s, ` +
    `${(totalInstrs / 1e6 / (best / 1000)).toFixed(0)}M instructions/s`,
);
