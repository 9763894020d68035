import type { DataSegment, ElementSegment } from "@microwasm/core";
import type { FunctionInstance } from "./function-instance.js";
import type { GlobalInstance } from "./global-instance.js";
import type { MemoryInstance } from "./memory-instance.js";
import type { TableInstance } from "./table-instance.js";
import type { TagInstance } from "./tag-instance.js";
import type { Reference } from "./values.js";

/** What running code of one instance reaches: its index spaces and segments. */
export interface InstanceContext {
  readonly functions: FunctionInstance[];
  readonly tables: TableInstance[];
  readonly memories: MemoryInstance[];
  readonly globals: GlobalInstance[];
  /** The tag index space (imports first). */
  readonly tags: TagInstance[];
  /** Canonical type ids of the module's types, by type index. */
  readonly typeIds: Int32Array;
  /** Element segments' evaluated references; a dropped segment becomes empty. */
  readonly elements: Reference[][];
  /** Data segments' bytes; a dropped segment becomes empty. */
  readonly datas: Uint8Array[];
  readonly elementSegments: readonly ElementSegment[];
  readonly dataSegments: readonly DataSegment[];
}
