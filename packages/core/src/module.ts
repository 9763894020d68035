import type {
  ExternalKind,
  FuncType,
  GlobalType,
  MemoryType,
  RefType,
  TableType,
  TagType,
  ValType,
} from "./types.js";

/**
 * A decoded instruction sequence: a function body or a constant expression.
 *
 * The parser decodes every operator once into `ops`, so nothing later in the pipeline reads
 * LEB128. Instruction `n` starts at `ops[starts[n]]` with its opcode id (see `opcodes.ts`),
 * followed by its immediates in the layout its `Imm` kind documents, and instruction `n + 1`
 * starts right after them (`starts[0]` is 0: `starts` indexes the sequence, it does not lay it
 * out; `instructionWords` walks it without `starts`). `offsets[n]` is the byte offset of the instruction in the module binary, for error
 * messages. The final `end` of a body or expression is included as the last instruction.
 */
export interface Code {
  readonly ops: Int32Array;
  readonly starts: Uint32Array;
  readonly offsets: Uint32Array;
  /** Number of instructions. */
  readonly count: number;
}

export type ImportDesc =
  | { readonly kind: typeof ExternalKind.func; readonly typeIndex: number }
  | { readonly kind: typeof ExternalKind.table; readonly type: TableType }
  | { readonly kind: typeof ExternalKind.memory; readonly type: MemoryType }
  | { readonly kind: typeof ExternalKind.global; readonly type: GlobalType }
  | { readonly kind: typeof ExternalKind.tag; readonly type: TagType };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternalKind;
  readonly index: number;
}

export interface Global {
  readonly type: GlobalType;
  readonly init: Code;
}

export const SegmentMode = { active: 0, passive: 1, declarative: 2 } as const;
export type SegmentMode = (typeof SegmentMode)[keyof typeof SegmentMode];

/**
 * An element segment in any of its eight binary encodings. Function-index vectors are
 * represented as one `ref.func` constant expression per element, so there is one shape.
 */
export interface ElementSegment {
  readonly mode: SegmentMode;
  readonly table: number;
  /** Offset expression; only for active segments. */
  readonly offset: Code | null;
  readonly elemType: RefType;
  readonly init: readonly Code[];
}

export interface DataSegment {
  readonly mode: typeof SegmentMode.active | typeof SegmentMode.passive;
  readonly memory: number;
  readonly offset: Code | null;
  readonly bytes: Uint8Array;
}

export interface LocalDecl {
  readonly count: number;
  readonly type: ValType;
}

export interface FunctionBody {
  /** Declared locals (not parameters), run-length encoded as in the binary. */
  readonly locals: readonly LocalDecl[];
  readonly code: Code;
  /** Byte offset of the body (its size field) in the module, for messages. */
  readonly offset: number;
}

export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Contents of the `name` custom section, when present and well formed. */
export interface NameSection {
  readonly module?: string | undefined;
  readonly functions: ReadonlyMap<number, string>;
  readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

/**
 * A decoded module: the binary format's sections, nothing validated beyond well-formedness.
 * Index spaces (functions, tables, memories, globals) start with the imports.
 */
export interface Module {
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];
  /** Type index of each function defined in the module (not imported). */
  readonly functions: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  readonly globals: readonly Global[];
  /** Tags defined in the module (the tag section); imported tags come first in the index space. */
  readonly tags: readonly TagType[];
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elements: readonly ElementSegment[];
  readonly datas: readonly DataSegment[];
  /** The data count section's value, or null when the section is absent. */
  readonly dataCount: number | null;
  readonly codes: readonly FunctionBody[];
  readonly customSections: readonly CustomSection[];
  readonly names: NameSection | null;
}
