import { type FuncType, funcTypeKey } from "@microwasm/core";

// Structurally equal function types share one small integer, so `call_indirect` checks a
// signature with one comparison. The registry is process-wide: ids must agree across instances.
const ids = new Map<string, number>();

export function canonicalTypeId(type: FuncType): number {
  const key = funcTypeKey(type);
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}
