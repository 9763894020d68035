// Resources, requests, responses and events (WAMR's AssemblyScript request API), with the
// packets in WAMR's layout (big-endian headers of 18 and 16 bytes). The runtime calls the
// app's _on_request and _on_response, which must call on_request and on_response here (see
// exports.ts). Where WAMR's AssemblyScript library differs from its C library, this follows
// the C library: URL prefixes match as check_url_start does (WAMR's compares only the part
// before the first "/"), a transaction ends with its response (WAMR's stays and its handler
// is called again with null at the timeout), and message ids start at 1.

import * as console from "./console";
import * as timer from "./timer";

@external("env", "wasm_response_send")
declare function wasm_response_send(buffer: ArrayBuffer, size: i32): bool;

@external("env", "wasm_register_resource")
declare function wasm_register_resource(url: ArrayBuffer): void;

@external("env", "wasm_post_request")
declare function wasm_post_request(buffer: ArrayBuffer, size: i32): void;

@external("env", "wasm_sub_event")
declare function wasm_sub_event(url: ArrayBuffer): void;

export const COAP_GET = 1;
export const COAP_POST = 2;
export const COAP_PUT = 3;
export const COAP_DELETE = 4;
export const COAP_EVENT = COAP_DELETE + 2;

/** CoAP response codes: class * 32 + detail. */
export enum CoAP_Status {
  NO_ERROR = 0,
  CREATED_2_01 = 65,
  DELETED_2_02 = 66,
  VALID_2_03 = 67,
  CHANGED_2_04 = 68,
  CONTENT_2_05 = 69,
  CONTINUE_2_31 = 95,
  BAD_REQUEST_4_00 = 128,
  UNAUTHORIZED_4_01 = 129,
  BAD_OPTION_4_02 = 130,
  FORBIDDEN_4_03 = 131,
  NOT_FOUND_4_04 = 132,
  METHOD_NOT_ALLOWED_4_05 = 133,
  NOT_ACCEPTABLE_4_06 = 134,
  PRECONDITION_FAILED_4_12 = 140,
  REQUEST_ENTITY_TOO_LARGE_4_13 = 141,
  UNSUPPORTED_MEDIA_TYPE_4_15 = 143,
  INTERNAL_SERVER_ERROR_5_00 = 160,
  NOT_IMPLEMENTED_5_01 = 161,
  BAD_GATEWAY_5_02 = 162,
  SERVICE_UNAVAILABLE_5_03 = 163,
  GATEWAY_TIMEOUT_5_04 = 164,
  PROXYING_NOT_SUPPORTED_5_05 = 165,
  MEMORY_ALLOCATION_ERROR = 192,
  PACKET_SERIALIZATION_ERROR = 193,
  MANUAL_RESPONSE = 194,
  PING_RESPONSE = 195,
}

const REQUEST_PACKET_FIX_PART_LEN = 18;
const RESPONSE_PACKET_FIX_PART_LEN = 16;
const TRANSACTION_TIMEOUT_MS: u32 = 5000;
const Reg_Event = 0;
const Reg_Request = 1;

let g_mid: i32 = 0;

export class wamr_request {
  mid: i32 = 0;
  url: string = "";
  action: i32 = 0;
  fmt: i32 = 0;
  payload: ArrayBuffer;
  payload_len: i32 = 0;
  sender: i32 = 0;

  constructor(mid: i32, url: string, action: i32, fmt: i32, payload: ArrayBuffer, payload_len: number) {
    this.mid = mid;
    this.url = url;
    this.action = action;
    this.fmt = fmt;
    this.payload = payload;
    this.payload_len = i32(payload_len);
  }
}

export class wamr_response {
  mid: i32 = 0;
  status: i32 = 0;
  fmt: i32 = 0;
  payload: ArrayBuffer | null;
  payload_len: i32 = 0;
  receiver: i32 = 0;

  constructor(mid: i32, status: i32, fmt: i32, payload: ArrayBuffer | null, payload_len: i32) {
    this.mid = mid;
    this.status = status;
    this.fmt = fmt;
    this.payload = payload;
    this.payload_len = payload_len;
  }

  set_status(status: number): void {
    this.status = i32(status);
  }

  set_payload(payload: ArrayBuffer, payload_len: number): void {
    this.payload = payload;
    this.payload_len = i32(payload_len);
  }
}

export type request_handler_f = (req: wamr_request) => void;
export type response_handler_f = (resp: wamr_response | null) => void;

class wamr_resource {
  constructor(
    public url: string,
    public type: i32,
    public cb: request_handler_f,
  ) {}
}

class wamr_transaction {
  constructor(
    public mid: i32,
    public time: i32,
    public cb: response_handler_f,
  ) {}
}

const resource_list: wamr_resource[] = [];
const transaction_list: wamr_transaction[] = [];
let g_trans_timer: timer.user_timer | null = null;

