import { connect, type Socket } from "node:net";
import {
  encodeFrame,
  FrameReader,
  type LinkMessage,
  LinkMessageType,
  packRequest,
  unpackRequest,
  unpackResponse,
} from "@microwasm/app-framework/host-link";
import { AttrContainer } from "@microwasm/attr-container";

export interface Answer {
  readonly status: number;
  readonly fmt: number;
  /** The payload as JSON when it is an attr_container. */
  readonly json: Record<string, unknown> | undefined;
}

/** A raw host-link client over TCP for tests that need more than `microwasm host` does (many requests, bad bytes). */
export class LinkClient {
  readonly socket: Socket;
  readonly messages: LinkMessage[] = [];
  private readonly waiters = new Map<number, (answer: Answer) => void>();
  private nextMid = 1;

  private constructor(socket: Socket) {
    this.socket = socket;
    const reader = new FrameReader({
      onFrame: (message) => {
        this.messages.push(message);
        if (message.type !== LinkMessageType.RESPONSE) return;
        const response = unpackResponse(message.payload);
        if (response === undefined) return;
        const waiter = this.waiters.get(response.mid);
        if (waiter === undefined) return;
        this.waiters.delete(response.mid);
        let json: Record<string, unknown> | undefined;
        if (response.fmt === 99 && response.payload.length > 0)
          json = AttrContainer.fromBytes(response.payload).toJSON();
        waiter({ status: response.status, fmt: response.fmt, json });
      },
    });
    socket.on("data", (chunk) => reader.push(chunk));
  }

  static open(port: number): Promise<LinkClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.setNoDelay(true);
        resolve(new LinkClient(socket));
      });
    });
  }

  /** The frame of a request, for tests that send it in pieces. */
  frame(
    url: string,
    action: number,
    payload: Uint8Array = new Uint8Array(0),
    type: number = LinkMessageType.REQUEST,
  ) {
    const mid = this.nextMid++;
    const fmt = type === LinkMessageType.INSTALL_WASM_APP ? 98 : 99;
    return { mid, bytes: encodeFrame(type, packRequest({ action, fmt, mid, sender: 0, url, payload })) };
  }

  /** Resolves with the response to `mid` (or rejects after `timeoutMs`). */
  answer(mid: number, timeoutMs = 10_000): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to mid ${mid}`)), timeoutMs);
      this.waiters.set(mid, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
  }

  request(url: string, action: number, payload?: Uint8Array, type?: number): Promise<Answer> {
    const { mid, bytes } = this.frame(url, action, payload, type);
    const answer = this.answer(mid);
    this.socket.write(bytes);
    return answer;
  }

  install(name: string, bytes: Uint8Array, query = ""): Promise<Answer> {
    return this.request(`/applet?name=${name}${query}`, 3, bytes, LinkMessageType.INSTALL_WASM_APP);
  }

  events() {
    return this.messages
      .filter((m) => m.type === LinkMessageType.REQUEST)
      .map((m) => unpackRequest(m.payload)!);
  }

  close(): void {
    this.socket.destroy();
  }
}
