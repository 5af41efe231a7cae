import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { fieldNestedTooDeep, readJsonBody, withBodyWithin } from "./json-body";

/** A POST as the server receives it; `chunked` sends the body as a stream with no length. */
function post(body: string, headers: Record<string, string> = {}, { chunked = false } = {}): Request {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
      controller.close();
    },
  });
  return new Request("http://switchboard.test/api/queues", {
    method: "POST",
    headers,
    body: chunked ? stream : body,
    ...(chunked ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function refusal(request: Request, maxBytes?: number): Promise<AppError> {
  const error = await readJsonBody(request, maxBytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const json = { "content-type": "application/json" };
const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;

afterEach(() => {
  delete process.env.SWITCHBOARD_MAX_JSON_DEPTH;
});

describe("readJsonBody", () => {
  it("reads JSON declared as application/json, with parameters, or as a +json type", async () => {
    for (const type of ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"]) {
      expect(await readJsonBody(post('{"name":"x"}', { "content-type": type }))).toEqual({ name: "x" });
    }
  });

  it("refuses a body not declared JSON with 415, naming its type", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "application/json-seq",
    ]) {
      const error = await refusal(post('{"name":"x"}', { "content-type": type }));
      expect(error.code).toBe("unsupported_media_type");
      expect(error.details).toEqual({ contentType: type });
    }
    // (A stream: given a string, Request itself would add text/plain.)
    expect((await refusal(post('{"name":"x"}', {}, { chunked: true }))).details).toEqual({ contentType: null });
  });

  it("takes no body at all as {}, with or without a type", async () => {
    expect(await readJsonBody(new Request("http://switchboard.test/", { method: "POST" }))).toEqual({});
    expect(await readJsonBody(post("  ", json))).toEqual({});
  });

  it("refuses a body over the limit with 413, by its declared length or by counting a stream", async () => {
    const body = JSON.stringify({ name: "x".repeat(5000) });
    expect(await readJsonBody(post(body, json), body.length)).toEqual({ name: "x".repeat(5000) });
    for (const chunked of [false, true]) {
      const error = await refusal(post(body, json, { chunked }), body.length - 1);
      expect(error.code).toBe("payload_too_large");
      expect(error.details).toEqual({ limitBytes: body.length - 1 });
    }
    expect(await readJsonBody(post(body, json, { chunked: true }), body.length)).toEqual({ name: "x".repeat(5000) });
  });

  it("refuses JSON nested deeper than the limit with 400 naming the top-level field", async () => {
    expect(await readJsonBody(post(nested(32), json))).toBeTruthy();
    const error = await refusal(post(`{"ok":1,"context":${nested(32)}}`, json));
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual({ fields: { context: ["nested more than 32 levels deep"] } });
    process.env.SWITCHBOARD_MAX_JSON_DEPTH = "3";
    expect((await refusal(post('{"a":{"b":{"c":{}}}}', json))).details).toEqual({
      fields: { a: ["nested more than 3 levels deep"] },
    });
  });
});

describe("withBodyWithin", () => {
  it("hands on the body it read, or refuses it over the limit with 413", async () => {
    const body = JSON.stringify({ email: "a@b.test", password: "x".repeat(100) });
    const within = await withBodyWithin(post(body, json, { chunked: true }), body.length);
    expect(within.headers.get("content-type")).toBe("application/json");
    expect(await within.text()).toBe(body);
    for (const chunked of [false, true]) {
      expect(await withBodyWithin(post(body, json, { chunked }), body.length - 1).catch((e: AppError) => e.code)).toBe(
        "payload_too_large",
      );
    }
  });
});

describe("fieldNestedTooDeep", () => {
  it("names the top-level field, or the body when the body itself is an array", () => {
    expect(fieldNestedTooDeep({ a: 1, b: [[]] }, 3)).toBeNull();
    expect(fieldNestedTooDeep({ a: 1, b: [[[]]] }, 3)).toBe("b");
    expect(fieldNestedTooDeep([[[[]]]], 3)).toBe("body");
    expect(fieldNestedTooDeep("just a string", 1)).toBeNull();
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(fieldNestedTooDeep({ deep }, 32)).toBe("deep");
  });
});
