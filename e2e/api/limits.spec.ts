import { expect, test } from "@playwright/test";
import { type OwnServer, startOwnServer } from "../support/own-server";

/**
 * Sign-in throttling and rate limits, through the real server. The shared e2e server raises every limit (all its
 * customers come from 127.0.0.1), so these tests run servers of their own with small limits and short backoffs:
 * a first lock of 10 s (ample for the few requests a test sends while it expects a lock to hold, on a busy
 * machine), doubling to at most 20 s.
 */
const backoff = { SWITCHBOARD_SIGNIN_BACKOFF_SECONDS: "10", SWITCHBOARD_SIGNIN_BACKOFF_MAX_SECONDS: "20" };
const small = {
  SWITCHBOARD_LIMIT_STARTS_PER_MINUTE: "5",
  SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION: "3",
  SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT: "5",
};

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(server: OwnServer, method: string, path: string, body?: unknown, headers = {}): Promise<Reply> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: server.url, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const asAdmin = (server: OwnServer) => ({ "x-api-key": server.adminKey });
const from = (forwardedFor: string) => ({ "x-forwarded-for": forwardedFor });

const signIn = (server: OwnServer, email: string, password: string, headers: Record<string, string> = {}) =>
  call(server, "POST", "/api/auth/sign-in/email", { email, password }, headers);

async function account(server: OwnServer, email: string, password: string) {
  const created = await call(
    server,
    "POST",
    "/api/accounts",
    { name: email, email, password, role: "supervisor" },
    asAdmin(server),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

const conversationCount = async (server: OwnServer) =>
  (await call(server, "GET", "/api/conversations?limit=500", undefined, asAdmin(server))).body.length as number;

async function start(server: OwnServer, headers: Record<string, string> = {}) {
  return call(server, "POST", "/api/conversations", { customer: { name: "Dana" } }, headers);
}

/** A 429 that says when: the Retry-After header, and the same number in the JSON body. */
function expectRetryAfter(reply: Reply, seconds: (body: any) => unknown): number {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  const retryAfter = Number(reply.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(seconds(reply.body)).toBe(retryAfter);
  return retryAfter;
}

/** How many locks of 10, 20, 20, … seconds can have run out within `ms`: only then can another guess get through. */
function locksOverWithin(ms: number): number {
  let locks = 0;
  for (let spent = 10_000; spent <= ms; spent += 20_000) locks++;
  return locks;
}

test.describe("[LIMITS] sign-in throttle, no proxy trusted", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer("throttle", { ...backoff, ...small });
    await account(server, "victim@own.test", "victim-right-password");
    await account(server, "bystander@own.test", "bystander-right-password");
  });
  test.afterAll(async () => server?.stop());

  test("200 wrong guesses, each with another X-Forwarded-For: 5 are checked before the first 429, more only as locks run out; every refusal says when", async () => {
    await account(server, "flood@own.test", "flood-right-password");
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await signIn(server, "flood@own.test", `guess-${i}`, from(`198.51.100.${i + 1}`))).status);
    }
    expect(statuses.indexOf(429), `statuses: ${statuses}`).toBe(5);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    // The other 190 at once: each is counted before its password is checked, so sending them together gains nothing.
    const rest = await Promise.all(
      Array.from({ length: 190 }, (_, i) =>
        signIn(server, "flood@own.test", `guess-${i + 10}`, from(`203.0.113.${(i % 250) + 1}, 10.0.0.${i % 250}`)),
      ),
    );
    statuses.push(...rest.map((reply) => reply.status));
    const checked = statuses.filter((status) => status === 401).length;
    test.info().annotations.push({ type: "checked", description: `${checked} of 200 guesses were checked` });
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(checked, `${checked} of 200 guesses were checked`).toBeLessThanOrEqual(
      5 + locksOverWithin(Date.now() - started),
    );
    for (const refusal of rest.filter((reply) => reply.status === 429)) {
      expectRetryAfter(refusal, (body) => body.retryAfterSeconds);
      expect(refusal.body).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS", scope: "account" });
      expect(refusal.body.message).toMatch(/try again in \d+ s/);
    }
  });

  test("a locked account stays locked, even for the right password; once Retry-After has passed the right password works and the count starts again", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(server, "victim@own.test", `guess-${i}`, from(`198.51.100.${i + 1}`))).status).toBe(401);
    }
    const locked = await signIn(server, "victim@own.test", "victim-right-password", from("198.51.100.77"));
    const wait = expectRetryAfter(locked, (body) => body.retryAfterSeconds);
    expect(wait).toBeLessThanOrEqual(10);
    expect(locked.headers.get("set-cookie")).toBeNull(); // no password was checked, no session made

    await sleep(wait * 1000);
    const signedIn = await signIn(server, "victim@own.test", "victim-right-password");
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    expect(signedIn.headers.get("set-cookie")).toContain("session_token");
    // A success clears the account's failures: the next mistake is checked, not refused.
    expect((await signIn(server, "victim@own.test", "a-typo")).status).toBe(401);
  });

  test("someone else's failures do not lock out another account, nor a correct sign-in, from the same address", async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn(server, "victim@own.test", `again-${i}`)).status).toBeLessThan(500);
    expect((await signIn(server, "victim@own.test", "victim-right-password")).status).toBe(429);
    // Same address (127.0.0.1), another account: judged on its own password.
    expect((await signIn(server, "bystander@own.test", "bystander-right-password")).status).toBe(200);
    expect((await signIn(server, "bystander@own.test", "bystander-typo")).status).toBe(401);
    expect((await signIn(server, "bystander@own.test", "bystander-right-password")).status).toBe(200);
  });

  test("conversation starts past the per-minute limit are refused with Retry-After, and none is created; a made-up X-Forwarded-For does not help", async () => {
    expect(
      (await call(server, "POST", "/api/queues", { name: "Default", isDefault: true }, asAdmin(server))).status,
    ).toBe(201);
    const before = await conversationCount(server);
    for (let i = 0; i < 5; i++) expect((await start(server, from(`198.51.100.${i + 1}`))).status).toBe(201);
    const refused = await start(server, from("198.51.100.99"));
    expectRetryAfter(refused, (body) => body.error.retryAfterSeconds);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", limit: "starts_per_minute", max: 5 });
    expect((await start(server)).status).toBe(429);
    expect(await conversationCount(server)).toBe(before + 5);
  });
});

