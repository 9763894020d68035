/**
 * WAMR's attribute type tags (`ATTR_TYPE_*`, numbering since WAMR-1.2.0). BYTE, SHORT and INT
 * are WAMR's other names for int8, int16 and int32. Floats start at 10 so that WAMR's size rule
 * `1 << (tag & 3)` gives every fixed-size type its width.
 */
export const AttrType = {
  int8: 0,
  int16: 1,
  int32: 2,
  int64: 3,
  uint8: 4,
  uint16: 5,
  uint32: 6,
  uint64: 7,
  float: 10,
  double: 11,
  bool: 12,
  string: 13,
  bytearray: 14,
} as const;

export type AttrTypeName = keyof typeof AttrType;
export type AttrTypeTag = (typeof AttrType)[AttrTypeName];

export const attrTypeNames = Object.keys(AttrType) as AttrTypeName[];

const nameByTag = new Map<number, AttrTypeName>(attrTypeNames.map((name) => [AttrType[name], name]));

/**
 * The name of a type tag, or undefined for tags WAMR does not define. Tags 8 and 9 pass
 * WAMR's range check (0–12) but its getters assert on them, so they are not types here.
 */
export function attrTypeName(tag: number): AttrTypeName | undefined {
  return nameByTag.get(tag);
}

/** True for the types whose value is stored inline with a fixed width (int8 … bool). */
export function isFixedSize(tag: number): boolean {
  return tag <= AttrType.bool;
}

/** Value bytes of a fixed-size type: WAMR's `1 << (type & 3)`. */
export function fixedSize(tag: number): number {
  return 1 << (tag & 3);
}
