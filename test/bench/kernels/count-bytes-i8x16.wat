;; SIMD kernel: counts the bytes equal to 'e' in 64 KiB of text-like bytes (i8x16.eq, i8x16.sub
;; as a counter, i16x8.extadd_pairwise_i8x16_u and i32x4.extadd_pairwise_i16x8_u to widen every
;; 255 vectors), `reps` times.
(module
  (memory (export "memory") 1)
  (func $init (local $i i32) (local $x i32)
    (local.set $x (i32.const 7))
    (loop $fill
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
      (i32.store8 (local.get $i) (i32.add (i32.const 97) (i32.rem_u (i32.shr_u (local.get $x) (i32.const 24)) (i32.const 26))))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 65536)))))
  (func (export "run") (param $reps i32) (result i32)
    (local $p i32) (local $n i32) (local $bytes v128) (local $total v128) (local $needle v128) (local $count i32)
    (call $init)
    (local.set $needle (i8x16.splat (i32.const 101)))
    (loop $rep
      (local.set $total (v128.const i32x4 0 0 0 0))
      (local.set $p (i32.const 0))
      (loop $block
        (local.set $bytes (v128.const i32x4 0 0 0 0))
        (local.set $n (i32.const 240))
        (loop $vec
          ;; eq gives -1 per matching lane: subtracting it counts up
          (local.set $bytes (i8x16.sub (local.get $bytes) (i8x16.eq (v128.load (local.get $p)) (local.get $needle))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $vec (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.set $total (i32x4.add (local.get $total)
          (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $bytes)))))
        (br_if $block (i32.lt_u (local.get $p) (i32.const 61440))))
      (local.set $count (i32.add (local.get $count)
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $total)) (i32x4.extract_lane 1 (local.get $total)))
          (i32.add (i32x4.extract_lane 2 (local.get $total)) (i32x4.extract_lane 3 (local.get $total))))))
      (br_if $rep (local.tee $reps (i32.sub (local.get $reps) (i32.const 1)))))
    (local.get $count)))
