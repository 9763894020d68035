import { type Code, PREFIX_FC_BASE, PREFIX_FD_BASE } from "@microwasm/core";
import { type DecodeTables, ImmKind } from "./decode-tables.js";
import type { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";

const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;

/** Kinds of open control frames (block and loop alike), to know where `else` may appear. */
const FRAME_BLOCK = 0;
const FRAME_IF = 1;
const FRAME_ELSE = 2;

/** Opcode id plus the largest fixed-size immediate (v128: four words; memargLane: four). */
const MAX_FIXED_WORDS = 5;

/** Multi-byte block types that cannot be type indices still decode, as an index no module has. */
const UNKNOWN_TYPE_INDEX = 0x7fffffff;

/**
 * Decodes operator sequences (function bodies and constant expressions) into the core `Code`
 * format. One instance per parse: its growable buffers are reused for every sequence, and each
 * result is a right-sized copy.
 *
 * The immediates of an operator are read according to its `imm` kind from the core opcode table,
 * so new rows (SIMD) need no change here. Only block structure is known by opcode: blocks, `else`
 * and `end` must nest, as the binary grammar requires.
 */
export class CodeDecoder {
  private ops = new Int32Array(4096);
  private starts = new Uint32Array(1024);
  private offsets = new Uint32Array(1024);
  private control = new Uint8Array(64);
  /** Set when an operator names a data segment (memory.init, data.drop). */
  usesDataIndex = false;

  constructor(private readonly tables: DecodeTables) {}

  /** Decodes operators from `r.pos` up to and including the `end` that closes the sequence. */
  decode(r: Reader): Code {
    const immKinds = this.tables.imm;
    const valueTypes = this.tables.valueTypes;
    const refTypes = this.tables.refTypes;
    const tableIndexImmediate = this.tables.features.referenceTypes;
    const bytes = r.bytes;
    let ops = this.ops;
    let starts = this.starts;
    let offsets = this.offsets;
    let control = this.control;
    let len = 0;
    let count = 0;
    let depth = 1;
    control[0] = FRAME_BLOCK;

    for (;;) {
      const at = r.pos;
      if (at >= r.end) throw malformed(Reason.unexpectedEnd, r.end);
      let id = bytes[at]!;
      r.pos = at + 1;
      if (id >= 0xfc) id = prefixedId(r, id);
      const kind = id < 0 ? -1 : immKinds[id]!;
      if (kind < 0) throw illegalOpcode(r, at);

      if (count === starts.length) {
        starts = grow(starts, count + 1);
        offsets = grow(offsets, count + 1);
      }
      if (len + MAX_FIXED_WORDS > ops.length) ops = grow(ops, len + MAX_FIXED_WORDS);
      starts[count] = len;
      offsets[count] = at;
      count++;
      ops[len++] = id;

      switch (kind) {
        case ImmKind.none:
          if (id === END) {
            if (--depth === 0) {
              this.ops = ops;
              this.starts = starts;
              this.offsets = offsets;
              this.control = control;
              return { ops: ops.slice(0, len), starts: starts.slice(0, count), offsets: offsets.slice(0, count), count };
            }
          } else if (id === ELSE) {
            if (control[depth - 1] !== FRAME_IF) throw malformed(Reason.endExpected, at);
            control[depth - 1] = FRAME_ELSE;
          }
          break;
        case ImmKind.blockType:
          ops[len++] = blockType(r, valueTypes);
          if (depth === control.length) control = grow(control, depth + 1);
          control[depth++] = id === IF ? FRAME_IF : FRAME_BLOCK;
          break;
        case ImmKind.label:
        case ImmKind.func:
        case ImmKind.local:
        case ImmKind.global:
        case ImmKind.table:
        case ImmKind.elem:
          ops[len++] = r.u32();
          break;
        case ImmKind.data:
          this.usesDataIndex = true;
          ops[len++] = r.u32();
          break;
        case ImmKind.brTable: {
          const n = r.len32();
          if (len + n + 2 > ops.length) ops = grow(ops, len + n + 2);
          ops[len++] = n;
          for (let i = 0; i < n; i++) ops[len++] = r.u32();
          ops[len++] = r.u32();
          break;
        }
        case ImmKind.callIndirect:
          ops[len++] = r.u32();
          if (tableIndexImmediate) {
            ops[len++] = r.u32();
          } else {
            r.zeroByte();
            ops[len++] = 0;
          }
          break;
        case ImmKind.memory:
          r.zeroByte();
          ops[len++] = 0;
          break;
        case ImmKind.memarg:
          len = memarg(r, ops, len);
          break;
        case ImmKind.memargLane:
          len = memarg(r, ops, len);
          ops[len++] = r.u8();
          break;
        case ImmKind.lane:
          ops[len++] = r.u8();
          break;
        case ImmKind.i32:
          ops[len++] = r.s32();
          break;
        case ImmKind.i64:
          ops[len++] = r.s64();
          ops[len++] = r.hi;
          break;
        case ImmKind.f32:
          ops[len++] = r.word();
          break;
        case ImmKind.f64:
          ops[len++] = r.word();
          ops[len++] = r.word();
          break;
        case ImmKind.v128:
        case ImmKind.shuffle:
          ops[len++] = r.word();
          ops[len++] = r.word();
          ops[len++] = r.word();
          ops[len++] = r.word();
          break;
        case ImmKind.selectT: {
          const n = r.len32();
          if (len + n + 1 > ops.length) ops = grow(ops, len + n + 1);
          ops[len++] = n;
          for (let i = 0; i < n; i++) {
            const t = r.typeCode();
            if (valueTypes[t] !== 1) throw malformed(Reason.valueType, r.pos - 1);
            ops[len++] = t;
          }
          break;
        }
        case ImmKind.refNull: {
          const t = r.typeCode();
          if (refTypes[t] !== 1) throw malformed(Reason.referenceType, r.pos - 1);
          ops[len++] = t;
          break;
        }
        case ImmKind.memoryInit:
          this.usesDataIndex = true;
          ops[len++] = r.u32();
          r.zeroByte();
          ops[len++] = 0;
          break;
        case ImmKind.memoryCopy:
          r.zeroByte();
          r.zeroByte();
          ops[len++] = 0;
          ops[len++] = 0;
          break;
        case ImmKind.tableInit:
        case ImmKind.tableCopy:
          ops[len++] = r.u32();
          ops[len++] = r.u32();
          break;
        default:
          throw illegalOpcode(r, at);
      }
    }
  }
}

/** The id of a 0xFC/0xFD-prefixed opcode (sub-opcode is a u32), or -1. */
function prefixedId(r: Reader, prefix: number): number {
  if (prefix === 0xfc) {
    const sub = r.u32();
    return sub < PREFIX_FD_BASE - PREFIX_FC_BASE ? PREFIX_FC_BASE + sub : -1;
  }
  if (prefix === 0xfd) {
    const sub = r.u32();
    return sub < PREFIX_FD_BASE ? PREFIX_FD_BASE + sub : -1;
  }
  return -1;
}

/**
 * A block type (s33): one byte with bits 0x40 set is the empty type (0x40) or a value type,
 * stored as the byte read as a signed 7-bit number; otherwise a type index.
 */
function blockType(r: Reader, valueTypes: Uint8Array): number {
  const at = r.pos;
  if (at >= r.end) throw malformed(Reason.unexpectedEnd, r.end);
  const b = r.bytes[at]!;
  if ((b & 0xc0) === 0x40) {
    r.pos = at + 1;
    if (b !== 0x40 && valueTypes[b] !== 1) throw malformed(Reason.valueType, at);
    return b - 0x80;
  }
  const index = r.s33();
  // Negative values in longer encodings are not value types: keep them invalid, not malformed.
  return index < 0 || index > UNKNOWN_TYPE_INDEX ? UNKNOWN_TYPE_INDEX : index;
}

/** memarg: alignment exponent (u32; 32 and up, including the multi-memory bit, are malformed), offset. */
function memarg(r: Reader, ops: Int32Array, len: number): number {
  const align = r.u32();
  if (align >= 32) throw malformed(Reason.memopFlags, r.pos - 1);
  const offset = r.u32();
  ops[len] = 0;
  ops[len + 1] = align;
  ops[len + 2] = offset | 0;
  return len + 3;
}

function illegalOpcode(r: Reader, at: number) {
  const prefix = r.bytes[at]!;
  let detail = hex(prefix);
  if (prefix === 0xfc || prefix === 0xfd) {
    // The sub-opcode decoded once already, so reading it again cannot fail.
    const save = r.pos;
    r.pos = at + 1;
    detail += ` ${hex(r.u32())}`;
    r.pos = save;
  }
  return malformed(Reason.illegalOpcode, at, detail);
}

function hex(n: number): string {
  return n.toString(16).padStart(2, "0");
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(array: T, needed: number): T {
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}
