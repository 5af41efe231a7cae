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

describe("[BAD INPUT] a NUL character, which PostgreSQL cannot store, is refused at the edge on both dialects", () => {
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

  it("lets everything else through: other control characters, emoji, numbers, nulls", () => {
    const url = new URL("http://switchboard.test/api/conversations?topic=%01%E2%9C%93");
    expect(() => requireStorableParams({ id: "c1\t" }, url)).not.toThrow();
    expect(() =>
      requireStorableBody({ text: "tab\there \u0001 ✓ 😀", n: 1, none: null, list: [true, { a: "b" }] }),
    ).not.toThrow();
  });
});
