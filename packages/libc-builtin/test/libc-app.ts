import { Runtime } from "@microwasm/runtime";
import { wat } from "@microwasm/test-support";
import { LIBC_BUILTIN_MODULE, libcBuiltinNatives } from "../src/index.js";

/** Each libc function the test app imports, with its wasm parameter count and whether it returns. */
const imports: [name: string, params: number, result: "i32" | "i64" | null][] = [
  ["printf", 2, "i32"],
  ["sprintf", 3, "i32"],
  ["snprintf", 4, "i32"],
  ["vsnprintf", 4, "i32"],
  ["puts", 1, "i32"],
  ["putchar", 1, "i32"],
  ["memcmp", 3, "i32"],
  ["memcpy", 3, "i32"],
  ["memmove", 3, "i32"],
  ["memset", 3, "i32"],
  ["memchr", 3, "i32"],
  ["strchr", 2, "i32"],
  ["strcmp", 2, "i32"],
  ["strncmp", 3, "i32"],
  ["strncasecmp", 3, "i32"],
  ["strcpy", 2, "i32"],
  ["strncpy", 3, "i32"],
  ["strlen", 1, "i32"],
  ["strspn", 2, "i32"],
  ["strcspn", 2, "i32"],
  ["strstr", 2, "i32"],
  ["malloc", 1, "i32"],
  ["calloc", 2, "i32"],
  ["realloc", 2, "i32"],
  ["free", 1, null],
  ["strdup", 1, "i32"],
  ["atoi", 1, "i32"],
  ["strtol", 3, "i32"],
  ["strtoul", 3, "i32"],
  ["isalpha", 1, "i32"],
  ["isspace", 1, "i32"],
  ["isxdigit", 1, "i32"],
  ["toupper", 1, "i32"],
  ["tolower", 1, "i32"],
  ["exit", 1, null],
  ["abort", 1, null],
  ["clock_gettime", 2, "i32"],
  ["clock", 0, "i64"],
];

function params(n: number): string {
  return n === 0 ? "" : `(param${" i32".repeat(n)})`;
}

/**
 * An app (no libc of its own) that imports the builtin libc and exports a forwarder for each
 * function as `c.<name>` (not `malloc` itself: an app exporting malloc and free brings its own
 * allocator, and gets no app heap), plus `hello`, which builds its own va_list and calls printf.
 */
export function libcAppText(): string {
  const decls = imports
    .map(([n, p, r]) => `(import "env" "${n}" (func $${n} ${params(p)} ${r ? `(result ${r})` : ""}))`)
    .join("\n");
  const forwarders = imports
    .map(([n, p, r]) => {
      const args = Array.from({ length: p }, (_, i) => `(local.get ${i})`).join(" ");
      return `(func (export "c.${n}") ${params(p)} ${r ? `(result ${r})` : ""} (call $${n} ${args}))`;
    })
    .join("\n");
  return `(module ${decls}
    (memory (export "memory") 1)
    (data (i32.const 16) "%s has %d legs and weighs %.2f kg (%lld)\\n\\00")
    (data (i32.const 80) "spider\\00")
    ${forwarders}
    ;; printf("%s has %d legs and weighs %.2f kg (%lld)\\n", "spider", 8, 0.125, 1LL << 40) with a va_list at 1024
    (func (export "hello") (result i32)
      (i32.store (i32.const 1024) (i32.const 80))
      (i32.store (i32.const 1028) (i32.const 8))
      (f64.store (i32.const 1032) (f64.const 0.125))
      (i64.store (i32.const 1040) (i64.const 0x10000000000))
      (call $printf (i32.const 16) (i32.const 1024))))`;
}

/** A runtime with the builtin libc, the app instantiated with an app heap, and stdout captured. */
export async function startLibcApp(heapSize = 16 * 1024) {
  const output: number[] = [];
  const runtime = new Runtime();
  runtime.registerNatives(
    LIBC_BUILTIN_MODULE,
    libcBuiltinNatives({ stdout: (bytes) => output.push(...bytes) }),
  );
  const module = runtime.load(await wat(libcAppText()));
  const instance = module.instantiate({ stackSize: 16 * 1024, heapSize });
  const memory = () => instance.memoryBytes()!;
  const stdout = () => String.fromCharCode(...output.splice(0));
  const call = (name: string, ...args: number[]) =>
    instance.call(name === "hello" ? name : `c.${name}`, args)[0] as number;
  /** Writes a NUL-terminated string (bytes as chars) at `at`; returns `at`. */
  const put = (at: number, text: string) => {
    memory().set(
      Uint8Array.from(text, (c) => c.charCodeAt(0)),
      at,
    );
    memory()[at + text.length] = 0;
    return at;
  };
  const get = (at: number) => {
    const m = memory();
    return String.fromCharCode(...m.subarray(at, m.indexOf(0, at)));
  };
  return { runtime, instance, call, put, get, stdout, memory };
}
