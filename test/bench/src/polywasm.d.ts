// polywasm ships no types: the suite uses its `WebAssembly` like the standard namespace.
declare module "polywasm" {
  export const WebAssembly: unknown;
}
