import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { section, str, vec, wasm } from "./wasm-builder.js";

function nameSection(...subsections: number[][]): number[] {
  return section(0, str("name"), ...subsections);
}
function subsection(id: number, ...content: number[][]): number[] {
  const bytes = content.flat();
  return [id, bytes.length, ...bytes];
}

const moduleName = subsection(0, str("demo"));
const functionNames = subsection(1, vec([0, ...str("main")], [2, ...str("helper")]));
const localNames = subsection(2, vec([0, ...vec([0, ...str("x")], [1, ...str("y")])], [2, ...vec()]));

describe("name section", () => {
  it("decodes module, function and local names", () => {
    const m = parseModule(wasm(nameSection(moduleName, functionNames, localNames)));
    expect(m.names).not.toBeNull();
    expect(m.names!.module).toBe("demo");
    expect([...m.names!.functions]).toEqual([
      [0, "main"],
      [2, "helper"],
    ]);
    expect([...m.names!.locals.get(0)!]).toEqual([
      [0, "x"],
      [1, "y"],
    ]);
    expect(m.names!.locals.get(2)!.size).toBe(0);
    expect(m.customSections.map((s) => s.name)).toEqual(["name"]);
  });
  it("skips unknown subsections", () => {
    const m = parseModule(wasm(nameSection(subsection(7, [1, 2, 3]), functionNames)));
    expect(m.names!.functions.get(2)).toBe("helper");
    expect(m.names!.module).toBeUndefined();
  });
  it("keeps the subsections before a malformed one", () => {
    const badUtf8 = subsection(1, vec([0, 1, 0xff]));
    const m = parseModule(wasm(nameSection(moduleName, badUtf8, localNames)));
    expect(m.names!.module).toBe("demo");
    expect(m.names!.functions.size).toBe(0);
    expect(m.names!.locals.size).toBe(0);
  });
  it("never fails the module for a malformed name section", () => {
    const truncated = wasm(section(0, str("name"), [1, 10, 1, 0]));
    expect(parseModule(truncated).names).toBeNull();
    const overlong = wasm(nameSection(subsection(0, str("demo"), [0x00])));
    expect(parseModule(overlong).names).toBeNull();
    const hugeCount = wasm(nameSection(subsection(1, [0xff, 0xff, 0xff, 0xff, 0x0f])));
    expect(parseModule(hugeCount).names).toBeNull();
  });
  it("uses the first name section only", () => {
    const m = parseModule(wasm(nameSection(moduleName), nameSection(subsection(0, str("second")))));
    expect(m.names!.module).toBe("demo");
    expect(m.customSections).toHaveLength(2);
  });
});
