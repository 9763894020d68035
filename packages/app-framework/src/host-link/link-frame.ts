/** The two bytes every host-link frame starts with (WAMR's `leadings[]`). */
export const LINK_LEAD = [0x12, 0x34] as const;

/** Bytes before a frame's payload: the lead, the type (u16 BE) and the payload length (u32 BE). */
export const LINK_HEADER_SIZE = 8;

/** Link message types (WAMR's `host_link.h`, enum LINK_MSG_TYPE). */
export const LinkMessageType = {
  COAP_TCP_RAW: 0,
  COAP_UDP_RAW: 1,
  /** Host → device: every operation but a wasm install; device → host: events. */
  REQUEST: 2,
  /** Device → host: responses. */
  RESPONSE: 3,
  /** Host → device: a wasm or AoT install, the request packet carrying the whole file. */
  INSTALL_WASM_APP: 4,
  CBOR_GENERIC: 30,
} as const;

/** One message on the link: its type and its payload (a request or response packet). */
export interface LinkMessage {
  readonly type: number;
  readonly payload: Uint8Array;
}

/** Frames a payload: 0x12 0x34, type u16 big-endian, length u32 big-endian, then the payload. */
export function encodeFrame(type: number, payload: Uint8Array): Uint8Array {
  if (!Number.isInteger(type) || type < 0 || type > 0xffff)
    throw new RangeError(`host-link message type ${type} is not a u16`);
  const bytes = new Uint8Array(LINK_HEADER_SIZE + payload.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = LINK_LEAD[0];
  bytes[1] = LINK_LEAD[1];
  view.setUint16(2, type);
  view.setUint32(4, payload.length);
  bytes.set(payload, LINK_HEADER_SIZE);
  return bytes;
}
