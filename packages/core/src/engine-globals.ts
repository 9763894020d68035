/**
 * @microwasm/core/engine-globals: the few web globals microwasm's packages use, for engines that
 * lack them (QuickJS, Hermes): `TextEncoder`/`TextDecoder` (UTF-8), `performance` (`now()`,
 * `timeOrigin`) and `crypto` (`getRandomValues`, which throws where the engine has no secure
 * source). Each is the engine's own where it has one. Meant for a bundler's inject option
 * (esbuild `inject`), which puts them in place of the globals inside a bundle without touching
 * the host's `globalThis`.
 */
export { crypto } from "./engine-globals/crypto.js";
export { performance } from "./engine-globals/performance.js";
export { TextDecoder, TextEncoder } from "./engine-globals/text-codec.js";
