import type { NativeSymbol } from "@microwasm/native";

/** The C locale's character classes (ASCII; anything outside 0-255, like EOF, is in none). */
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) => isUpper(c) || isLower(c);
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isGraph = (c: number) => c >= 0x21 && c <= 0x7e;
const isPrint = (c: number) => c >= 0x20 && c <= 0x7e;
const isXDigit = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

export const toLower = (c: number): number => (isUpper(c) ? c + 0x20 : c);
export const toUpper = (c: number): number => (isLower(c) ? c - 0x20 : c);
export { isDigit, isSpace };

function predicate(name: string, test: (c: number) => boolean): NativeSymbol {
  return { name, signature: "(i)i", fn: (_env, c: number) => (test(c) ? 1 : 0) };
}

export const ctypeNatives: NativeSymbol[] = [
  predicate("isupper", isUpper),
  predicate("isalpha", isAlpha),
  predicate("isspace", isSpace),
  predicate("isgraph", isGraph),
  predicate("isprint", isPrint),
  predicate("isdigit", isDigit),
  predicate("isxdigit", isXDigit),
  predicate("isalnum", (c) => isAlpha(c) || isDigit(c)),
  { name: "tolower", signature: "(i)i", fn: (_env, c: number) => toLower(c) },
  { name: "toupper", signature: "(i)i", fn: (_env, c: number) => toUpper(c) },
];
