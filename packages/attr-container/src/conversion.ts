import { fixedSize, isFixedSize } from "./attr-type.js";
import type { AttrSlot } from "./layout.js";

/**
 * How a getter treats a stored value wider than what it returns (an int64 read as int32):
 * - `"app"` (default): what a wasm app sees, where WAMR's `bh_memcpy_s` is a plain memcpy:
 *   the low bytes (the stored value truncated).
 * - `"native"`: what WAMR's native side sees, where `bh_memcpy_s` refuses a copy longer than
 *   its destination and zeroes it: 0.
 */
export type ConversionMode = "app" | "native";

// One union for all getters: each reads it before anything else can run.
const union = new Uint8Array(8);
const unionView = new DataView(union.buffer);

/**
 * The 8-byte union WAMR's `attr_container_get_as_*` fill (TEMPLATE_ATTR_BUF_TO_VALUE): zeroed,
 * then a fixed-size value's bytes copied in, or the first `memberSize` bytes of a string's
 * (with its NUL) or a byte array's contents. The getter then reads its member from the start,
 * so narrower values come back zero-extended and reinterpreted (an int8 -1 read as int32 is
 * 255, a float read as double is its bits), as in C. Valid until the next call.
 */
export function unionBytes(
  bytes: Uint8Array,
  slot: AttrSlot,
  memberSize: number,
  mode: ConversionMode,
): DataView {
  union.fill(0);
  if (isFixedSize(slot.type)) {
    const width = fixedSize(slot.type);
    if (mode === "app" || width <= memberSize) union.set(bytes.subarray(slot.value, slot.value + width));
  } else {
    const length = Math.min(slot.valueLength, memberSize);
    union.set(bytes.subarray(slot.value, slot.value + length));
  }
  return unionView;
}