function pack_request(req: wamr_request): ArrayBuffer {
  const url = String.UTF8.encode(req.url, true);
  const url_len = url.byteLength;
  const len = REQUEST_PACKET_FIX_PART_LEN + url_len + req.payload_len;
  const buf = new ArrayBuffer(len);
  const view = new DataView(buf);
  view.setUint8(0, 1);
  view.setUint8(1, u8(req.action));
  view.setUint16(2, u16(req.fmt), false);
  view.setUint32(4, req.mid, false);
  view.setUint32(8, req.sender, false);
  view.setUint16(12, u16(url_len), false);
  view.setUint32(14, req.payload_len, false);
  memory.copy(changetype<usize>(buf) + REQUEST_PACKET_FIX_PART_LEN, changetype<usize>(url), url_len);
  if (req.payload_len > 0)
    memory.copy(
      changetype<usize>(buf) + REQUEST_PACKET_FIX_PART_LEN + url_len,
      changetype<usize>(req.payload),
      req.payload_len,
    );
  return buf;
}

/** The request packed at ptr, or null when the packet is malformed (as the C library checks). */
function unpack_request(ptr: usize, size: i32): wamr_request | null {
  if (size < REQUEST_PACKET_FIX_PART_LEN || load<u8>(ptr) != 1) return null;
  const url_len = i32(bswap<u16>(load<u16>(ptr + 12)));
  const payload_len = bswap<u32>(load<u32>(ptr + 14));
  if (u64(size) != u64(REQUEST_PACKET_FIX_PART_LEN) + u64(url_len) + u64(payload_len)) return null;
  if (url_len == 0 || load<u8>(ptr + REQUEST_PACKET_FIX_PART_LEN + url_len - 1) != 0) return null;
  const url = String.UTF8.decodeUnsafe(ptr + REQUEST_PACKET_FIX_PART_LEN, url_len - 1);
  const payload = new ArrayBuffer(i32(payload_len));
  memory.copy(changetype<usize>(payload), ptr + REQUEST_PACKET_FIX_PART_LEN + url_len, payload_len);
  const req = new wamr_request(
    i32(bswap<u32>(load<u32>(ptr + 4))),
    url,
    load<u8>(ptr + 1),
    bswap<u16>(load<u16>(ptr + 2)),
    payload,
    payload_len,
  );
  req.sender = i32(bswap<u32>(load<u32>(ptr + 8)));
  return req;
}

function pack_response(resp: wamr_response): ArrayBuffer {
  const len = RESPONSE_PACKET_FIX_PART_LEN + resp.payload_len;
  const buf = new ArrayBuffer(len);
  const view = new DataView(buf);
  view.setUint8(0, 1);
  view.setUint8(1, u8(resp.status));
  view.setUint16(2, u16(resp.fmt), false);
  view.setUint32(4, resp.mid, false);
  view.setUint32(8, resp.receiver, false);
  view.setUint32(12, resp.payload_len, false);
  const payload = resp.payload;
  if (payload != null && resp.payload_len > 0)
    memory.copy(changetype<usize>(buf) + RESPONSE_PACKET_FIX_PART_LEN, changetype<usize>(payload), resp.payload_len);
  return buf;
}

function unpack_response(ptr: usize, size: i32): wamr_response | null {
  if (size < RESPONSE_PACKET_FIX_PART_LEN || load<u8>(ptr) != 1) return null;
  const payload_len = bswap<u32>(load<u32>(ptr + 12));
  if (u64(size) != u64(RESPONSE_PACKET_FIX_PART_LEN) + u64(payload_len)) return null;
  let payload: ArrayBuffer | null = null;
  if (payload_len > 0) {
    const bytes = new ArrayBuffer(i32(payload_len));
    memory.copy(changetype<usize>(bytes), ptr + RESPONSE_PACKET_FIX_PART_LEN, payload_len);
    payload = bytes;
  }
  const resp = new wamr_response(
    i32(bswap<u32>(load<u32>(ptr + 4))),
    load<u8>(ptr + 1),
    bswap<u16>(load<u16>(ptr + 2)),
    payload,
    i32(payload_len),
  );
  resp.receiver = i32(bswap<u32>(load<u32>(ptr + 8)));
  return resp;
}

/**
 * Whether url starts with the resource leading: a leading "/" is optional on both, a trailing
 * "/" on leading is ignored, and the match must end at the end of url, at "/" or at "?".
 */
export function check_url_start(url: string, leading: string): bool {
  if (url.startsWith("/")) url = url.substring(1);
  if (leading.startsWith("/")) leading = leading.substring(1);
  if (leading.endsWith("/")) leading = leading.substring(0, leading.length - 1);
  if (leading.length == 0 || !url.startsWith(leading)) return false;
  if (url.length == leading.length) return true;
  const next = url.charCodeAt(leading.length);
  return next == 0x2f || next == 0x3f;
}

function elapsed_ms(since: i32): u32 {
  return u32(timer.now()) - u32(since);
}

