/**
 * @microwasm/runtime/wamr: WAMR's embedding API with C's names and argument order, so a C host
 * ports line by line. Same implementation as the idiomatic face (handles are its objects).
 * Nothing here throws into the host: failures return false/null/0, with the message in an
 * `error_buf` (`{ message }`) or as the instance's exception (`wasm_runtime_get_exception`).
 */

export * from "./wamr-api.js";
export {
  type ErrorBuf,
  EXPORT_WASM_API_WITH_SIG,
  type mem_alloc_info_t,
  type mem_alloc_type_t,
  type NativeSymbol,
  type RuntimeInitArgs,
  WASM_EXTERNREF,
  WASM_F32,
  WASM_F64,
  WASM_FUNCREF,
  WASM_I32,
  WASM_I64,
  WASM_V128,
  type wasm_exec_env_t,
  type wasm_function_inst_t,
  type wasm_module_inst_t,
  type wasm_module_t,
  type wasm_val_t,
} from "./wamr-types.js";
