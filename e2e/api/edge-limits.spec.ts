import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json, staffKey } from "../support/api";
import { expectRefused, json, send, show } from "../support/raw-http";

/**
 * Limits on what a request may carry, through the real server: body size (413
 * before the body is read, lib/http/json-body.ts) and JSON depth (400); an
 * undecodable path (proxy.ts) and a bad resume id (lib/http/sse.ts) are JSON 400s.
 */

/** The server's pid (scripts/e2e-server.sh) and its resident memory now and at its peak, in MiB. */
function serverMemory(): { rssMiB: number; peakMiB: number } | null {
  const pidFile = path.join(process.cwd(), ".tmp", `e2e-${process.env.E2E_PORT ?? 3100}`, "server.pid");
  if (!fs.existsSync(pidFile)) return null;
  const status = fs.readFileSync(`/proc/${fs.readFileSync(pidFile, "utf8").trim()}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

/**
 * Streams `total` bytes of a JSON-looking body (declared by Content-Length, or
 * chunked) and stops as soon as the server answers; how much was sent by then
 * shows whether the server waited for the whole body.
 */
function sendHuge(
  urlPath: string,
  total: number,
  { chunked, headers = {} }: { chunked: boolean; headers?: Record<string, string> },
): Promise<{ status: number; body: Json | null; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, " ");
    let sentBytes = 0;
    let answered = false;
    const req = http.request(`${baseURL}${urlPath}`, {
      method: "POST",
      // Kept alive, as browsers do. (A client that asks for Connection: close has Node close a socket with unread
      // bytes in it, which resets the connection: a client still sending can lose the answer.)
      agent: new http.Agent({ keepAlive: true }),
      headers: {
        ...json,
        "x-api-key": staffKey("admin"),
        ...(chunked ? {} : { "content-length": String(total) }),
        ...headers,
      },
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString() || "null"),
          sentBytes,
        });
        req.destroy();
      });
    });
    req.on(
      "error",
      (error) =>
        !answered &&
        reject(
          new Error(
            `${urlPath} (${chunked ? "chunked" : "length"}): no answer after ${sentBytes} bytes: ${error.message}`,
          ),
        ),
    );
    // One chunk at a time, and a turn of the event loop between chunks, so an answer that has arrived is read
    // before the next write (as browsers and curl do): a client that only writes sees the server hang up on it.
    const pump = () => {
      if (answered) return;
      if (sentBytes >= total) return void req.end();
      const piece = Math.min(chunk.length, total - sentBytes);
      sentBytes += piece;
      req.write(chunk.subarray(0, piece), () => setImmediate(pump));
    };
    pump();
  });
}

const MiB = 1024 * 1024;
const limit = MiB; // SWITCHBOARD_MAX_BODY_BYTES, default

test.describe("[LIMITS] request bodies", () => {
  test("a body over the limit is a 413 before it is read; in parallel, the server's memory stays put", async () => {
    test.setTimeout(120_000);
    const memoryBefore = serverMemory();
    const uploads = await Promise.all([
      sendHuge("/api/queues", 600_000_000, { chunked: false }),
      sendHuge("/api/queues", 600_000_000, { chunked: true }),
      sendHuge("/api/queues", 400_000_000, { chunked: false }),
      sendHuge("/api/queues", 400_000_000, { chunked: true }),
      sendHuge("/api/conversations", 400_000_000, { chunked: true }),
      // Better Auth reads its bodies itself; the same limit stands in front of it.
      sendHuge("/api/auth/sign-in/email", 400_000_000, { chunked: true }),
    ]);
    for (const upload of uploads) {
      expect(upload.status, JSON.stringify(upload)).toBe(413);
      expect(upload.body?.error).toMatchObject({ code: "payload_too_large", limitBytes: limit });
      // Answered long before the end: what socket buffers hold, and (chunked) at most 16 MiB read and dropped.
      expect(upload.sentBytes).toBeLessThan(64 * MiB);
    }
    const memoryAfter = serverMemory();
    test.info().annotations.push({
      type: "measured",
      description: `sent before the 413: ${uploads.map((u) => (u.sentBytes / MiB).toFixed(0)).join(", ")} MiB; server RSS ${JSON.stringify(memoryBefore)} → ${JSON.stringify(memoryAfter)} (MiB)`,
    });
    if (memoryBefore && memoryAfter) {
      // 2.8 GB were offered; before the limit the server grew by more than each body it was sent.
      expect(memoryAfter.peakMiB - memoryBefore.peakMiB).toBeLessThan(200);
      expect(memoryAfter.rssMiB - memoryBefore.rssMiB).toBeLessThan(200);
    }
    expect((await send("GET", "/api/health")).status).toBe(200);
  });

  test("the limit is exact, whether the length is declared or the body is chunked", async () => {
    const key = { "x-api-key": staffKey("admin"), ...json };
    /** `{"name":"xxx…"}` exactly `size` bytes long: at the limit it is read (and the name is too long), past it not. */
    const bodyOf = (size: number) => `{"name":"${"x".repeat(size - 11)}"}`;
    expect(Buffer.byteLength(bodyOf(limit))).toBe(limit);
    const atLimit = await send("POST", "/api/queues", { headers: key, body: bodyOf(limit) });
    expect(atLimit.status, show(atLimit)).toBe(400);
    expect(Object.keys(atLimit.body?.error.fields ?? {})).toEqual(["name"]);
    expectRefused(
      await send("POST", "/api/queues", { headers: key, body: bodyOf(limit + 1) }),
      413,
      "payload_too_large",
    );
    // Chunked: no Content-Length to go by; the count while streaming decides.
    const chunkedAt = await sendHuge("/api/queues", limit, { chunked: true, headers: key });
    expect(chunkedAt.status).toBe(400);
    expect((await sendHuge("/api/queues", limit + 1, { chunked: true, headers: key })).status).toBe(413);
  });

  test("after a 413, a client that has sent its whole body can send the next request on the same connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const key = { "x-api-key": staffKey("admin"), ...json };
    const over = await send("POST", "/api/queues", {
      agent,
      headers: key,
      body: JSON.stringify({ name: "x".repeat(limit + 1000) }),
    });
    expectRefused(over, 413, "payload_too_large");
    const next = await send("GET", "/api/health", { agent });
    expect(next.status).toBe(200);
    expect(next.reusedSocket).toBe(true);
    agent.destroy();
  });

  test("the Bot Framework channel has its own, larger limit", async ({ request }) => {
    const api = new Api(request);
    const bot = await api.ai({
      botType: "botframework",
      endpointUrl: "http://127.0.0.1:9/",
      secret: "a-secret-of-enough-length",
    });
    const activities = `${new URL(bot.serviceUrl).pathname}/v3/conversations/nowhere/activities`;
    const activity = (textBytes: number) => JSON.stringify({ type: "message", text: "x".repeat(textBytes) });
    // 2 MiB is read (then refused by the schema: text is at most 10,000 characters); 5 MiB is over 4 MiB.
    const read = await send("POST", activities, { headers: json, body: activity(2 * MiB) });
    expect(read.status, show(read)).toBe(400);
    expect(Object.keys(read.body?.error.fields ?? {})).toEqual(["text"]);
    const over = await send("POST", activities, { headers: json, body: activity(5 * MiB) });
    expectRefused(over, 413, "payload_too_large");
    expect(over.body?.error.limitBytes).toBe(4 * MiB);
  });

  test("JSON nested deeper than 32 levels is a 400 naming the field, and starts nothing", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const key = { "x-api-key": staffKey("admin"), ...json };
    const list = () => api.ok("GET", `/api/conversations?queueId=${queue.id}`);
    /** A start whose context holds `levels` objects, one inside the next (the body itself is one more level). */
    const start = (levels: number) =>
      send("POST", "/api/conversations", {
        headers: key,
        body: `{"customer":{"name":"Dana"},"queueId":"${queue.id}","context":${'{"a":'.repeat(levels)}1${"}".repeat(levels)}}`,
      });
    const before = await list();
    for (const levels of [32, 2_500]) {
      const reply = await start(levels);
      expect(reply.status, show(reply)).toBe(400);
      expect(reply.body?.error).toMatchObject({
        code: "validation_failed",
        fields: { context: [expect.stringContaining("32")] },
      });
    }
    const arrays = await send("POST", "/api/conversations", {
      headers: key,
      body: `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
    });
    expect(arrays.status).toBe(400);
    expect(Object.keys(arrays.body?.error.fields ?? {})).toEqual(["body"]);
    expect(await list()).toEqual(before);
    // 32 levels in all is allowed.
    expect((await start(31)).status).toBe(201);
  });
});

