import {
  type Features,
  type Imm,
  isFeatureEnabled,
  OPCODE_ID_LIMIT,
  opcodes,
  ValType,
} from "@microwasm/core";

/**
 * Immediate kinds as small integers, so the decoder's `switch` over them is a jump table.
 * Derived from the core table's `imm` names: a new opcode row needs no decoder change.
 */
export const ImmKind = {
  none: 0,
  blockType: 1,
  label: 2,
  brTable: 3,
  func: 4,
  callIndirect: 5,
  local: 6,
  global: 7,
  table: 8,
  memory: 9,
  memarg: 10,
  memargLane: 11,
  lane: 12,
  i32: 13,
  i64: 14,
  f32: 15,
  f64: 16,
  v128: 17,
  shuffle: 18,
  selectT: 19,
  refNull: 20,
  memoryInit: 21,
  data: 22,
  memoryCopy: 23,
  tableInit: 24,
  elem: 25,
  tableCopy: 26,
  zero: 27,
} as const satisfies Record<Imm, number>;

/** What the decoder looks up per byte, precomputed once per feature set. */
export interface DecodeTables {
  /** Immediate kind by opcode id; -1 for ids that are unknown or whose feature is off. */
  readonly imm: Int8Array;
  /** 1 for bytes that are value types under these features. */
  readonly valueTypes: Uint8Array;
  /** 1 for bytes that are reference types under these features. */
  readonly refTypes: Uint8Array;
  readonly features: Features;
}

const cache = new WeakMap<Features, DecodeTables>();

export function decodeTablesFor(features: Features): DecodeTables {
  const hit = cache.get(features);
  if (hit) return hit;
  const tables = buildTables(features);
  cache.set(features, tables);
  return tables;
}

function buildTables(features: Features): DecodeTables {
  const imm = new Int8Array(OPCODE_ID_LIMIT).fill(-1);
  for (const op of opcodes) {
    if (isFeatureEnabled(features, op.feature)) imm[op.id] = ImmKind[op.imm];
  }
  const refTypes = new Uint8Array(256);
  refTypes[ValType.funcref] = 1;
  if (features.referenceTypes) refTypes[ValType.externref] = 1;
  const valueTypes = new Uint8Array(256);
  for (const t of [ValType.i32, ValType.i64, ValType.f32, ValType.f64]) valueTypes[t] = 1;
  if (features.simd) valueTypes[ValType.v128] = 1;
  if (features.referenceTypes) {
    valueTypes[ValType.funcref] = 1;
    valueTypes[ValType.externref] = 1;
  }
  return { imm, valueTypes, refTypes, features };
}
