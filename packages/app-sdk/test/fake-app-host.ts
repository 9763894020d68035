import { readFileSync } from "node:fs";
import { libcBuiltinNatives } from "@microwasm/libc-builtin";
import { type ModuleInstance, type NativeSymbol, Runtime } from "@microwasm/runtime";

/** A request packet in WAMR's layout (the app library's unpack_request reads it). */
export function packRequest(r: {
  action: number;
  url: string;
  mid: number;
  sender?: number;
  fmt?: number;
  payload?: Uint8Array;
}): Uint8Array {
  const url = new TextEncoder().encode(`${r.url}\0`);
  const payload = r.payload ?? new Uint8Array(0);
  const bytes = new Uint8Array(18 + url.length + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, r.action);
  view.setUint16(2, r.fmt ?? 0);
  view.setUint32(4, r.mid);
  view.setUint32(8, r.sender ?? 0);
  view.setUint16(12, url.length);
  view.setUint32(14, payload.length);
  bytes.set(url, 18);
  bytes.set(payload, 18 + url.length);
  return bytes;
}

export function packResponse(r: {
  status: number;
  mid: number;
  fmt?: number;
  payload?: Uint8Array;
}): Uint8Array {
  const payload = r.payload ?? new Uint8Array(0);
  const bytes = new Uint8Array(16 + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 1);
  view.setUint8(1, r.status);
  view.setUint16(2, r.fmt ?? 0);
  view.setUint32(4, r.mid);
  view.setUint32(12, payload.length);
  bytes.set(payload, 16);
  return bytes;
}

/** Reads a request packet with a DataView, independently of the library. */
export function readRequest(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const urlLength = view.getUint16(12);
  return {
    version: view.getUint8(0),
    action: view.getUint8(1),
    fmt: view.getUint16(2),
    mid: view.getUint32(4),
    sender: view.getUint32(8),
    url: new TextDecoder().decode(bytes.subarray(18, 18 + urlLength - 1)),
    urlNul: bytes[18 + urlLength - 1],
    payload: bytes.subarray(18 + urlLength, 18 + urlLength + view.getUint32(14)),
    size: bytes.length,
  };
}

export function readResponse(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    version: view.getUint8(0),
    status: view.getUint8(1),
    fmt: view.getUint16(2),
    mid: view.getUint32(4),
    receiver: view.getUint32(8),
    payload: bytes.subarray(16, 16 + view.getUint32(12)),
    size: bytes.length,
  };
}

export interface FakeTimer {
  interval: number;
  periodic: boolean;
  running: boolean;
  destroyed: boolean;
}

const INVALID = 0xffffffff;

/**
 * Just enough of an app framework host to drive the app library from tests: it records what
 * the app asks of the natives (resources, subscriptions, posted requests and responses,
 * timers, sensors, connections) and hands the app packets through its entry points, in app
 * heap copies as WAMR does. Not the real host (that is the app-framework package).
 */
export class FakeAppHost {
  readonly resources: string[] = [];
  readonly subscriptions: string[] = [];
  readonly posted: Uint8Array[] = [];
  readonly responses: Uint8Array[] = [];
  readonly timers = new Map<number, FakeTimer>();
  readonly sensorConfigs: { id: number; interval?: number; config?: Uint8Array }[] = [];
  readonly openSensors = new Set<number>();
  readonly connectionOpens: { name: string; args: Uint8Array }[] = [];
  readonly sent: string[] = [];
  readonly closedConnections: number[] = [];
  now = 1_000_000;
  private output: number[] = [];
  readonly instance: ModuleInstance;

  constructor(wasmPath: string, heapSize = 16 * 1024) {
    const runtime = new Runtime();
    runtime.registerNatives("env", [
      ...libcBuiltinNatives({ stdout: (bytes) => this.output.push(...bytes) }),
      ...this.natives(),
    ]);
    this.instance = runtime.load(readFileSync(wasmPath)).instantiate({ stackSize: 16 * 1024, heapSize });
  }

  /** What the app printed since the last call. */
  stdout(): string {
    return new TextDecoder().decode(Uint8Array.from(this.output.splice(0)));
  }

