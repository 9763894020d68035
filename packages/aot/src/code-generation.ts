/**
 * Whether this host lets code be generated from strings (`new Function`): a Content Security
 * Policy without 'unsafe-eval', `node --disallow-code-generation-from-strings` and some embedded
 * hosts forbid it, and then the AOT tier can only run ahead-of-time compiled modules.
 */
export function canGenerateCode(): boolean {
  try {
    return new Function("return 1")() === 1;
  } catch {
    return false;
  }
}
