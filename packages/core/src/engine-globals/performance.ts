/**
 * `performance.now()` and `timeOrigin` for engines without the High Resolution Time API (QuickJS,
 * Hermes), from `Date.now()` (millisecond resolution).
 */
interface Performance {
  readonly timeOrigin: number;
  now(): number;
}

const origin = Date.now();
const fallback: Performance = { timeOrigin: origin, now: () => Date.now() - origin };
const host = (globalThis as { performance?: Performance }).performance;

export const performance: Performance = host ?? fallback;
