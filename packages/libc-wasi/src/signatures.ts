/**
 * The wasm signature of every wasi_snapshot_preview1 function: parameter types, then the
 * result (`errno` as i32; proc_exit has none). For engines and linkers that check an
 * import's type against what it expects.
 */
export type WasiValueType = "i32" | "i64";

export interface WasiSignature {
  readonly params: readonly WasiValueType[];
  readonly results: readonly WasiValueType[];
}

function sig(params: string): WasiSignature {
  const types = [...params].map((c): WasiValueType => (c === "I" ? "i64" : "i32"));
  return { params: types, results: ["i32"] };
}

/** Parameters written as one letter each: "i" for i32, "I" for i64. */
export const wasiSignatures: Readonly<Record<string, WasiSignature>> = {
  args_get: sig("ii"),
  args_sizes_get: sig("ii"),
  environ_get: sig("ii"),
  environ_sizes_get: sig("ii"),
  clock_res_get: sig("ii"),
  clock_time_get: sig("iIi"),
  fd_advise: sig("iIIi"),
  fd_allocate: sig("iII"),
  fd_close: sig("i"),
  fd_datasync: sig("i"),
  fd_fdstat_get: sig("ii"),
  fd_fdstat_set_flags: sig("ii"),
  fd_fdstat_set_rights: sig("iII"),
  fd_filestat_get: sig("ii"),
  fd_filestat_set_size: sig("iI"),
  fd_filestat_set_times: sig("iIIi"),
  fd_pread: sig("iiiIi"),
  fd_prestat_get: sig("ii"),
  fd_prestat_dir_name: sig("iii"),
  fd_pwrite: sig("iiiIi"),
  fd_read: sig("iiii"),
  fd_readdir: sig("iiiIi"),
  fd_renumber: sig("ii"),
  fd_seek: sig("iIii"),
  fd_sync: sig("i"),
  fd_tell: sig("ii"),
  fd_write: sig("iiii"),
  path_create_directory: sig("iii"),
  path_filestat_get: sig("iiiii"),
  path_filestat_set_times: sig("iiiiIIi"),
  path_link: sig("iiiiiii"),
  path_open: sig("iiiiiIIii"),
  path_readlink: sig("iiiiii"),
  path_remove_directory: sig("iii"),
  path_rename: sig("iiiiii"),
  path_symlink: sig("iiiii"),
  path_unlink_file: sig("iii"),
  poll_oneoff: sig("iiii"),
  proc_exit: { params: ["i32"], results: [] },
  proc_raise: sig("i"),
  sched_yield: sig(""),
  random_get: sig("ii"),
  sock_accept: sig("iii"),
  sock_recv: sig("iiiiii"),
  sock_send: sig("iiiii"),
  sock_shutdown: sig("ii"),
};

/**
 * Whether a function type, given by its value types' names ("i32", "i64", "f32", ...), is
 * WASI's type for the function `name`. False for names WASI does not have.
 */
export function isWasiFunctionType(
  name: string,
  params: readonly string[],
  results: readonly string[],
): boolean {
  const signature = wasiSignatures[name];
  if (signature === undefined) return false;
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((t, i) => t === b[i]);
  return same(params, signature.params) && same(results, signature.results);
}
