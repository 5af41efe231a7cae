import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { requireStorableBody, requireStorableParams } from "./storable-text";

function refusedField(act: () => void): string[] {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    return Object.keys((error as AppError).details?.fields as object);
  }
  throw new Error("not refused");
}

describe("[BAD INPUT] text PostgreSQL cannot store (NUL, an unpaired surrogate) is refused at the edge on both dialects", () => {
  it("in a path parameter or a query value (or name), by its name", () => {
    const url = new URL("http://switchboard.test/api/conversations");
    expect(refusedField(() => requireStorableParams({ id: "abc\u0000" }, url))).toEqual(["id"]);
    expect(refusedField(() => requireStorableParams({ replyToId: ["a", "\u0000"] }, url))).toEqual(["replyToId"]);
    const query = new URL("http://switchboard.test/api/conversations?status=open&queueId=%00");
    expect(refusedField(() => requireStorableParams({}, query))).toEqual(["queueId"]);
    expect(refusedField(() => requireStorableParams({}, new URL("http://s.test/?a%00=1")))).toEqual(["a"]);
  });

  it("in a body's string or key at any depth, by the top-level field", () => {
    expect(refusedField(() => requireStorableBody({ name: "ok", topic: "a\u0000b" }))).toEqual(["topic"]);
    expect(refusedField(() => requireStorableBody({ context: { deep: [{ x: "\u0000" }] } }))).toEqual(["context"]);
    expect(refusedField(() => requireStorableBody({ context: { "k\u0000": 1 } }))).toEqual(["context"]);
    expect(refusedField(() => requireStorableBody({ "\u0000": 1 }))).toEqual(["body"]);
    expect(refusedField(() => requireStorableBody(["\u0000"]))).toEqual(["body"]);
  });

  it("an unpaired surrogate (JSON's \\ud800), anywhere a NUL is refused", () => {
    expect(refusedField(() => requireStorableBody(JSON.parse('{"notes":"a\\ud800"}')))).toEqual(["notes"]);
    expect(refusedField(() => requireStorableBody({ context: { "\udc00": 1 } }))).toEqual(["context"]);
    expect(refusedField(() => requireStorableParams({ id: "\ud800" }, new URL("http://s.test/")))).toEqual(["id"]);
  });

  it("lets everything else through: other control characters, emoji, numbers, nulls", () => {
    const url = new URL("http://switchboard.test/api/conversations?topic=%01%E2%9C%93");
    expect(() => requireStorableParams({ id: "c1\t" }, url)).not.toThrow();
    expect(() =>
      requireStorableBody({ text: "tab\there \u0001 ✓ 😀", n: 1, none: null, list: [true, { a: "b" }] }),
    ).not.toThrow();
  });
});
