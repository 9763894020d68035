import {
  type Code,
  OPCODE_ID_LIMIT,
  opId,
  PREFIX_FC_BASE,
  PREFIX_FD_BASE,
  PREFIX_FE_BASE,
} from "@microwasm/core";
import { ChunkCode, RefFuncCode, ShortCode } from "./chunk-code.js";
import type { DecodeTables } from "./decode-tables.js";
import { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";

const IF = opId("if");
const ELSE = opId("else");
const END = opId("end");
const REF_FUNC = opId("ref.func");

/** Kinds of open control frames (block and loop alike), to know where `else` may appear. */
const FRAME_BLOCK = 0;
const FRAME_IF = 1;
const FRAME_ELSE = 2;

/** Opcode id plus the largest fixed-size immediate (memargLane: five words). */
const MAX_FIXED_WORDS = 6;

/** Multi-byte block types that cannot be type indices still decode, as an index no module has. */
const UNKNOWN_TYPE_INDEX = 0x7fffffff;

/** Chunk sizes for the output arenas, in elements: small modules get small chunks. */
const MIN_CHUNK = 256;
const MAX_CHUNK = 1 << 18;

/** What a `Code` needs to decode its sequence again: the module's bytes and decode tables. */
export class CodeSource {
  constructor(
    readonly bytes: Uint8Array,
    readonly tables: DecodeTables,
  ) {}

  /** The byte offsets of the `count` instructions of the sequence at `at`, decoded again. */
  offsetsAt(at: number, count: number): Uint32Array {
    const decoder = new CodeDecoder(this, 2 * count + 8, true);
    decoder.decode(new Reader(this.bytes, at, this.bytes.length));
    return decoder.recordedOffsets(count);
  }
}

/**
 * Decodes operator sequences (function bodies and constant expressions) into the core `Code`
 * format. One instance per parse.
 *
 * Output goes straight into arena chunks shared by all sequences of the module; each `Code`
 * refers to its part of them (see `chunk-code.ts`). Allocating three typed arrays per function was
 * dominated by garbage collection on modules with many functions. A sequence that outgrows its
 * chunk moves, with what it has so far, into a new larger chunk. Instruction byte offsets are
 * recorded only by a decoder made to find them again (`CodeSource.offsetsAt`).
 *
 * The immediates of an operator are read according to its `imm` kind from the core opcode table,
 * so new rows (SIMD) need no change here. Only block structure is known by opcode: blocks, `else`
 * and `end` must nest, as the binary grammar requires.
 */
export class CodeDecoder {
  private ops: Int32Array;
  private opsTop = 0;
  /** The byte offset of each instruction of the one sequence decoded; null unless recording them. */
  private offsets: Uint32Array | null;
  private control = new Uint8Array(64);
  private readonly chunkSize: number;
  /** Set when an operator names a data segment (memory.init, data.drop). */
  usesDataIndex = false;

  constructor(
    readonly source: CodeSource,
    /** The module's size (or the sequence's, decoding one again), to size chunks. */
    size: number,
    recordOffsets = false,
  ) {
    this.chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size));
    this.ops = new Int32Array(this.chunkSize);
    this.offsets = recordOffsets ? new Uint32Array(this.chunkSize >> 1) : null;
  }

  /** After the one `decode` of a decoder recording offsets: the sequence's `count` offsets. */
  recordedOffsets(count: number): Uint32Array {
    return this.offsets!.slice(0, count);
  }

  /** Decodes operators from `r.pos` up to and including the `end` that closes the sequence. */
  decode(r: Reader): Code {
    const tables = this.source.tables;
    const immKinds = tables.imm;
    const valueTypes = tables.valueTypes;
    const refTypes = tables.refTypes;
    const tableIndexImmediate = tables.features.referenceTypes;
    const multiMemory = tables.features.multiMemory;
    const offset64 = tables.features.memory64;
    const bytes = r.bytes;
    const begin = r.pos;
    let ops = this.ops;
    let base = this.opsTop;
    let o = base;
    let offsets = this.offsets;
    let count = 0;
    let control = this.control;
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

      if (o + MAX_FIXED_WORDS > ops.length) {
        ops = this.moveOps(base, o, MAX_FIXED_WORDS);
        o -= base;
        base = 0;
      }
      if (offsets !== null) {
        if (count === offsets.length) {
          const bigger = new Uint32Array(count * 2);
          bigger.set(offsets);
          offsets = this.offsets = bigger;
        }
        offsets[count] = at;
      }
      count++;
      ops[o++] = id;

      // Literal cases (the values of `ImmKind`) so V8 compiles a jump table.
      switch (kind) {
        case 0: // ImmKind.none
          if (id === END) {
            if (--depth === 0) {
              this.opsTop = o;
              this.control = control;
              return count <= 2
                ? new ShortCode(ops, base, o, count, this.source, begin)
                : new ChunkCode(ops, base, o, count, this.source, begin);
            }
          } else if (id === ELSE) {
            if (control[depth - 1] !== FRAME_IF) throw malformed(Reason.endExpected, at);
            control[depth - 1] = FRAME_ELSE;
          }
          break;
        case 1: // ImmKind.blockType
          ops[o++] = blockType(r, valueTypes);
          if (depth === control.length) {
            const bigger = new Uint8Array(depth * 2);
            bigger.set(control);
            control = bigger;
          }
          control[depth++] = id === IF ? FRAME_IF : FRAME_BLOCK;
          break;
        case 2: // ImmKind.label
        case 4: // ImmKind.func
        case 6: // ImmKind.local
        case 7: // ImmKind.global
        case 8: // ImmKind.table
        case 25: // ImmKind.elem
          ops[o++] = r.u32();
          break;
        case 22: // ImmKind.data
          this.usesDataIndex = true;
          ops[o++] = r.u32();
          break;
        case 3: {
          // ImmKind.brTable
          const n = r.len32();
          if (o + n + 2 > ops.length) {
            ops = this.moveOps(base, o, n + 2);
            o -= base;
            base = 0;
          }
          ops[o++] = n;
          for (let i = 0; i < n; i++) ops[o++] = r.u32();
          ops[o++] = r.u32();
          break;
        }
        case 5: // ImmKind.callIndirect
          ops[o++] = r.u32();
          if (tableIndexImmediate) {
            ops[o++] = r.u32();
          } else {
            r.zeroByte();
            ops[o++] = 0;
          }
          break;
        case 9: // ImmKind.memory
          ops[o++] = memoryIndex(r, multiMemory);
          break;
        case 10: // ImmKind.memarg
          o = memarg(r, ops, o, multiMemory, offset64);
          break;
        case 11: // ImmKind.memargLane
          o = memarg(r, ops, o, multiMemory, offset64);
          ops[o++] = r.u8();
          break;
        case 12: // ImmKind.lane
          ops[o++] = r.u8();
          break;
        case 13: // ImmKind.i32
          ops[o++] = r.s32();
          break;
        case 14: // ImmKind.i64
          ops[o++] = r.s64();
          ops[o++] = r.hi;
          break;
        case 15: // ImmKind.f32
          ops[o++] = r.word();
          break;
        case 16: // ImmKind.f64
          ops[o++] = r.word();
          ops[o++] = r.word();
          break;
        case 17: // ImmKind.v128
        case 18: // ImmKind.shuffle
          ops[o++] = r.word();
          ops[o++] = r.word();
          ops[o++] = r.word();
          ops[o++] = r.word();
          break;
        case 19: {
          // ImmKind.selectT
          const n = r.len32();
          if (o + n + 1 > ops.length) {
            ops = this.moveOps(base, o, n + 1);
            o -= base;
            base = 0;
          }
          ops[o++] = n;
          for (let i = 0; i < n; i++) {
            const t = r.typeCode();
            if (valueTypes[t] !== 1) throw malformed(Reason.valueType, r.pos - 1);
            ops[o++] = t;
          }
          break;
        }
        case 20: {
          // ImmKind.refNull
          const t = r.typeCode();
          if (refTypes[t] !== 1) throw malformed(Reason.referenceType, r.pos - 1);
          ops[o++] = t;
          break;
        }
        case 21: // ImmKind.memoryInit
          this.usesDataIndex = true;
          ops[o++] = r.u32();
          ops[o++] = memoryIndex(r, multiMemory);
          break;
        case 23: // ImmKind.memoryCopy
          ops[o++] = memoryIndex(r, multiMemory);
          ops[o++] = memoryIndex(r, multiMemory);
          break;
        case 27: // ImmKind.zero
          r.zeroByte();
          break;
        case 24: // ImmKind.tableInit
        case 26: // ImmKind.tableCopy
          ops[o++] = r.u32();
          ops[o++] = r.u32();
          break;
        default:
          throw illegalOpcode(r, at);
      }
    }
  }

  /** `ref.func index; end`: the expression an element segment's function index stands for. */
  refFunc(funcIndex: number, offset: number): Code {
    if (this.opsTop + 3 > this.ops.length) this.moveOps(this.opsTop, this.opsTop, 3);
    const ops = this.ops;
    const o = this.opsTop;
    ops[o] = REF_FUNC;
    ops[o + 1] = funcIndex;
    ops[o + 2] = END;
    this.opsTop = o + 3;
    return new RefFuncCode(ops, o, o + 3, 2, this.source, offset);
  }

  /** Starts a new ops chunk holding the sequence in progress (`[from, to)`) and `extra` more words. */
  private moveOps(from: number, to: number, extra: number): Int32Array {
    const used = to - from;
    const chunk = new Int32Array(Math.max(this.chunkSize, 2 * (used + extra)));
    chunk.set(this.ops.subarray(from, to));
    this.ops = chunk;
    this.opsTop = 0;
    return chunk;
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
    return sub < PREFIX_FE_BASE - PREFIX_FD_BASE ? PREFIX_FD_BASE + sub : -1;
  }
  if (prefix === 0xfe) {
    const sub = r.u32();
    return sub < OPCODE_ID_LIMIT - PREFIX_FE_BASE ? PREFIX_FE_BASE + sub : -1;
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

/** A memory index: a u32 with multi-memory, else the 2.0 reserved zero byte. */
function memoryIndex(r: Reader, multiMemory: boolean): number {
  if (multiMemory) return r.u32();
  r.zeroByte();
  return 0;
}

/** Bit 6 of a memarg's flags: a memory index follows (multi-memory). */
const MEMARG_HAS_MEMORY = 0x40;

/**
 * memarg: flags (the alignment exponent, and with multi-memory bit 6 for an explicit memory
 * index: flags of 128 and up are malformed, 32 to 63 invalid; without it, 32 and up malformed), [memory index], offset (u64 with memory64,
 * else u32). The offset is stored as two words; the validator checks it against the memory.
 */
function memarg(r: Reader, ops: Int32Array, len: number, multiMemory: boolean, offset64: boolean): number {
  let align = r.u32();
  let memory = 0;
  if (align >= (multiMemory ? 2 * MEMARG_HAS_MEMORY : 32)) throw malformed(Reason.memopFlags, r.pos - 1);
  if (align >= MEMARG_HAS_MEMORY) {
    align -= MEMARG_HAS_MEMORY;
    memory = r.u32();
  }
  ops[len] = memory;
  ops[len + 1] = align;
  if (offset64) {
    const offset = r.u64();
    ops[len + 2] = offset | 0;
    ops[len + 3] = offset > 0xffffffff ? Math.min(Math.floor(offset / 2 ** 32), 0x7fffffff) : 0;
  } else {
    ops[len + 2] = r.u32() | 0;
    ops[len + 3] = 0;
  }
  return len + 4;
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
