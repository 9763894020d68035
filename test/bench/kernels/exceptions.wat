;; Exceptions (the legacy form clang emits, which Node 20 also runs): each rep throws from
;; `depth` frames down, through frames that catch everything and rethrow, to a handler that
;; catches by tag and reads the payload; every fourth throw is of another tag, caught by
;; catch_all one frame up.
(module
  (tag $value (param i32 i32))
  (tag $other (param i32))
  (memory (export "memory") 1)
  (func $down (param $n i32) (param $i i32)
    (if (i32.eqz (local.get $n))
      (then
        (if (i32.eqz (i32.and (local.get $i) (i32.const 3)))
          (then (throw $other (local.get $i))))
        (throw $value (local.get $i) (i32.mul (local.get $i) (i32.const 3)))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        ;; a frame with cleanup: catch everything, rethrow
        (try (do (call $down (i32.sub (local.get $n) (i32.const 1)) (local.get $i)))
          (catch_all (rethrow 0))))
      (else (call $down (i32.sub (local.get $n) (i32.const 1)) (local.get $i)))))
  (func $attempt (param $i i32) (result i32)
    (try (result i32)
      (do (call $down (i32.const 8) (local.get $i)) (i32.const -1))
      (catch $value (i32.xor))
      (catch_all (i32.const 7))))
  (func (export "run") (param $reps i32) (result i32) (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $reps)))
        (local.set $acc
          (i32.add (i32.mul (local.get $acc) (i32.const 31)) (call $attempt (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
