/**
 * At most `limit` events per key in any window of `windowMs`, estimated the usual cheap way: this fixed window's
 * count plus the last one's, weighted by how much of it still overlaps the sliding window. O(1) per event and
 * two numbers per key, however large the limit (the test servers raise it to millions).
 */
interface Entry {
  windowStart: number;
  previous: number;
  current: number;
}

export class SlidingWindowCounter {
  readonly #entries = new Map<string, Entry>();
  #lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one event for `key` and returns 0; or, when that would exceed the limit, counts nothing and returns the seconds to wait. */
  take(key: string, at: number): number {
    this.#sweep(at);
    const entry = this.#rolled(this.#entries.get(key), at);
    const { windowStart, previous, current } = entry;
    const overlap = 1 - (at - windowStart) / this.windowMs;
    if (previous * overlap + current + 1 <= this.limit) {
      entry.current += 1;
      this.#entries.set(key, entry);
      return 0;
    }
    return Math.max(1, Math.ceil((this.#freeAt(entry) - at) / 1000));
  }

  /** When one more event fits: later in this window as the last one's weight fades, or else in the next one. */
  #freeAt({ windowStart, previous, current }: Entry): number {
    const w = this.windowMs;
    if (current < this.limit) return windowStart + w * (1 - (this.limit - 1 - current) / previous);
    return windowStart + w + w * (1 - (this.limit - 1) / current);
  }

  #rolled(entry: Entry | undefined, at: number): Entry {
    const windowStart = Math.floor(at / this.windowMs) * this.windowMs;
    if (!entry || entry.windowStart < windowStart - this.windowMs) return { windowStart, previous: 0, current: 0 };
    if (entry.windowStart < windowStart) return { windowStart, previous: entry.current, current: 0 };
    return entry;
  }

  /** Forgets keys quiet for two windows, once a window: one entry per client seen lately, no more. */
  #sweep(at: number): void {
    if (at - this.#lastSweep < this.windowMs) return;
    this.#lastSweep = at;
    for (const [key, entry] of this.#entries) {
      if (entry.windowStart < at - 2 * this.windowMs) this.#entries.delete(key);
    }
  }
}
