import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { lastEventId } from "./sse";

const stream = (query: string, headers: Record<string, string> = {}) =>
  new Request(`http://switchboard.test/api/conversations/c1/stream${query}`, { headers });

describe("lastEventId", () => {
  it("resumes after any sequence number the conversation reached; none means from the start", () => {
    expect(lastEventId(stream(""), 7)).toBe(0);
    expect(lastEventId(stream("?lastEventId="), 7)).toBe(0);
    expect(lastEventId(stream("?lastEventId=0"), 7)).toBe(0);
    expect(lastEventId(stream("?lastEventId=7"), 7)).toBe(7);
    // The header (an EventSource reconnecting) wins over the query it was opened with.
    expect(lastEventId(stream("?lastEventId=2", { "last-event-id": "5" }), 7)).toBe(5);
  });

  it("refuses anything else with a 400 naming lastEventId", () => {
    for (const value of ["8", "99999999999999999999", "-1", "1.5", "1e3", "0x10", "abc", "Infinity", " 3 4"]) {
      for (const request of [
        stream(`?lastEventId=${encodeURIComponent(value)}`),
        stream("", { "last-event-id": value }),
      ]) {
        let error: unknown;
        try {
          lastEventId(request, 7);
        } catch (caught) {
          error = caught;
        }
        expect(error, value).toBeInstanceOf(AppError);
        expect((error as AppError).details, value).toMatchObject({ fields: { lastEventId: [expect.any(String)] } });
      }
    }
  });
});
