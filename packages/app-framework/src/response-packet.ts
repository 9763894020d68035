/** A response as WAMR's app library and app manager exchange it (`response_t`). */
export interface ResponsePacket {
  readonly status: number;
  readonly fmt: number;
  readonly mid: number;
  readonly receiver: number;
  readonly payload: Uint8Array;
}

const HEADER = 16;

/**
 * Packs a response in WAMR's layout (`restful_utils.c`): version 1, status, fmt u16, mid u32,
 * receiver u32, payload_len u32, big-endian, then the payload.
 */
export function packResponse(response: ResponsePacket): Uint8Array {
  const bytes = new Uint8Array(HEADER + response.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, response.status);
  view.setUint16(2, response.fmt);
  view.setUint32(4, response.mid >>> 0);
  view.setUint32(8, response.receiver >>> 0);
  view.setUint32(12, response.payload.length);
  bytes.set(response.payload, HEADER);
  return bytes;
}

/** Reads a response packet; undefined where WAMR's `unpack_response` rejects it. The payload is a copy. */
export function unpackResponse(bytes: Uint8Array): ResponsePacket | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== 1 || bytes.length !== HEADER + view.getUint32(12)) return undefined;
  return {
    status: view.getUint8(1),
    fmt: view.getUint16(2),
    mid: view.getUint32(4),
    receiver: view.getUint32(8),
    payload: bytes.slice(HEADER),
  };
}
