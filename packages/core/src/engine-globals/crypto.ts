/**
 * `crypto.getRandomValues` for engines without Web Crypto (QuickJS, Hermes): there is no secure
 * source to fall back on, so it throws and says how to give one (WASI's `randomFill` option)
 * rather than hand the guest predictable bytes.
 */
interface RandomSource {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
}

const fallback: RandomSource = {
  getRandomValues() {
    throw new Error(
      "this engine has no crypto.getRandomValues: give new WASI({ randomFill }) a secure random source",
    );
  },
};
const host = (globalThis as { crypto?: RandomSource }).crypto;

export const crypto: RandomSource = host?.getRandomValues ? host : fallback;