test.describe("[PATHS] undecodable paths", () => {
  test("an id that is not valid percent-encoding is a JSON 400 on every kind of {id} route", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const key = { "x-api-key": staffKey("admin") };
    const cases: [method: string, target: string, body?: string][] = [
      ["GET", "/api/queues/%ff%fe"],
      ["PATCH", "/api/queues/%ZZ", '{"name":"x"}'],
      ["DELETE", "/api/routing-rules/%E0%A4%A"],
      ["PUT", `/api/queues/${queue.id}/members/%`],
      ["GET", "/api/agents/%ff/stream"],
      ["POST", "/api/conversations/%ff%fe/messages", '{"text":"hi"}'],
      ["GET", "/api/conversations/%C0%AF/timeline"],
      ["POST", "/api/bot-channel/%ZZ/%ZZ/v3/conversations/%ZZ/activities", '{"type":"message"}'],
      // A page too (Next's own 500 otherwise).
      ["GET", "/supervisor/conversations/%ff%fe"],
    ];
    for (const [method, target, body] of cases) {
      const reply = await send(method, target, { headers: { ...key, ...(body ? json : {}) }, body });
      expectRefused(reply, 400, "validation_failed");
      expect(reply.body?.error.fields, `${method} ${target}`).toEqual({ path: ["not valid percent-encoding"] });
    }
    // Valid escapes still reach the handler: the queue's id with its first letter escaped is the queue.
    const escaped = `%${queue.id.charCodeAt(0).toString(16)}${queue.id.slice(1)}`;
    expect((await send("GET", `/api/queues/${escaped}`, { headers: key })).body?.id).toBe(queue.id);
  });
});

