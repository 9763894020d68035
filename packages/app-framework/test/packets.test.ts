import { describe, expect, it } from "vitest";
import { packRequest, packResponse, unpackRequest, unpackResponse, urlMatches } from "../src/index.js";

describe("request packets (WAMR's restful_utils.c layout)", () => {
  it("packs the 18-byte big-endian header, the URL with its NUL, then the payload", () => {
    const bytes = packRequest({
      action: 3,
      fmt: 99,
      mid: 0x01020304,
      sender: 0xfffffffd,
      url: "/a",
      payload: Uint8Array.of(9, 8),
    });
    expect([...bytes]).toEqual([
      1, 3, 0, 99, 1, 2, 3, 4, 0xff, 0xff, 0xff, 0xfd, 0, 3, 0, 0, 0, 2, 0x2f, 0x61, 0, 9, 8,
    ]);
    expect(unpackRequest(bytes)).toEqual({
      action: 3,
      fmt: 99,
      mid: 0x01020304,
      sender: 0xfffffffd,
      url: "/a",
      payload: Uint8Array.of(9, 8),
    });
  });

  it("rejects what unpack_request rejects", () => {
    const good = packRequest({ action: 1, fmt: 0, mid: 1, sender: 0, url: "/x", payload: new Uint8Array(0) });
    expect(unpackRequest(good.subarray(0, 17))).toBeUndefined(); // short
    expect(unpackRequest(Uint8Array.of(2, ...good.subarray(1)))).toBeUndefined(); // version
    expect(unpackRequest(Uint8Array.of(...good, 0))).toBeUndefined(); // sizes do not add up
    const noNul = Uint8Array.from(good);
    noNul[noNul.length - 1] = 0x41;
    expect(unpackRequest(noNul)).toBeUndefined();
  });
});

describe("response packets", () => {
  it("packs the 16-byte big-endian header, then the payload", () => {
    const bytes = packResponse({ status: 69, fmt: 98, mid: 7, receiver: 2, payload: Uint8Array.of(5) });
    expect([...bytes]).toEqual([1, 69, 0, 98, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 1, 5]);
    expect(unpackResponse(bytes)).toEqual({
      status: 69,
      fmt: 98,
      mid: 7,
      receiver: 2,
      payload: Uint8Array.of(5),
    });
    expect(unpackResponse(bytes.subarray(0, 16))).toBeUndefined();
    expect(unpackResponse(Uint8Array.of(0, ...bytes.subarray(1)))).toBeUndefined();
  });
});

describe("WAMR's URL prefix rule", () => {
  it.each([
    ["/url1", "url1", true],
    ["/url1", "/url1/x", true],
    ["/url1", "/url1?q", true],
    ["url1/", "/url1", true],
    ["/url1", "/url10", false],
    ["/url1/x", "/url1", false],
    ["/", "/anything", false],
  ])("%s matches %s: %s", (pattern, url, expected) => {
    expect(urlMatches(pattern, url)).toBe(expected);
  });
});
