/**
 * Node 20's engine accepts some 3.0 features microwasm does not have (tail calls, exception
 * handling, threads are on by default in its V8 and cannot all be turned off). When Node accepts
 * a mutated module and microwasm rejects it, this says whether microwasm's error is exactly
 * where such a feature starts, so the disagreement is expected rather than a bug.
 */

/** Opcodes of shipped 3.0 proposals: return_call(_indirect), try/catch/throw/rethrow/delegate/catch_all, the atomics prefix. */
const beyondOpcodes = new Set([0x12, 0x13, 0x06, 0x07, 0x08, 0x09, 0x18, 0x19, 0xfe]);
const TAG_SECTION = 13;
/** Memory limits flags with the "shared" bit. */
const sharedLimits = new Set([0x02, 0x03]);

export function beyondWasm2(bytes: Uint8Array, message: string): string | null {
  const at = /at byte 0x([0-9a-f]+)/.exec(message);
  const offset = at ? Number.parseInt(at[1]!, 16) : -1;
  const byte = bytes[offset];
  const opcode = /illegal opcode: ([0-9a-f]+)/.exec(message);
  if (opcode && beyondOpcodes.has(Number.parseInt(opcode[1]!, 16))) return `opcode 0x${opcode[1]}`;
  if (/malformed section id/.test(message) && byte === TAG_SECTION) return "tag section";
  if (/integer too large/.test(message) && byte !== undefined && sharedLimits.has(byte))
    return "shared memory";
  return null;
}
