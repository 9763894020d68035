/** Why an operation on an attr container failed; the values are the messages' first part. */
export const AttrContainerErrorCode = {
  truncated: "unexpected end of input",
  overrun: "field runs past total_length",
  emptyTag: "tag length is 0",
  unterminatedTag: "tag is not NUL-terminated",
  emptyKey: "key length is 0",
  unterminatedKey: "key is not NUL-terminated",
  unknownType: "unknown attribute type",
  unterminatedString: "string value is not NUL-terminated",
  // WAMR's own wording (attr_container.c, check_set_attr)
  readOnly: "Set attribute failed: attribute container is readonly.",
  invalidArgument: "invalid input arguments",
  tooLarge: "does not fit the container's field widths",
  invalidJson: "cannot convert JSON to an attr container",
} as const;

export type AttrContainerErrorKind = keyof typeof AttrContainerErrorCode;

export class AttrContainerError extends Error {
  override name = "AttrContainerError";
  constructor(
    readonly code: AttrContainerErrorKind,
    detail?: string,
    /** Byte offset in the container (flags at 0), for malformed bytes. */
    readonly offset?: number,
  ) {
    const where = offset === undefined ? "" : ` (at byte 0x${offset.toString(16)})`;
    const reason = AttrContainerErrorCode[code];
    super(detail ? `${reason}: ${detail}${where}` : `${reason}${where}`);
  }
}
