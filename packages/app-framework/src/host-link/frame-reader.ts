import { LINK_LEAD, type LinkMessage } from "./link-frame.js";

/** A frame whose declared length is over the reader's maximum: skipped, with its first bytes kept. */
export interface OversizedFrame {
  readonly type: number;
  readonly length: number;
  /** Up to the first `headBytes` bytes of its payload (enough for a request packet's mid). */
  readonly head: Uint8Array;
}

export interface FrameReaderOptions {
  /** Largest payload accepted; a longer frame is skipped and reported (default 16 MiB). */
  readonly maxPayload?: number;
  /** How much of an oversized frame's payload `onOversized` sees (default 18: a request header). */
  readonly headBytes?: number;
  readonly onFrame: (message: LinkMessage) => void;
  readonly onOversized?: (frame: OversizedFrame) => void;
  /** Bytes dropped while hunting for the lead (a wrong byte resets the reader, as WAMR's does). */
  readonly onDiscarded?: (count: number) => void;
}

/** Where the reader is in a frame (numbers, not a TS enum: the code base keeps to erasable syntax). */
const State = { Lead0: 0, Lead1: 1, Header: 2, Payload: 3, Skip: 4 } as const;
type State = (typeof State)[keyof typeof State];

/**
 * The receiving side of the link: WAMR's byte-by-byte state machine (`on_imrt_link_byte_arrive`)
 * over chunks. It hunts for 0x12 0x34, reads the big-endian type and length, then the payload;
 * a byte that breaks the lead resets it to hunting (unlike WAMR's, that byte is looked at again,
 * so `12 12 34` still finds its frame). The payload buffer is allocated once its length is known
 * and checked against `maxPayload`, so a huge declared length costs nothing: that frame is
 * counted down and dropped.
 */
export class FrameReader {
  private readonly maxPayload: number;
  private readonly headBytes: number;
  private readonly options: FrameReaderOptions;
  private state: State = State.Lead0;
  private readonly header = new Uint8Array(6);
  private headerFill = 0;
  private type = 0;
  private length = 0;
  private payload = new Uint8Array(0);
  private fill = 0;
  private discarded = 0;

  constructor(options: FrameReaderOptions) {
    this.options = options;
    this.maxPayload = options.maxPayload ?? 16 * 1024 * 1024;
    this.headBytes = options.headBytes ?? 18;
  }

  /** True while part of a frame has been read (a transport that closes now cut a message short). */
  get midFrame(): boolean {
    return this.state !== State.Lead0;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case State.Lead0:
          if (chunk[at] === LINK_LEAD[0]) this.state = State.Lead1;
          else this.discarded++;
          at++;
          break;
        case State.Lead1:
          if (chunk[at] === LINK_LEAD[1]) {
            this.state = State.Header;
            this.headerFill = 0;
            at++;
          } else {
            // Not a lead after all: the 0x12 is dropped, and this byte may start a new lead.
            this.discarded++;
            this.state = State.Lead0;
          }
          break;
        case State.Header: {
          const take = Math.min(6 - this.headerFill, chunk.length - at);
          this.header.set(chunk.subarray(at, at + take), this.headerFill);
          this.headerFill += take;
          at += take;
          if (this.headerFill === 6) this.startPayload();
          break;
        }
        case State.Payload: {
          const take = Math.min(this.length - this.fill, chunk.length - at);
          this.payload.set(chunk.subarray(at, at + take), this.fill);
          this.fill += take;
          at += take;
          if (this.fill === this.length) this.finish();
          break;
        }
        case State.Skip: {
          const take = Math.min(this.length - this.fill, chunk.length - at);
          const before = this.fill;
          if (before < this.payload.length)
            this.payload.set(chunk.subarray(at, at + Math.min(take, this.payload.length - before)), before);
          this.fill += take;
          at += take;
          // Reported as soon as its head is in, so the sender can be answered before it finishes.
          if (before < this.payload.length && this.fill >= this.payload.length) {
            const frame = { type: this.type, length: this.length, head: this.payload };
            this.payload = new Uint8Array(0);
            this.options.onOversized?.(frame);
          }
          if (this.fill === this.length) this.state = State.Lead0;
          break;
        }
      }
    }
    this.reportDiscarded();
  }

  private startPayload(): void {
    this.reportDiscarded();
    const view = new DataView(this.header.buffer);
    this.type = view.getUint16(0);
    this.length = view.getUint32(2);
    this.fill = 0;
    if (this.length > this.maxPayload) {
      this.state = State.Skip;
      this.payload = new Uint8Array(Math.min(this.headBytes, this.length));
      return;
    }
    this.payload = new Uint8Array(this.length);
    this.state = State.Payload;
    if (this.length === 0) this.finish();
  }

  private finish(): void {
    const message = { type: this.type, payload: this.payload };
    this.state = State.Lead0;
    this.payload = new Uint8Array(0);
    this.options.onFrame(message);
  }

  private reportDiscarded(): void {
    if (this.discarded === 0) return;
    const count = this.discarded;
    this.discarded = 0;
    this.options.onDiscarded?.(count);
  }
}
