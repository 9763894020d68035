;; A WASI command whose output arrives over time: "tick 1" to "tick 5", 300 ms apart
;; (poll_oneoff on the monotonic clock), so the demo shows output streaming in.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; the line, its digit at 105; the iovec at 0; a clock subscription at 200; its event at 300
  (data (i32.const 100) "tick 0\n")
  (func (export "_start") (local $i i32)
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 7))
    (i32.store (i32.const 216) (i32.const 1))
    (i64.store (i32.const 224) (i64.const 300000000))
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (i32.store8 (i32.const 105) (i32.add (i32.const 48) (local.get $i)))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (i32.lt_u (local.get $i) (i32.const 5))
        (then
          (drop (call $poll_oneoff (i32.const 200) (i32.const 300) (i32.const 1) (i32.const 8)))
          (br $next))))))