  call(entry: string, ...args: number[]): void {
    this.instance.call(entry, args);
  }

  /** Calls an entry point with a copy of bytes in the app heap (then frees it), as WAMR does. */
  deliver(entry: string, bytes: Uint8Array, ...before: number[]): void {
    const at = this.instance.moduleDupData(bytes);
    if (at === 0) throw new Error("app heap full");
    this.instance.call(entry, [...before, at, bytes.length]);
    this.instance.moduleFree(at);
  }

  private natives(): NativeSymbol[] {
    const copy = (view: Uint8Array) => Uint8Array.from(view);
    const text = (view: Uint8Array) => new TextDecoder().decode(view);
    return [
      {
        name: "wasm_register_resource",
        signature: "($)",
        fn: (_env, url: string) => void this.resources.push(url),
      },
      {
        name: "wasm_sub_event",
        signature: "($)",
        fn: (_env, url: string) => void this.subscriptions.push(url),
      },
      {
        name: "wasm_post_request",
        signature: "(*~)",
        fn: (_env, buf: Uint8Array) => void this.posted.push(copy(buf)),
      },
      {
        name: "wasm_response_send",
        signature: "(*~)i",
        fn: (_env, buf: Uint8Array) => {
          this.responses.push(copy(buf));
          return 1;
        },
      },
      {
        name: "wasm_create_timer",
        signature: "(iii)i",
        fn: (_env, interval: number, periodic: number, autoStart: number) => {
          const id = this.timers.size + 1;
          this.timers.set(id, {
            interval,
            periodic: periodic !== 0,
            running: autoStart !== 0,
            destroyed: false,
          });
          return id;
        },
      },
      {
        name: "wasm_timer_cancel",
        signature: "(i)",
        fn: (_env, id: number) => {
          this.timers.get(id)!.running = false;
        },
      },
      {
        name: "wasm_timer_destroy",
        signature: "(i)",
        fn: (_env, id: number) => {
          this.timers.get(id)!.destroyed = true;
        },
      },
      {
        name: "wasm_timer_restart",
        signature: "(ii)",
        fn: (_env, id: number, interval: number) => {
          const timer = this.timers.get(id)!;
          timer.interval = interval;
          timer.running = true;
        },
      },
      { name: "wasm_get_sys_tick_ms", signature: "()i", fn: () => this.now >>> 0 },
      {
        name: "wasm_sensor_open",
        signature: "($i)i",
        fn: (_env, name: string) => {
          const id = ["sensor_test1", "sensor_test2"].indexOf(name) + 1;
          if (id === 0 || this.openSensors.has(id)) return INVALID;
          this.openSensors.add(id);
          return id;
        },
      },
      {
        name: "wasm_sensor_config",
        signature: "(iiii)i",
        fn: (_env, id: number, interval: number) => {
          this.sensorConfigs.push({ id, interval });
          return 1;
        },
      },
      {
        name: "wasm_sensor_config_with_attr_container",
        signature: "(i*~)i",
        fn: (_env, id: number, buf: Uint8Array) => {
          this.sensorConfigs.push({ id, config: copy(buf) });
          return 1;
        },
      },
      {
        name: "wasm_sensor_close",
        signature: "(i)i",
        fn: (_env, id: number) => Number(this.openSensors.delete(id)),
      },
      {
        name: "wasm_open_connection",
        signature: "($*~)i",
        fn: (_env, name: string, args: Uint8Array) => {
          this.connectionOpens.push({ name, args: copy(args) });
          return name === "TCP" ? 7 : INVALID;
        },
      },
      {
        name: "wasm_close_connection",
        signature: "(i)",
        fn: (_env, h: number) => void this.closedConnections.push(h),
      },
      {
        name: "wasm_send_on_connection",
        signature: "(i*~)i",
        fn: (_env, _h: number, data: Uint8Array) => {
          this.sent.push(text(data));
          return data.length;
        },
      },
      { name: "wasm_config_connection", signature: "(i*~)i", fn: () => 1 },
    ];
  }
}
