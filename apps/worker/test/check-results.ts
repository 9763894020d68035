import { expect } from "vitest";

/** What every engine must report from `engine-checks.js` (`withWasi`: the C program was built). */
export function expectChecksPassed(results: Record<string, unknown>, withWasi: boolean): void {
  expect(results).toMatchObject({
    webAssemblyType: "object",
    installed: true,
    numbers: { add: 42, wrap: -2147483648, hyp: 5, mul64: "3298534883328", mul64Type: "bigint" },
    imports: { seen: "ABCDE", pages: 1 },
    traps: {
      divide: { runtimeError: true, compileError: false, error: true, message: "integer divide by zero" },
      unreachable: { runtimeError: true, linkError: false, name: "RuntimeError", message: "unreachable" },
      fromJs: true,
    },
    compileError: {
      validate: false,
      thrown: { compileError: true, runtimeError: false, name: "CompileError" },
      link: { linkError: true, compileError: false, name: "LinkError" },
    },
    instantiate: 3,
  });
  if (withWasi) {
    expect(results["wasi"]).toEqual({
      exitCode: 7,
      stdout: "argc=2 argv1=first greeting=hi\nread: hello wasm (10 bytes)\n",
      stderr: "done\n",
      written: "HELLO WASM",
    });
  }
}
