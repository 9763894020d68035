// The entry points the runtime calls, for an app's entry file to re-export:
//   export * from "@microwasm/app-sdk/assembly/exports";
// (WAMR's AssemblyScript samples define _on_request, _on_response and _on_timer_callback as
// wrappers in each app.) malloc and free give the runtime the app's own allocator for the
// buffers it hands to these entry points, so that they never overlap AssemblyScript's heap.

import * as request from "./request";
import * as timer from "./timer";

export function _on_request(buffer_offset: i32, size: i32): void {
  request.on_request(buffer_offset, size);
}

export function _on_response(buffer_offset: i32, size: i32): void {
  request.on_response(buffer_offset, size);
}

export function _on_timer_callback(on_timer_id: i32): void {
  timer.on_timer_callback(on_timer_id);
}

export function malloc(size: usize): usize {
  return heap.alloc(size);
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}
