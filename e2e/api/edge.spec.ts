import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json, staffKey, unique } from "../support/api";
import { staffPasswords } from "../support/sign-in";

/**
 * The HTTP edge, through the real server: cross-site request forgery refused
 * (lib/http/csrf.ts), body size and JSON depth limits (lib/http/json-body.ts),
 * undecodable paths and bad resume ids as JSON 400s (proxy.ts, lib/http/sse.ts),
 * the security headers (proxy.ts, next.config.js), the benchmark route off.
 *
 * Requests go out through node:http so every header is exactly what the test
 * says — no client adds an Origin, a Content-Type or a body length of its own.
 */

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Json | null; text: string };

function send(
  method: string,
  urlPath: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const length: Record<string, string> =
      body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
    const req = http.request(`${baseURL}${urlPath}`, { method, headers: { ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: Json | null = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const show = (reply: Reply) => `${reply.status} ${reply.text.slice(0, 300)}`;
const json = { "content-type": "application/json" };
const evil = "https://evil.example";

/** Signs in with email and password; returns the Cookie header a browser would then send. */
async function signInCookie(role: "admin" | "supervisor"): Promise<string> {
  const reply = await send("POST", "/api/auth/sign-in/email", {
    headers: { ...json, origin: baseURL },
    body: JSON.stringify({ email: `${role}@e2e.test`, password: staffPasswords[role] }),
  });
  expect(reply.status, show(reply)).toBe(200);
  const cookies = reply.headers["set-cookie"] ?? [];
  expect(cookies.some((cookie) => cookie.startsWith("better-auth.session_token="))).toBe(true);
  return cookies.map((cookie) => cookie.split(";")[0]).join("; ");
}

/**
 * What a forged request could have changed: the queue it targets, and whether
 * anything with the forged names exists (other tests run alongside, so not whole lists).
 */
async function forgeryTargets(api: Api, queueId: string, forged: { queueName: string; email: string }) {
  const [queue, queues, accounts] = await Promise.all([
    api.ok("GET", `/api/queues/${queueId}`),
    api.ok("GET", "/api/queues"),
    api.ok("GET", "/api/accounts"),
  ]);
  return {
    queue,
    forgedQueues: queues.filter((q: Json) => q.name === forged.queueName),
    forgedAccounts: accounts.filter((a: Json) => a.email === forged.email),
  };
}

function expectRefused(reply: Reply, status: number, code: string) {
  expect(reply.status, show(reply)).toBe(status);
  expect(reply.headers["content-type"]).toContain("application/json");
  expect(reply.body?.error?.code, show(reply)).toBe(code);
}

test.describe("[CSRF] writes signed in by the session cookie", () => {
  test("from another site, or without saying where from, are refused and change nothing", async ({ request }) => {
    const api = new Api(request);
    const cookie = await signInCookie("admin");
    const queue = await api.queue();
    const forged = { queueName: unique("Forged queue"), email: `${unique("mallory").replace(/\W/g, "")}@evil.example` };
    const newAdmin = JSON.stringify({
      name: "Mallory",
      email: forged.email,
      password: "mallory-password",
      role: "admin",
    });
    const newQueue = JSON.stringify({ name: forged.queueName });
    const snapshot = () => forgeryTargets(api, queue.id, forged);
    const before = await snapshot();
    expect(before.forgedQueues).toEqual([]);
    expect(before.forgedAccounts).toEqual([]);

    // The attack as reproduced: an admin's cookie, another site's Origin, a "simple" text/plain body.
    for (const [target, body] of [
      ["/api/accounts", newAdmin],
      ["/api/queues", newQueue],
    ]) {
      const reply = await send("POST", target, {
        headers: { cookie, origin: evil, "content-type": "text/plain" },
        body,
      });
      expectRefused(reply, 403, "forbidden");
      expect(reply.body?.error.origin).toBe(evil);
      expect(reply.body?.error.message).toContain(evil);
    }
    // Each way a forged write could present itself.
    const attempts: [label: string, method: string, target: string, headers: Record<string, string>, body?: string][] =
      [
        ["evil Origin, JSON", "POST", "/api/queues", { origin: evil, ...json }, newQueue],
        [
          "evil Origin, form",
          "POST",
          "/api/queues",
          { origin: evil, "content-type": "application/x-www-form-urlencoded" },
          "name=x",
        ],
        ["no Origin, evil Referer", "POST", "/api/queues", { referer: `${evil}/page`, ...json }, newQueue],
        ["Origin null (sandboxed frame)", "POST", "/api/queues", { origin: "null", ...json }, newQueue],
        ["neither Origin nor Referer", "POST", "/api/accounts", { ...json }, newAdmin],
        ["another port of this host", "POST", "/api/queues", { origin: "http://127.0.0.1:1", ...json }, newQueue],
        ["PATCH", "PATCH", `/api/queues/${queue.id}`, { origin: evil, ...json }, JSON.stringify({ name: "renamed" })],
        ["DELETE, no body", "DELETE", `/api/queues/${queue.id}`, { origin: evil }],
      ];
    for (const [label, method, target, headers, body] of attempts) {
      await test.step(label, async () => {
        expectRefused(await send(method, target, { headers: { cookie, ...headers }, body }), 403, "forbidden");
      });
    }
    // From this site, a body that is not declared JSON: 415, naming what it was.
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      null,
    ]) {
      await test.step(`same origin, ${contentType ?? "no Content-Type"}`, async () => {
        const headers: Record<string, string> = { cookie, origin: baseURL };
        if (contentType) headers["content-type"] = contentType;
        const reply = await send("POST", "/api/queues", { headers, body: newQueue });
        expectRefused(reply, 415, "unsupported_media_type");
        expect(reply.body?.error.contentType).toBe(contentType);
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  test("from this site (Origin, or Referer alone) or a configured origin, with JSON, succeed", async ({ request }) => {
    const api = new Api(request);
    const cookie = await signInCookie("admin");
    const create = (headers: Record<string, string>) =>
      send("POST", "/api/queues", {
        headers: { cookie, ...json, ...headers },
        body: JSON.stringify({ name: unique("Q") }),
      });
    const trusted: Record<string, string>[] = [
      { origin: baseURL },
      { referer: `${baseURL}/admin` },
      // The address a browser used: another name for this server, in the Host header.
      {
        origin: baseURL.replace("127.0.0.1", "localhost"),
        host: new URL(baseURL).host.replace("127.0.0.1", "localhost"),
      },
      // Behind a proxy that says which name and scheme the browser used.
      {
        origin: "https://switchboard.proxy.test",
        "x-forwarded-host": "switchboard.proxy.test",
        "x-forwarded-proto": "https",
      },
      // SWITCHBOARD_TRUSTED_ORIGINS (scripts/e2e-server.sh).
      { origin: "https://console.e2e.test" },
      // application/json with parameters, and a structured +json type.
      { origin: baseURL, "content-type": "application/json; charset=utf-8" },
      { origin: baseURL, "content-type": "application/merge-patch+json" },
    ];
    for (const headers of trusted) {
      const reply = await create(headers);
      expect(reply.status, `${JSON.stringify(headers)} → ${show(reply)}`).toBe(201);
      await api.ok("DELETE", `/api/queues/${reply.body?.id}`);
    }
    // Reading needs no Origin: a cross-site page cannot read the answer anyway.
    expect((await send("GET", "/api/queues", { headers: { cookie, origin: evil } })).status).toBe(200);
  });

  test("API keys and customer tokens are not subject to the origin rule, but still send JSON", async ({ request }) => {
    const api = new Api(request);
    const key = { "x-api-key": staffKey("admin") };
    const made = await send("POST", "/api/queues", {
      headers: { ...key, origin: evil, ...json },
      body: JSON.stringify({ name: unique("Keyed") }),
    });
    expect(made.status, show(made)).toBe(201);
    const queue = made.body as Json;
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    const said = await send("POST", `/api/conversations/${conversation.id}/messages`, {
      headers: { authorization: `Bearer ${customerToken}`, origin: evil, ...json },
      body: JSON.stringify({ text: "hello from an embedded page" }),
    });
    expect(said.status, show(said)).toBe(201);
    // The content type is everyone's rule.
    const before = await api.messages(conversation.id);
    expectRefused(
      await send("POST", `/api/conversations/${conversation.id}/messages`, {
        headers: { authorization: `Bearer ${customerToken}`, "content-type": "text/plain" },
        body: JSON.stringify({ text: "not JSON by its type" }),
      }),
      415,
      "unsupported_media_type",
    );
    expectRefused(
      await send("PATCH", `/api/queues/${queue.id}`, { headers: { ...key, "content-type": "text/plain" }, body: "{}" }),
      415,
      "unsupported_media_type",
    );
    expect(await api.messages(conversation.id)).toEqual(before);
  });

  test("Better Auth's own routes use the same trusted origins", async () => {
    const cookie = await signInCookie("supervisor");
    const signOut = (origin: string) =>
      send("POST", "/api/auth/sign-out", { headers: { cookie, origin, ...json }, body: "{}" });
    expect((await signOut(evil)).status).toBe(403);
    expect((await send("GET", "/api/me", { headers: { cookie } })).status).toBe(200); // still signed in
    expect((await signOut("https://console.e2e.test")).status).toBe(200);
  });
});

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
      agent: false,
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
    req.on("error", (error) => !answered && reject(new Error(`no answer after ${sentBytes} bytes: ${error.message}`)));
    const pump = () => {
      while (!answered && sentBytes < total) {
        const piece = Math.min(chunk.length, total - sentBytes);
        sentBytes += piece;
        if (!req.write(chunk.subarray(0, piece))) return void req.once("drain", pump);
      }
      if (!answered) req.end();
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
    ]);
    for (const upload of uploads) {
      expect(upload.status, JSON.stringify(upload)).toBe(413);
      expect(upload.body?.error).toMatchObject({ code: "payload_too_large", limitBytes: limit });
      // Answered long before the end: a few MiB in socket buffers and discarded while the answer went out.
      expect(upload.sentBytes).toBeLessThan(64 * MiB);
    }
    const memoryAfter = serverMemory();
    test.info().annotations.push({
      type: "measured",
      description: `sent before the 413: ${uploads.map((u) => (u.sentBytes / MiB).toFixed(0)).join(", ")} MiB; server RSS ${JSON.stringify(memoryBefore)} → ${JSON.stringify(memoryAfter)} (MiB)`,
    });
    if (memoryBefore && memoryAfter) {
      // 2.4 GB were offered; before the limit the server grew by more than each body it was sent.
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

test.describe("[HEADERS] security headers", () => {
  const nonceOf = (reply: Reply) => /'nonce-([^']+)'/.exec(String(reply.headers["content-security-policy"]))?.[1];

  test("every page has a CSP with a fresh nonce on all its scripts; consoles and sign-in cannot be framed", async () => {
    const cookie = await signInCookie("admin");
    for (const page of ["/sign-in", "/admin", "/admin/agents", "/supervisor", "/workspace", "/chat", "/"]) {
      const reply = await send("GET", page, { headers: { cookie } });
      expect(reply.status, page).toBe(200);
      const policy = String(reply.headers["content-security-policy"]);
      const nonce = nonceOf(reply);
      expect(nonce, `${page}: ${policy}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(policy).toContain("script-src 'self' 'nonce-");
      expect(policy).toContain("'strict-dynamic'");
      expect(policy).not.toContain("unsafe-eval");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      const chat = page === "/chat";
      expect(policy, page).toContain(chat ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
      expect(reply.headers["x-frame-options"], page).toBe(chat ? "SAMEORIGIN" : "DENY");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["referrer-policy"]).toBe("same-origin");
      // The public URL here is http: no HSTS, which would lock browsers out of a plain-http install.
      expect(reply.headers["strict-transport-security"]).toBeUndefined();
      const scripts = reply.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, page).toBeGreaterThan(0);
      expect(
        scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
        page,
      ).toEqual([]);
    }
    const [first, second] = [await send("GET", "/sign-in"), await send("GET", "/sign-in")];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    // The consoles still send a browser without a session to sign in first.
    const redirected = await send("GET", "/admin/routing?x=1");
    expect(redirected.status).toBe(307);
    expect(redirected.headers.location).toContain("/sign-in?next=%2Fadmin%2Frouting%3Fx%3D1");
  });

  test("API responses, Next's own 404s included, are never sniffed", async () => {
    for (const target of ["/api/health", "/api/queues", "/api/no-such-route", "/api/openapi.json"]) {
      const reply = await send("GET", target);
      expect(reply.headers["x-content-type-options"], target).toBe("nosniff");
      expect(reply.headers["referrer-policy"], target).toBe("same-origin");
    }
  });
});

test("[BENCH] the no-op benchmark route is not served unless the bench turns it on", async () => {
  for (const method of ["GET", "POST"]) {
    const reply = await send(method, "/api/bench/noop", { headers: json, body: method === "POST" ? "{}" : undefined });
    expectRefused(reply, 404, "not_found");
  }
});
