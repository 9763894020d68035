import type { MemoryInstance } from "@microwasm/interpreter";

/**
 * Writes C's argv into guest memory at `base`: the pointer array (argc + 1 entries, the last
 * NULL), then the NUL-terminated UTF-8 strings. Returns the pointer array's address and the
 * end of the block.
 */
export function writeArgv(
  memory: MemoryInstance,
  base: number,
  args: readonly string[],
): { argv: number; end: number } {
  const strings = args.map((arg) => new TextEncoder().encode(`${arg}\0`));
  const argv = base;
  let offset = argv + (args.length + 1) * 4;
  const view = memory.view;
  strings.forEach((bytes, i) => {
    view.setUint32(argv + i * 4, offset, true);
    memory.u8.set(bytes, offset);
    offset += bytes.length;
  });
  view.setUint32(argv + args.length * 4, 0, true);
  return { argv, end: offset };
}

/** Bytes `writeArgv` needs for `args`. */
export function argvSize(args: readonly string[]): number {
  return args.reduce((sum, arg) => sum + new TextEncoder().encode(arg).length + 1, (args.length + 1) * 4);
}
