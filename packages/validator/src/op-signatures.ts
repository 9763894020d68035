import {
  type Features,
  type Imm,
  isFeatureEnabled,
  OPCODE_ID_LIMIT,
  type OpcodeInfo,
  opcodes,
} from "@microwasm/core";

/**
 * Per-opcode typing tables derived once from the core opcode table (its decoded `params` and
 * `results`), so the validator's hot loop reads typed arrays.
 */

/** How the validator handles an opcode id. */
export const OpClass = {
  /** Not an opcode, or its feature is disabled. */
  illegal: 0,
  /** Fixed typing from `sig`; immediates need no checking. */
  fixed: 1,
  /** Fixed typing from `sig` after checking immediates (indices, alignment, lanes). */
  fixedChecked: 2,
  /** `sig` is null: typed by the validator's `switch`. */
  special: 3,
} as const;

/** What to check in the immediates of an `OpClass.fixedChecked` op. */
export const ImmCheck = {
  none: 0,
  memarg: 1,
  memargLane: 2,
  lane: 3,
  shuffle: 4,
  memory: 5,
  memoryInit: 6,
  data: 7,
  memoryCopy: 8,
  tableInit: 9,
  elem: 10,
  tableCopy: 11,
  table: 12,
} as const;

const immChecks: Partial<Record<Imm, number>> = {
  memarg: ImmCheck.memarg,
  memargLane: ImmCheck.memargLane,
  lane: ImmCheck.lane,
  shuffle: ImmCheck.shuffle,
  memory: ImmCheck.memory,
  memoryInit: ImmCheck.memoryInit,
  data: ImmCheck.data,
  memoryCopy: ImmCheck.memoryCopy,
  tableInit: ImmCheck.tableInit,
  elem: ImmCheck.elem,
  tableCopy: ImmCheck.tableCopy,
  table: ImmCheck.table,
};
/** Immediates that cannot be invalid once decoded. */
const plainImms: ReadonlySet<Imm> = new Set<Imm>(["none", "i32", "i64", "f32", "f64", "v128", "zero"]);

const shapeLanes: Readonly<Record<string, number>> = {
  i8x16: 16,
  i16x8: 8,
  i32x4: 4,
  i64x2: 2,
  f32x4: 4,
  f64x2: 2,
};

/**
 * Per-opcode word packing everything the hot loop needs in one load:
 * bits 0-1 `OpClass`, bits 2-4 param count, bits 5-7 result count, bits 8+ start of the
 * signature in `sigTypes` (params, then results).
 */
export const OpWord = {
  classMask: 3,
  paramShift: 2,
  resultShift: 5,
  countMask: 7,
  startShift: 8,
} as const;

export interface OpTables {
  /** `OpWord` per opcode id, with every feature enabled. */
  readonly opWord: Int32Array;
  /** `ImmCheck` per opcode id. */
  readonly immCheck: Uint8Array;
  /** Value type bytes of all signatures, params then results per op. */
  readonly sigTypes: Uint8Array;
  /** log2 of the natural alignment of memory accesses; -1 for other ops. */
  readonly naturalAlign: Int8Array;
  /** Number of lanes a `lane` or `memargLane` immediate indexes; 0 for other ops. */
  readonly laneCount: Uint8Array;
}

let tables: OpTables | undefined;
const wordsByFeatures = new WeakMap<Features, Int32Array>();

/** The derived tables of the opcode table. */
export function opTables(): OpTables {
  tables ??= buildTables(opcodes);
  return tables;
}

/** `OpWord` per opcode id for a feature set: ops of disabled features are illegal (word 0). */
export function opWordsFor(features: Features): Int32Array {
  const base = opTables();
  const cached = wordsByFeatures.get(features);
  if (cached !== undefined) return cached;
  const opWord = base.opWord.slice();
  for (const info of opcodes) {
    if (!isFeatureEnabled(features, info.feature)) opWord[info.id] = OpClass.illegal;
  }
  wordsByFeatures.set(features, opWord);
  return opWord;
}

function buildTables(rows: readonly OpcodeInfo[]): OpTables {
  const opWord = new Int32Array(OPCODE_ID_LIMIT);
  const immCheck = new Uint8Array(OPCODE_ID_LIMIT);
  const naturalAlign = new Int8Array(OPCODE_ID_LIMIT).fill(-1);
  const laneCount = new Uint8Array(OPCODE_ID_LIMIT);
  const types: number[] = [];

  for (const info of rows) {
    const id = info.id;
    naturalAlign[id] = info.naturalAlign;
    if (info.imm === "lane") laneCount[id] = shapeLanes[info.name.slice(0, info.name.indexOf("."))] ?? 0;
    if (info.imm === "memargLane") laneCount[id] = 16 >> Math.max(info.naturalAlign, 0);
    const { params, results } = info;
    if (params === null || results === null) {
      opWord[id] = OpClass.special;
      continue;
    }
    if (params.length > OpWord.countMask || results.length > OpWord.countMask) {
      throw new Error(`opcode ${info.name}: signature ${info.sig} too long`);
    }
    const start = types.length;
    types.push(...params, ...results);
    const check = immChecks[info.imm];
    let opClass: number = OpClass.special; // a fixed signature with an immediate we cannot check
    if (check !== undefined) {
      opClass = OpClass.fixedChecked;
      immCheck[id] = check;
    } else if (plainImms.has(info.imm)) {
      opClass = OpClass.fixed;
    }
    opWord[id] =
      opClass |
      (params.length << OpWord.paramShift) |
      (results.length << OpWord.resultShift) |
      (start << OpWord.startShift);
  }
  return { opWord, immCheck, sigTypes: Uint8Array.from(types), naturalAlign, laneCount };
}
