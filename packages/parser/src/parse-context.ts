import type { CodeDecoder } from "./decode-code.js";
import type { DecodeTables } from "./decode-tables.js";
import type { Reader } from "./reader.js";

/** What every section decoder reads with: the module's one cursor, its tables and code decoder. */
export interface ParseContext {
  readonly reader: Reader;
  readonly tables: DecodeTables;
  readonly code: CodeDecoder;
}
