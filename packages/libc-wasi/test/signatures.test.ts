import { describe, expect, it } from "vitest";
import { isWasiFunctionType, wasiSignatures } from "../src/index.js";

describe("isWasiFunctionType", () => {
  it("accepts WASI's own type for a function and rejects any other", () => {
    expect(isWasiFunctionType("fd_write", ["i32", "i32", "i32", "i32"], ["i32"])).toBe(true);
    expect(isWasiFunctionType("fd_seek", ["i32", "i64", "i32", "i32"], ["i32"])).toBe(true);
    expect(isWasiFunctionType("fd_seek", ["i32", "i32", "i32", "i32"], ["i32"])).toBe(false);
    expect(isWasiFunctionType("fd_write", ["i32", "i32", "i32"], ["i32"])).toBe(false);
    expect(isWasiFunctionType("proc_exit", ["i32"], [])).toBe(true);
    expect(isWasiFunctionType("proc_exit", ["i32"], ["i32"])).toBe(false);
    expect(isWasiFunctionType("no_such_function", [], ["i32"])).toBe(false);
  });

  it("knows every preview1 function", () => {
    expect(Object.keys(wasiSignatures)).toHaveLength(46);
  });
});
