import { expect, it } from "vitest";
import { AttrContainer } from "../src/index.js";

it("does what the README's example says", () => {
  const c = new AttrContainer("reading")
    .set("celsius", 21.5)
    .set("count", 3)
    .set("id", 7, "uint16")
    .set("raw", Uint8Array.of(1, 2, 3));
  expect(c.get("celsius")).toBe(21.5);
  expect(c.typeOf("celsius")).toBe("double");
  expect(c.typeOf("count")).toBe("int32");
  expect(c.getInt32("id")).toBe(7);
  const bytes = c.toBytes();
  expect(AttrContainer.fromBytes(bytes).toJSON()).toEqual({ celsius: 21.5, count: 3, id: 7, raw: [1, 2, 3] });
  const fromJson = AttrContainer.fromJSON({ on: true, level: 3 });
  expect([...fromJson.attributes()].map((a) => a.type)).toEqual(["bool", "double"]);
});
