import { APP_NATIVES } from "@microwasm/app-sdk";
import { describe, expect, it } from "vitest";
import { AppTimers, appNatives, ID_NONE, ManualClock } from "../src/index.js";

describe("AppTimers on a ManualClock", () => {
  const setup = (quota = 3) => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    const timers = new AppTimers(clock, quota, (id) => fired.push(`${id}@${clock.now()}`));
    return { clock, fired, timers };
  };

  it("numbers timers from 1, fires periodic ones without drift and one-shot ones once", () => {
    const { clock, fired, timers } = setup();
    expect(timers.create(300, true, true)).toBe(1);
    expect(timers.create(500, false, true)).toBe(2);
    clock.advance(1000);
    expect(fired).toEqual(
      ["1@400", "1@700", "2@600", "1@1000"].sort((a, b) => +a.split("@")[1]! - +b.split("@")[1]!),
    );
  });

  it("a timer created stopped starts with restart; cancel stops it; destroy frees its slot", () => {
    const { clock, fired, timers } = setup(2);
    const a = timers.create(100, true, false);
    const b = timers.create(100, true, true);
    expect(timers.create(100, true, true)).toBe(ID_NONE);
    clock.advance(100);
    expect(fired).toEqual([`${b}@200`]);
    timers.restart(a, 50);
    timers.cancel(b);
    clock.advance(100);
    expect(fired).toEqual([`${b}@200`, `${a}@250`, `${a}@300`]);
    timers.destroy(b);
    expect(timers.create(10, false, false)).toBe(3);
    timers.clear();
    clock.advance(1000);
    expect(fired).toHaveLength(3);
    expect(timers.size).toBe(0);
  });
});

describe("the app natives", () => {
  it("are WAMR's base natives with WAMR's signature strings (the SDK's table)", () => {
    const ours = appNatives({} as never).map((n) => [n.name, n.signature]);
    const wamr = APP_NATIVES.filter((n) => n.group === "base").map((n) => [n.name, n.signature]);
    expect(ours).toEqual(wamr);
  });
});