/** A customer's live stream, held open until `close()`. */
async function openStream(server: OwnServer, conversation: { id: string; token: string }, headers = {}) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/conversations/${conversation.id}/stream`, {
    headers: { authorization: `Bearer ${conversation.token}`, ...headers },
    signal: controller.signal,
  });
  const body = response.status === 200 ? null : await response.json();
  return { status: response.status, headers: response.headers, body, close: () => controller.abort() };
}

test.describe("[LIMITS] behind one trusted proxy (SWITCHBOARD_TRUSTED_PROXIES=1)", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer("proxy", {
      ...backoff,
      ...small,
      SWITCHBOARD_TRUSTED_PROXIES: "1",
      SWITCHBOARD_SIGNIN_FAILURES_PER_ADDRESS: "8",
    });
    await account(server, "agent@own.test", "agent-right-password");
    expect(
      (await call(server, "POST", "/api/queues", { name: "Default", isDefault: true }, asAdmin(server))).status,
    ).toBe(201);
  });
  test.afterAll(async () => server?.stop());

  async function conversationFor(client: string) {
    const started = await start(server, from(client));
    expect(started.status).toBe(201);
    return { id: started.body.conversation.id as string, token: started.body.customerToken as string };
  }

  test("the rightmost forwarded address is the client: guesses against many accounts from one address lock that address, not its neighbours", async () => {
    for (let i = 0; i < 8; i++) {
      expect((await signIn(server, `nobody-${i}@own.test`, "guess", from("203.0.113.7"))).status).toBe(401);
    }
    const refused = await signIn(server, "nobody-8@own.test", "guess", from("203.0.113.7"));
    expectRetryAfter(refused, (body) => body.retryAfterSeconds);
    expect(refused.body).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS", scope: "address" });
    // The per-address rule holds for everyone at that address, the right password included…
    expect((await signIn(server, "agent@own.test", "agent-right-password", from("203.0.113.7"))).status).toBe(429);
    // …whatever the client wrote further left; and the address next door is not touched.
    expect(
      (await signIn(server, "agent@own.test", "agent-right-password", from("192.0.2.1, 203.0.113.7"))).status,
    ).toBe(429);
    expect(
      (await signIn(server, "agent@own.test", "agent-right-password", from("203.0.113.7, 203.0.113.8"))).status,
    ).toBe(200);
    expect((await signIn(server, "agent@own.test", "agent-right-password", from("203.0.113.9"))).status).toBe(200);
  });

  test("conversation starts are counted per client address", async () => {
    const before = await conversationCount(server);
    for (let i = 0; i < 5; i++) expect((await start(server, from("192.0.2.10"))).status).toBe(201);
    expectRetryAfter(await start(server, from("192.0.2.10")), (body) => body.error.retryAfterSeconds);
    expect((await start(server, from("192.0.2.11"))).status).toBe(201);
    expect(await conversationCount(server)).toBe(before + 6);
  });

  test("a conversation's customer streams beyond the limit are refused with Retry-After; closing one frees its slot; staff streams are not counted", async () => {
    const conversation = await conversationFor("192.0.2.20");
    const streams = [];
    for (let i = 0; i < 3; i++) {
      const stream = await openStream(server, conversation, from(`192.0.2.${21 + i}`));
      expect(stream.status).toBe(200);
      streams.push(stream);
    }
    const refused = await openStream(server, conversation, from("192.0.2.24"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", limit: "streams_per_conversation", max: 3 });
    // A supervisor watching the same conversation is signed in, not a customer: not counted.
    const staff = await fetch(`${server.url}/api/conversations/${conversation.id}/stream`, {
      headers: asAdmin(server),
    });
    expect(staff.status).toBe(200);
    await staff.body?.cancel();

    streams[0].close();
    let reopened: Awaited<ReturnType<typeof openStream>> | null = null;
    await expect
      .poll(async () => {
        reopened = await openStream(server, conversation, from("192.0.2.24"));
        return reopened.status;
      })
      .toBe(200);
    for (const stream of [...streams.slice(1), reopened as unknown as { close(): void }]) stream.close();
  });

  test("one client address's customer streams beyond the limit are refused, across conversations; closing one frees its slot", async () => {
    const first = await conversationFor("192.0.2.30");
    const second = await conversationFor("192.0.2.30");
    const third = await conversationFor("192.0.2.30");
    const streams = [];
    for (const conversation of [first, first, first, second, second]) {
      const stream = await openStream(server, conversation, from("192.0.2.31"));
      expect(stream.status).toBe(200);
      streams.push(stream);
    }
    const refused = await openStream(server, third, from("192.0.2.31"));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", limit: "streams_per_client", max: 5 });
    // Another client may still watch the same conversation.
    const neighbour = await openStream(server, third, from("192.0.2.32"));
    expect(neighbour.status).toBe(200);

    streams[4].close();
    await expect
      .poll(async () => {
        const stream = await openStream(server, third, from("192.0.2.31"));
        stream.close();
        return stream.status;
      })
      .toBe(200);
    for (const stream of [...streams, neighbour]) stream.close();
  });
});
