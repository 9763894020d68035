import { type Features, wasm3Features } from "@microwasm/core";
import { InvalidArgumentError } from "commander";

/** A non-negative integer option value (decimal, or 0x hex). */
export function nonNegativeInteger(text: string): number {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) throw new InvalidArgumentError("expected a non-negative integer");
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError("too large");
  return value;
}

/** `--env=NAME=VALUE`, repeatable: NAME must be non-empty, as iwasm checks. */
export function collectEnv(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError('expected "NAME=VALUE"');
  return { ...previous, [text.slice(0, eq)]: text.slice(eq + 1) };
}

/** `--map-dir=GUEST::HOST`, repeatable. */
export function collectMapDir(text: string, previous: [string, string][] = []): [string, string][] {
  const at = text.indexOf("::");
  if (at <= 0 || at + 2 >= text.length) throw new InvalidArgumentError('expected "GUEST_PATH::HOST_PATH"');
  return [...previous, [text.slice(0, at), text.slice(at + 2)]];
}

/** A feature's command-line name: its `Features` key in kebab case (`multiMemory` → `multi-memory`). */
const featureNames = new Map<string, keyof Features>(
  (Object.keys(wasm3Features) as (keyof Features)[]).map((key) => [
    key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    key,
  ]),
);

/** `--disable-feature NAME`, repeatable (comma-separated names too): the features turned off. */
export function collectDisabledFeature(text: string, previous: (keyof Features)[] = []): (keyof Features)[] {
  const keys = text.split(",").map((name) => {
    const key = featureNames.get(name.trim());
    if (key === undefined)
      throw new InvalidArgumentError(
        `unknown feature "${name}"; known: ${[...featureNames.keys()].join(", ")}`,
      );
    return key;
  });
  return [...previous, ...keys];
}

/** The default features (WebAssembly 3.0 with threads) without `disabled`. */
export function featuresWithout(disabled: readonly (keyof Features)[] = []): Features {
  if (disabled.length === 0) return wasm3Features;
  const features: Record<string, boolean> = { ...wasm3Features };
  for (const key of disabled) features[key] = false;
  return Object.freeze(features as unknown as Features);
}

export function collect(text: string, previous: string[] = []): string[] {
  return [...previous, text];
}

/** iwasm's `-v=LEVEL`: 0 (fatal) to 5 (verbose); commander hands a short option's `=` over too. */
export function logLevel(text: string): number {
  const level = Number(text.replace(/^=/, ""));
  if (!Number.isInteger(level) || level < 0 || level > 5)
    throw new InvalidArgumentError("expected a level from 0 to 5");
  return level;
}
