;; SIMD kernel: integer dot product of two 8192-element i16 vectors with i32x4.dot_i16x8_s,
;; accumulated in i32x4 lanes and reduced with extract_lane, `reps` times (sum of all results).
(module
  (memory (export "memory") 1)
  (func $init (local $i i32) (local $x i32)
    (local.set $x (i32.const 12345))
    (loop $fill
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
      (i32.store16 (i32.shl (local.get $i) (i32.const 1)) (i32.shr_s (local.get $x) (i32.const 16)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16384)))))
  (func (export "run") (param $reps i32) (result i32) (local $p i32) (local $acc v128) (local $sum i32)
    (call $init)
    (loop $rep
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $p (i32.const 0))
      (loop $vec
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (v128.load (local.get $p)) (v128.load offset=16384 (local.get $p)))))
        (br_if $vec (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 16384))))
      (local.set $sum (i32.add (local.get $sum)
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
          (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
      (br_if $rep (local.tee $reps (i32.sub (local.get $reps) (i32.const 1)))))
    (local.get $sum)))
