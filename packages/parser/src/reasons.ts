import { CompileError } from "@microwasm/core";

/**
 * Every reason the parser gives, worded as the spec's reference interpreter words it (the spec
 * tests match a reason as a prefix of the interpreter's message, so "unexpected end" matches
 * `unexpectedEnd`).
 */
export const Reason = {
  unexpectedEnd: "unexpected end of section or function",
  lengthOutOfBounds: "length out of bounds",
  integerTooLong: "integer representation too long",
  integerTooLarge: "integer too large",
  magic: "magic header not detected",
  version: "unknown binary version",
  sectionId: "malformed section id",
  sectionSize: "section size mismatch",
  contentAfterLastSection: "unexpected content after last section",
  functionCodeLengths: "function and code section have inconsistent lengths",
  dataCountLengths: "data count and data section have inconsistent lengths",
  dataCountRequired: "data count section required",
  utf8: "malformed UTF-8 encoding",
  illegalOpcode: "illegal opcode",
  endExpected: "END opcode expected",
  zeroByte: "zero byte expected",
  memopFlags: "malformed memop flags",
  limitsFlags: "malformed limits flags",
  tooManyLocals: "too many locals",
  valueType: "malformed value type",
  referenceType: "malformed reference type",
  functionType: "malformed function type",
  mutability: "malformed mutability",
  importKind: "malformed import kind",
  exportKind: "malformed export kind",
  elementKind: "malformed element kind",
  elementSegmentKind: "malformed elements segment kind",
  dataSegmentKind: "malformed data segment kind",
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

/** The one way the parser fails: call sites `throw malformed(...)` so control flow stays visible. */
export function malformed(reason: Reason, offset: number, detail?: string): CompileError {
  return new CompileError(reason, "malformed", offset, detail);
}
