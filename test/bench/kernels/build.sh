#!/usr/bin/env bash
# Rebuilds the committed kernel .wasm files from their C sources (needs Debian's `clang lld`).
# Freestanding: no libc, no WASI; each module exports `run(i32) -> i32` and its memory.
set -euo pipefail
cd "$(dirname "$0")"
for src in *.c; do
  name="${src%.c}"
  features=""
  if [ "$name" = bulk ]; then features="-mbulk-memory"; fi
  if [ "$name" = tailcall ]; then features="-mtail-call"; fi
  clang --target=wasm32 -nostdlib -O2 -fno-builtin $features \
    -Wl,--no-entry -Wl,--export=run -o "$name.wasm" "$src"
  echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes)"
done
