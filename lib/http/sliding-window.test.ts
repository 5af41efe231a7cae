import { describe, expect, test } from "vitest";
import { SlidingWindowCounter } from "./sliding-window";

const minute = 60_000;
const t0 = 10 * minute; // the start of a fixed window

describe("[LIMITS] sliding window", () => {
  test("allows the limit, then says how long to wait; other keys are counted apart", () => {
    const counter = new SlidingWindowCounter(5, minute);
    for (let i = 0; i < 5; i++) expect(counter.take("a", t0 + i)).toBe(0);
    const wait = counter.take("a", t0 + 10);
    expect(wait).toBeGreaterThan(0);
    expect(counter.take("b", t0 + 10)).toBe(0);
    // A refused attempt is not counted: waiting as told is enough.
    expect(counter.take("a", t0 + 10 + wait * 1000)).toBe(0);
    expect(counter.take("a", t0 + 10 + wait * 1000)).toBeGreaterThan(0);
  });

  test("the last window's events weigh as much as they still overlap the sliding minute", () => {
    const counter = new SlidingWindowCounter(10, minute);
    for (let i = 0; i < 10; i++) expect(counter.take("a", t0 + 30_000 + i)).toBe(0);
    // A quarter into the next window, 3/4 of the last 10 still count: 7.5 + 2 ≤ 10, a third would not fit.
    const at = t0 + minute + 15_000;
    expect(counter.take("a", at)).toBe(0);
    expect(counter.take("a", at)).toBe(0);
    const wait = counter.take("a", at);
    expect(wait).toBeGreaterThan(0);
    expect(counter.take("a", at + wait * 1000)).toBe(0);
  });

  test("a limit of millions (the test servers' setting) lets everything through", () => {
    const counter = new SlidingWindowCounter(100_000_000, minute);
    let refused = 0;
    for (let i = 0; i < 20_000; i++) if (counter.take("127.0.0.1", t0 + i)) refused++;
    expect(refused).toBe(0);
  });
});
