// Console output through libc-builtin's puts (WAMR's AssemblyScript console API).

@external("env", "puts")
declare function puts(line: ArrayBuffer): i32;

/** Prints the string and a newline. */
export function log(a: string): void {
  puts(String.UTF8.encode(a, true));
}

/** Prints the number and a newline. */
export function log_number(a: number): void {
  puts(String.UTF8.encode(a.toString(), true));
}
