/** A request as WAMR's app library and app manager exchange it (`request_t`). */
export interface RequestPacket {
  readonly action: number;
  readonly fmt: number;
  readonly mid: number;
  readonly sender: number;
  readonly url: string;
  readonly payload: Uint8Array;
}

const HEADER = 18;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Packs a request in WAMR's layout (`restful_utils.c`): version 1, action, fmt u16, mid u32,
 * sender u32, url_len u16 (with the NUL), payload_len u32, all big-endian, then the URL and
 * its NUL, then the payload.
 */
export function packRequest(request: RequestPacket): Uint8Array {
  const url = encoder.encode(request.url);
  const bytes = new Uint8Array(HEADER + url.length + 1 + request.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, request.action);
  view.setUint16(2, request.fmt);
  view.setUint32(4, request.mid >>> 0);
  view.setUint32(8, request.sender >>> 0);
  view.setUint16(12, url.length + 1);
  view.setUint32(14, request.payload.length);
  bytes.set(url, HEADER);
  bytes.set(request.payload, HEADER + url.length + 1);
  return bytes;
}

/**
 * Reads a request packet; undefined where WAMR's `unpack_request` rejects it (version not 1,
 * short, sizes that do not add up, URL without its NUL). The payload is a copy.
 */
export function unpackRequest(bytes: Uint8Array): RequestPacket | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const urlLength = view.getUint16(12);
  const payloadLength = view.getUint32(14);
  if (view.getUint8(0) !== 1 || bytes.length !== HEADER + urlLength + payloadLength) return undefined;
  if (urlLength === 0 || bytes[HEADER + urlLength - 1] !== 0) return undefined;
  return {
    action: view.getUint8(1),
    fmt: view.getUint16(2),
    mid: view.getUint32(4),
    sender: view.getUint32(8),
    url: decoder.decode(bytes.subarray(HEADER, HEADER + urlLength - 1)),
    payload: bytes.slice(HEADER + urlLength),
  };
}
