import type { FunctionInstance } from "./function-instance.js";
import type { GlobalInstance } from "./global-instance.js";
import type { MemoryInstance } from "./memory-instance.js";
import type { TableInstance } from "./table-instance.js";
import type { TagInstance } from "./tag-instance.js";

/** What an import provides and an export exposes. */
export type ExternalValue = FunctionInstance | TableInstance | MemoryInstance | GlobalInstance | TagInstance;
