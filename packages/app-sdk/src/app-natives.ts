/** The module WAMR registers the app framework's natives under (with libc-builtin). */
export const APP_NATIVES_MODULE = "env";

/** Which extension of WAMR's app framework a native belongs to. */
export type AppNativeGroup = "base" | "sensor" | "connection";

export interface AppNative {
  readonly name: string;
  /** WAMR's signature string: `i` i32, `*` app pointer, `~` its length, `$` C string. */
  readonly signature: string;
  readonly group: AppNativeGroup;
}

/**
 * The natives WAMR's runtime exports to apps, with WAMR's names and signature strings (its
 * `base_lib.inl`, `runtime_sensor.inl`, `connection.inl`). The app library in `c/lib` imports
 * a subset of these and nothing else of the app framework.
 */
export const APP_NATIVES: readonly AppNative[] = [
  { name: "wasm_register_resource", signature: "($)", group: "base" },
  { name: "wasm_response_send", signature: "(*~)i", group: "base" },
  { name: "wasm_post_request", signature: "(*~)", group: "base" },
  { name: "wasm_sub_event", signature: "($)", group: "base" },
  { name: "wasm_create_timer", signature: "(iii)i", group: "base" },
  { name: "wasm_timer_destroy", signature: "(i)", group: "base" },
  { name: "wasm_timer_cancel", signature: "(i)", group: "base" },
  { name: "wasm_timer_restart", signature: "(ii)", group: "base" },
  { name: "wasm_get_sys_tick_ms", signature: "()i", group: "base" },
  { name: "wasm_sensor_open", signature: "($i)i", group: "sensor" },
  { name: "wasm_sensor_config", signature: "(iiii)i", group: "sensor" },
  { name: "wasm_sensor_config_with_attr_container", signature: "(i*~)i", group: "sensor" },
  { name: "wasm_sensor_close", signature: "(i)i", group: "sensor" },
  { name: "wasm_open_connection", signature: "($*~)i", group: "connection" },
  { name: "wasm_close_connection", signature: "(i)", group: "connection" },
  { name: "wasm_send_on_connection", signature: "(i*~)i", group: "connection" },
  { name: "wasm_config_connection", signature: "(i*~)i", group: "connection" },
];
