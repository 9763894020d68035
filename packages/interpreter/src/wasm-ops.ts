import { opId } from "@microwasm/core";

/**
 * Wasm opcode ids the interpreter names outside its per-instruction `switch`es, by name from
 * core's table. (Those `switch`es, in the loop, the compiler and the superinstruction rules,
 * keep literal cases, which V8 turns into jump tables; a test checks each case's id against
 * the name in its comment.)
 */
export const Wasm = {
  block: opId("block"),
  loop: opId("loop"),
  if: opId("if"),
  else: opId("else"),
  end: opId("end"),
  localTee: opId("local.tee"),
  globalGet: opId("global.get"),
  globalSet: opId("global.set"),
  i32Const: opId("i32.const"),
  i64Const: opId("i64.const"),
  f32Const: opId("f32.const"),
  f64Const: opId("f64.const"),
  v128Const: opId("v128.const"),
  refNull: opId("ref.null"),
  refFunc: opId("ref.func"),
  i32Sub: opId("i32.sub"),
  i32Mul: opId("i32.mul"),
  i64Add: opId("i64.add"),
  i64Sub: opId("i64.sub"),
  i32Eqz: opId("i32.eqz"),
  i32Store: opId("i32.store"),
  i32Store8: opId("i32.store8"),
  i32Add: opId("i32.add"),
  i32And: opId("i32.and"),
  i32Xor: opId("i32.xor"),
  i32LtS: opId("i32.lt_s"),
  i32LtU: opId("i32.lt_u"),
  i32GtS: opId("i32.gt_s"),
  i32GtU: opId("i32.gt_u"),
  i32LeS: opId("i32.le_s"),
  i32LeU: opId("i32.le_u"),
  i32GeS: opId("i32.ge_s"),
  i32GeU: opId("i32.ge_u"),
  i64Mul: opId("i64.mul"),
  f64Add: opId("f64.add"),
  f64Mul: opId("f64.mul"),
} as const;
