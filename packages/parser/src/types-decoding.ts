import type {
  Features,
  FuncType,
  GlobalType,
  Limits,
  MemoryType,
  RefType,
  TableType,
  ValType,
} from "@microwasm/core";
import type { DecodeTables } from "./decode-tables.js";
import type { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";

/** The type encodings shared by several sections. */

export function valueType(r: Reader, tables: DecodeTables): ValType {
  const b = r.typeCode();
  if (tables.valueTypes[b] !== 1) throw malformed(Reason.valueType, r.pos - 1);
  return b as ValType;
}

export function refType(r: Reader, tables: DecodeTables): RefType {
  const b = r.typeCode();
  if (tables.refTypes[b] !== 1) throw malformed(Reason.referenceType, r.pos - 1);
  return b as RefType;
}

const FUNC_TYPE_FORM = 0x60;

export function funcType(r: Reader, tables: DecodeTables): FuncType {
  if (r.typeCode() !== FUNC_TYPE_FORM) throw malformed(Reason.functionType, r.pos - 1);
  const params = resultType(r, tables);
  const results = resultType(r, tables);
  return { params, results };
}

function resultType(r: Reader, tables: DecodeTables): ValType[] {
  const n = r.len32();
  const types: ValType[] = [];
  for (let i = 0; i < n; i++) types.push(valueType(r, tables));
  return types;
}

/**
 * Limits: flag 0 (min) or 1 (min, max). The flag is a 1-bit LEB128 as in the reference
 * decoder, so 2.0 rejects the threads proposal's shared flags (2, 3) with "integer too large".
 */
function limits(r: Reader): Limits {
  const hasMax = r.u1();
  const min = r.u32();
  if (hasMax === 0) return { min };
  return { min, max: r.u32() };
}

/** Memory limits flags: bit 0 a maximum follows, bit 1 shared (threads), bit 2 64-bit (memory64). */
const HAS_MAX = 1;
const SHARED = 2;
const IS_64 = 4;

export function tableType(r: Reader, tables: DecodeTables): TableType {
  const elemType = refType(r, tables);
  if (!tables.features.memory64) return { elemType, limits: limits(r) };
  // 3.0 reads the flags as one byte (so an LEB128 continuation is malformed too).
  const flags = r.u8();
  if ((flags & ~HAS_MAX) !== 0) throw malformed(Reason.limitsFlags, r.pos - 1);
  const min = r.u32();
  return { elemType, limits: flags & HAS_MAX ? { min, max: r.u32() } : { min } };
}

/**
 * A memory type. Without threads and memory64 the flag is the 2.0 one-bit LEB128 (so flags 2
 * and up are "integer too large", as 2.0 requires); with them, the flag bits each feature
 * allows, and a 64-bit memory's limits are u64. 3.0 (memory64) reads the flags as one byte,
 * and other bits are "malformed limits flags".
 */
export function memoryType(r: Reader, features: Features): MemoryType {
  if (!features.threads && !features.memory64) return { limits: limits(r), shared: false };
  const at = r.pos;
  const flags = features.memory64 ? r.u8() : r.u32();
  const allowed = HAS_MAX | (features.threads ? SHARED : 0) | (features.memory64 ? IS_64 : 0);
  if ((flags & ~allowed) !== 0)
    throw malformed(features.memory64 ? Reason.limitsFlags : Reason.integerTooLarge, at);
  const shared = (flags & SHARED) !== 0;
  if ((flags & IS_64) === 0) {
    const min = r.u32();
    return { limits: flags & HAS_MAX ? { min, max: r.u32() } : { min }, shared };
  }
  const min = r.u64();
  return { limits: flags & HAS_MAX ? { min, max: r.u64() } : { min }, shared, is64: true };
}

export function globalType(r: Reader, tables: DecodeTables): GlobalType {
  const type = valueType(r, tables);
  const m = r.u8();
  if (m > 1) throw malformed(Reason.mutability, r.pos - 1);
  return { type, mutable: m === 1 };
}
