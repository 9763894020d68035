;; SIMD kernel: transforms 2048 vec4 by a 4x4 column-major matrix (f32x4.mul/add with lanes
;; broadcast by i8x16.shuffle), `reps` times, writing the results in place (values stay bounded:
;; the matrix is a rotation). Returns a checksum of every result word.
(module
  (memory (export "memory") 1)
  (func $init (local $i i32)
    ;; rotation by 90 degrees about z, then swap back: columns (0,1,0,0) (-1,0,0,0) (0,0,1,0) (0,0,0,1)
    (v128.store (i32.const 0) (v128.const f32x4 0 1 0 0))
    (v128.store (i32.const 16) (v128.const f32x4 -1 0 0 0))
    (v128.store (i32.const 32) (v128.const f32x4 0 0 1 0))
    (v128.store (i32.const 48) (v128.const f32x4 0 0 0 1))
    (loop $fill
      (f32.store offset=64 (i32.shl (local.get $i) (i32.const 2)) (f32.convert_i32_u (local.get $i)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8192)))))
  (func (export "run") (param $reps i32) (result i32)
    (local $p i32) (local $v v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $sum i32)
    (call $init)
    (local.set $c0 (v128.load (i32.const 0)))
    (local.set $c1 (v128.load (i32.const 16)))
    (local.set $c2 (v128.load (i32.const 32)))
    (local.set $c3 (v128.load (i32.const 48)))
    (loop $rep
      (local.set $p (i32.const 64))
      (loop $vec
        (local.set $v (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f32x4.add
            (f32x4.add
              (f32x4.mul (local.get $c0) (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $v) (local.get $v)))
              (f32x4.mul (local.get $c1) (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $v) (local.get $v))))
            (f32x4.add
              (f32x4.mul (local.get $c2) (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $v) (local.get $v)))
              (f32x4.mul (local.get $c3) (f32x4.splat (f32x4.extract_lane 3 (local.get $v)))))))
        (br_if $vec (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 32832))))
      (br_if $rep (local.tee $reps (i32.sub (local.get $reps) (i32.const 1)))))
    ;; checksum: every result word, rotated into the sum
    (local.set $p (i32.const 64))
    (loop $sum
      (local.set $sum (i32.add (i32.rotl (local.get $sum) (i32.const 5)) (i32.load (local.get $p))))
      (br_if $sum (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 32832))))
    (local.get $sum)))
