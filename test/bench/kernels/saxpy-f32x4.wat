;; SIMD kernel: y = a * x + y over 4096 f32 (f32x4 loads, mul, add, store), `reps` times.
;; run(reps) first refills x and y, so its checksum (the bits of y[0] + y[4095]) depends on reps alone.
(module
  (memory (export "memory") 1)
  (func $init (local $i i32)
    (loop $fill
      (f32.store (i32.shl (local.get $i) (i32.const 2))
        (f32.convert_i32_s (i32.sub (i32.and (local.get $i) (i32.const 255)) (i32.const 128))))
      (f32.store offset=16384 (i32.shl (local.get $i) (i32.const 2))
        (f32.mul (f32.convert_i32_u (local.get $i)) (f32.const 0.001)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4096)))))
  (func (export "run") (param $reps i32) (result i32) (local $p i32) (local $a v128)
    (call $init)
    (local.set $a (f32x4.splat (f32.const 0.5)))
    (loop $rep
      (local.set $p (i32.const 0))
      (loop $vec
        (v128.store offset=16384 (local.get $p)
          (f32x4.add
            (f32x4.mul (local.get $a) (v128.load (local.get $p)))
            (v128.load offset=16384 (local.get $p))))
        (br_if $vec (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 16384))))
      (br_if $rep (local.tee $reps (i32.sub (local.get $reps) (i32.const 1)))))
    (i32.add (i32.load offset=16384 (i32.const 0)) (i32.load offset=16384 (i32.const 16380)))))
