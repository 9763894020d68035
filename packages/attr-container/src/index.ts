/**
 * @microwasm/attr-container: WAMR's attr_container, byte-exact in both directions.
 *
 * - `new AttrContainer(tag?)` is `attr_container_create`; `AttrContainer.fromBytes(bytes)` reads
 *   a container (fmt 99 payload) and throws `AttrContainerError` (a `code` and the `offset` of
 *   the bad field) for malformed bytes, never reading past them.
 * - `set(key, value, type?)` edits the bytes as `attr_container_set_*` does (type inferred when
 *   absent); `get`, `typeOf`, `has`, and the typed getters `getInt8` … `getByteArray` with
 *   WAMR's conversions between types; `attributes()`, `entries()`, `keys()`, `values()`.
 * - `toBytes({ readOnly? })`, `byteLength`, `tag`, `size`, `readOnly`.
 * - `toJSON()` / `AttrContainer.fromJSON(json, { strict? })`: host_tool's attr2json / json2attr.
 * Input errors (bad keys, values out of their type's range) are `AttrContainerError`s with
 * code "invalidArgument".
 */

export { type Attr, AttrContainer } from "./attr-container.js";
export {
  AttrContainerError,
  AttrContainerErrorCode,
  type AttrContainerErrorKind,
} from "./attr-container-error.js";
export { AttrType, type AttrTypeName, type AttrTypeTag, attrTypeName } from "./attr-type.js";
export type { AttrValue, AttrValueByType } from "./attr-value.js";
export type { ConversionMode } from "./conversion.js";
export type { AttrJson, AttrJsonValue, FromJsonOptions } from "./host-tool-json.js";