test.describe("[STREAM] resume ids", () => {
  test("a resume id that is not a sequence number the conversation reached is a JSON 400 naming lastEventId", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    const lastSeq = (await api.timeline(conversation.id)).length;
    const auth = { authorization: `Bearer ${customerToken}` };
    const stream = `/api/conversations/${conversation.id}/stream`;
    const bad = ["99999999999999999999", "-1", "1.5", "abc", "1e3", "0x10", String(lastSeq + 1), "Infinity"];
    for (const value of bad) {
      for (const [how, target, headers] of [
        ["query", `${stream}?lastEventId=${encodeURIComponent(value)}`, auth],
        ["header", stream, { ...auth, "last-event-id": value }],
      ] as const) {
        const reply = await send("GET", target, { headers });
        expectRefused(reply, 400, "validation_failed");
        expect(Object.keys(reply.body?.error.fields ?? {}), `${how} ${value}`).toEqual(["lastEventId"]);
      }
    }
    // Every id it reached resumes (and none at all starts from the beginning).
    for (const value of ["0", String(lastSeq), ""]) {
      const opened = await openStream(`${stream}?lastEventId=${value}`, auth);
      expect(opened, `lastEventId=${value}`).toEqual({ status: 200, type: "text/event-stream; charset=utf-8" });
    }
  });
});

/** Opens a stream only to read its status and type, then hangs up. */
function openStream(target: string, headers: Record<string, string>): Promise<{ status: number; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseURL}${target}`, { headers }, (res) => {
      resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] });
      req.destroy();
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
  });
}
