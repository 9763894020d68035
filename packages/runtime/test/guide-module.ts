import { wat } from "@microwasm/test-support";

/**
 * The app of WAMR's embedding guide, in WAT: `fib`, a mixed-argument function, a function taking
 * a buffer, and calls to the guide's two natives (`display_input_read "(*)i"`,
 * `display_flush "(iiii*)"`).
 */
export function guideModule(): Promise<Uint8Array> {
  return wat(`(module
    (import "env" "display_input_read" (func $read (param i32) (result i32)))
    (import "env" "display_flush" (func $flush (param i32 i32 i32 i32 i32)))
    (memory (export "memory") 1)
    (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
    ;; char, int, double, int64 -> double: arg1 * 1000 + arg2 + arg3 + arg4
    (func (export "mixed") (param i32 i32 f64 i64) (result f64)
      (f64.add
        (f64.add (f64.convert_i32_s (i32.mul (local.get 0) (i32.const 1000))) (f64.convert_i32_s (local.get 1)))
        (f64.add (local.get 2) (f64.convert_i64_s (local.get 3)))))
    ;; (buffer, size) -> length of the NUL-terminated string in it, after upper-casing it in place
    (func (export "shout") (param $buf i32) (param $size i32) (result i32) (local $n i32) (local $c i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $size)))
        (local.set $c (i32.load8_u (i32.add (local.get $buf) (local.get $n))))
        (br_if $done (i32.eqz (local.get $c)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store8 (i32.add (local.get $buf) (local.get $n)) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
      (local.get $n))
    ;; reads input through the native into memory at 64 and returns what it returned plus the first byte
    (func (export "read_input") (result i32)
      (i32.add (call $read (i32.const 64)) (i32.load8_u (i32.const 64))))
    ;; hands a rectangle and a buffer to the native, which may call back into wasm
    (func (export "flush") (param i32 i32 i32 i32 i32) (call $flush (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4))))`);
}
