export interface AppEntryPoint {
  readonly name: string;
  /** Number of i32 parameters; entry points return nothing. */
  readonly params: number;
  /** Whether the app must define it (WAMR refuses an app without on_init). */
  readonly required: boolean;
  /** Whether the app library defines it (an app may still define its own instead). */
  readonly inLibrary: boolean;
}

/**
 * The functions the runtime calls in an app, as WAMR's app manager does (it looks each up
 * as `_name` first, then `name`). Buffers are offsets of copies in the app heap.
 */
export const APP_ENTRY_POINTS: readonly AppEntryPoint[] = [
  { name: "on_init", params: 0, required: true, inLibrary: false },
  { name: "on_destroy", params: 0, required: false, inLibrary: false },
  { name: "on_request", params: 2, required: false, inLibrary: true },
  { name: "on_response", params: 2, required: false, inLibrary: true },
  { name: "on_timer_callback", params: 1, required: false, inLibrary: true },
  { name: "on_sensor_event", params: 3, required: false, inLibrary: true },
  { name: "on_connection_data", params: 3, required: false, inLibrary: true },
];

/** What else an app exports, as WAMR's build does: its memory and its layout's ends. */
export const APP_DATA_EXPORTS: readonly string[] = ["memory", "__heap_base", "__data_end"];