/** Sets the transaction timer for the oldest transaction, or stops it when there is none. */
function rearm_transaction_timer(): void {
  const trans_timer = g_trans_timer;
  if (trans_timer == null) return;
  if (transaction_list.length > 0) {
    const elapsed = elapsed_ms(transaction_list[0].time);
    // 0 could mean "never" to a runtime: an expired transaction's timer fires as soon as it can
    timer.timer_restart(trans_timer, elapsed >= TRANSACTION_TIMEOUT_MS ? 1 : TRANSACTION_TIMEOUT_MS - elapsed);
  } else {
    timer.timer_stop(trans_timer);
  }
}

function transaction_timeout_handler(): void {
  while (transaction_list.length > 0 && elapsed_ms(transaction_list[0].time) >= TRANSACTION_TIMEOUT_MS) {
    const expired = transaction_list.shift();
    expired.cb(null);
  }
  rearm_transaction_timer();
}

function do_request(req: wamr_request, cb: response_handler_f): void {
  const packet = pack_request(req);
  transaction_list.push(new wamr_transaction(req.mid, timer.now(), cb));
  if (transaction_list.length == 1) {
    const trans_timer = g_trans_timer;
    if (trans_timer == null) g_trans_timer = timer.setTimeout(transaction_timeout_handler, i32(TRANSACTION_TIMEOUT_MS));
    else timer.timer_restart(trans_timer, TRANSACTION_TIMEOUT_MS);
  }
  wasm_post_request(packet, packet.byteLength);
}

function register_url_handler(url: string, cb: request_handler_f, type: i32): void {
  for (let i = 0; i < resource_list.length; i++) {
    if (resource_list[i].type == type && resource_list[i].url == url) {
      resource_list[i].cb = cb;
      return;
    }
  }
  resource_list.push(new wamr_resource(url, type, cb));
  if (type == Reg_Request) wasm_register_resource(String.UTF8.encode(url, true));
  else wasm_sub_event(String.UTF8.encode(url, true));
}

/* User APIs */

/** POSTs payload to url; cb gets the response, or null after 5 s. tag is unused (as in WAMR). */
export function post(
  url: string,
  payload: ArrayBuffer,
  payload_len: number,
  tag: string,
  cb: response_handler_f,
): void {
  do_request(new wamr_request(++g_mid, url, COAP_POST, 0, payload, payload_len), cb);
}

export function get(url: string, tag: string, cb: response_handler_f): void {
  do_request(new wamr_request(++g_mid, url, COAP_GET, 0, new ArrayBuffer(0), 0), cb);
}

export function put(
  url: string,
  payload: ArrayBuffer,
  payload_len: number,
  tag: string,
  cb: response_handler_f,
): void {
  do_request(new wamr_request(++g_mid, url, COAP_PUT, 0, payload, payload_len), cb);
}

export function del(url: string, tag: string, cb: response_handler_f): void {
  do_request(new wamr_request(++g_mid, url, COAP_DELETE, 0, new ArrayBuffer(0), 0), cb);
}

/** A 2.05 response to req, addressed to its sender. */
export function make_response_for_request(req: wamr_request): wamr_response {
  const resp = new wamr_response(req.mid, CoAP_Status.CONTENT_2_05, 0, null, 0);
  resp.receiver = req.sender;
  return resp;
}

export function api_response_send(resp: wamr_response): void {
  const packet = pack_response(resp);
  wasm_response_send(packet, packet.byteLength);
}

export function register_resource_handler(url: string, request_handle: request_handler_f): void {
  register_url_handler(url, request_handle, Reg_Request);
}

export function publish_event(url: string, fmt: number, payload: ArrayBuffer, payload_len: number): void {
  const packet = pack_request(new wamr_request(++g_mid, url, COAP_EVENT, i32(fmt), payload, payload_len));
  wasm_post_request(packet, packet.byteLength);
}

export function subscribe_event(url: string, cb: request_handler_f): void {
  register_url_handler(url, cb, Reg_Event);
}

/* Called by the app's _on_request and _on_response (see exports.ts). */

export function on_request(buffer_offset: i32, size: i32): void {
  const req = unpack_request(usize(buffer_offset), size);
  if (req == null) {
    console.log("unpack request failed");
    return;
  }
  const wanted = req.action == COAP_EVENT ? Reg_Event : Reg_Request;
  for (let i = 0; i < resource_list.length; i++) {
    const resource = resource_list[i];
    if (resource.type == wanted && check_url_start(req.url, resource.url)) {
      resource.cb(req);
      return;
    }
  }
  console.log("on_request: exit. no service handler");
}

export function on_response(buffer_offset: i32, size: i32): void {
  const resp = unpack_response(usize(buffer_offset), size);
  if (resp == null) {
    console.log("unpack response failed");
    return;
  }
  for (let i = 0; i < transaction_list.length; i++) {
    const trans = transaction_list[i];
    if (trans.mid == resp.mid) {
      transaction_list.splice(i, 1);
      if (i == 0) rearm_transaction_timer();
      trans.cb(resp);
      return;
    }
  }
  console.log("cannot find the transaction");
}
