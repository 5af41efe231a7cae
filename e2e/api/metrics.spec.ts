import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json, staffKey, unique } from "../support/api";
import { closedPortUrl, TestBot } from "../support/botframework-bot";
import { metricsToken, Scrape } from "../support/metrics";
import { type OwnServer, startOwnServer } from "../support/own-server";
import { openStream } from "../support/sse";

/**
 * /api/metrics (issue 12) through the real server: the shared one runs with SWITCHBOARD_METRICS_TOKEN
 * (scripts/e2e-server.sh); what needs the endpoint off, or counts that other tests running at the same time would
 * disturb (open streams, the unlabelled reply time-outs), runs on servers of its own. Elsewhere every count is read
 * on series of this test's own (its queues' and agents' unique names), before and after, so the suite running
 * alongside changes nothing.
 */
async function scrape(url = baseURL, token = metricsToken()): Promise<Scrape> {
  const response = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return new Scrape(await response.text());
}

const assignments = (queue: Json, agentKind: "ai" | "human") => ({ queue: queue.name, agent_kind: agentKind });

const servers: OwnServer[] = [];
const contexts: APIRequestContext[] = [];
const bots: TestBot[] = [];
test.afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop().catch(() => undefined)));
  await Promise.all(contexts.splice(0).map((context) => context.dispose()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** A server of this test's own, and an API client for it as its admin. */
async function ownServer(name: string, env: Record<string, string>) {
  const server = await startOwnServer(name, env);
  servers.push(server);
  const context = await playwrightRequest.newContext({ baseURL: server.url });
  contexts.push(context);
  return { server, api: new Api(context, server.adminKey) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`never: ${what} (last: ${JSON.stringify(value)})`);
    await sleep(100);
  }
}

test.describe("[METRICS] /api/metrics", () => {
  test("answers only the bearer token, in the Prometheus text format, with the process's own metrics", async () => {
    const token = metricsToken();
    const url = `${baseURL}/api/metrics`;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token-of-some-length" },
      { authorization: `Bearer ${token}x` },
      { authorization: `Bearer ${token.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`metrics:${token}`).toString("base64")}` },
      { authorization: token },
      { "x-api-key": token },
      // A staff API key is not a scraper's credential.
      { "x-api-key": staffKey("admin") },
    ];
    for (const headers of attempts) {
      const response = await fetch(url, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      const body = await response.json();
      expect(body.error.code).toBe("unauthorized");
      expect(JSON.stringify(body)).not.toContain(token);
    }
    // Nor in the query string, where it would end up in access logs.
    expect((await fetch(`${url}?token=${token}`)).status).toBe(401);

    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const metrics = new Scrape(text);
    // collectDefaultMetrics: the process's CPU, memory and event loop.
    expect(metrics.has("process_cpu_user_seconds_total")).toBe(true);
    expect(metrics.has("nodejs_eventloop_lag_seconds")).toBe(true);
    for (const name of [
      "switchboard_assignments_total",
      "switchboard_assignment_latency_seconds",
      "switchboard_handoffs_total",
      "switchboard_handbacks_total",
      "switchboard_bot_delivery_failures_total",
      "switchboard_bot_reply_timeouts_total",
      "switchboard_http_request_duration_seconds",
      "switchboard_open_streams",
      "switchboard_queue_waiting",
      "switchboard_queue_longest_wait_seconds",
    ]) {
      expect(text, name).toContain(`# HELP ${name} `);
    }
  });

  test("counts a conversation's assignments, its hand-off to a person and hand-back to an AI agent, by queue", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue1 = await api.queue();
    const queue2 = await api.queue();
    const agentA = await api.ai({ capacity: 10, escalationQueueId: queue1.id, greeting: "Hi, I'm Agent A." });
    const rep = await api.rep({ capacity: 2 });
    const agentB = await api.ai({ greeting: "Welcome back, I'm Agent B." });
    await api.join(queue1.id, agentA.id);
    await api.join(queue1.id, rep.id);
    await api.join(queue2.id, agentB.id);
    const before = await scrape();

    // Agent A takes it; the customer asks for a person (a hand-off, to the representative in Queue 1); the
    // representative hands it back to Queue 2, where Agent B takes it (a hand-back).
    const { conversation, customerToken } = await api.start({ queueId: queue1.id });
    expect(conversation.assignee.id).toBe(agentA.id);
    await api.say(conversation.id, customerToken, "Can I talk to a person please?");
    expect((await api.conversation(conversation.id)).assignee.id).toBe(rep.id);
    const handedBack = await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
      toQueueId: queue2.id,
      byAgentId: rep.id,
      note: "Please run the survey.",
    });
    expect(handedBack.assignee.id).toBe(agentB.id);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta("switchboard_assignments_total", assignments(queue1, "ai"))).toBe(1);
    expect(delta("switchboard_assignments_total", assignments(queue1, "human"))).toBe(1);
    expect(delta("switchboard_assignments_total", assignments(queue2, "ai"))).toBe(1);
    expect(delta("switchboard_assignments_total", assignments(queue2, "human"))).toBe(0);
    expect(delta("switchboard_handoffs_total", { queue: queue1.name })).toBe(1);
    expect(delta("switchboard_handbacks_total", { queue: queue2.name })).toBe(1);
    expect(delta("switchboard_handoffs_total", { queue: queue2.name })).toBe(0);
    expect(delta("switchboard_handbacks_total", { queue: queue1.name })).toBe(0);
    // One latency per assignment, each at most the few seconds this test took, in the matching buckets.
    for (const [queue, kind] of [
      [queue1, "ai"],
      [queue1, "human"],
      [queue2, "ai"],
    ] as const) {
      const labels = assignments(queue, kind);
      expect(delta("switchboard_assignment_latency_seconds_count", labels)).toBe(1);
      expect(after.value("switchboard_assignment_latency_seconds_sum", labels)).toBeLessThan(30);
      expect(after.value("switchboard_assignment_latency_seconds_bucket", { ...labels, le: "+Inf" })).toBe(1);
      expect(after.value("switchboard_assignment_latency_seconds_bucket", { ...labels, le: "30" })).toBe(1);
    }

    // The API's latency is labelled by route pattern, never by the URL: the conversation's id is nowhere.
    const routes = after.labelValues("switchboard_http_request_duration_seconds_count", "route");
    expect(routes).toEqual(
      expect.arrayContaining([
        "/api/conversations",
        "/api/conversations/[id]/messages",
        "/api/conversations/[id]/transfer",
        "/api/queues/[id]/members/[agentId]",
      ]),
    );
    expect(routes.filter((route) => !route.startsWith("/api/") && route !== "other")).toEqual([]);
    expect(after.text).not.toContain(conversation.id);
    const posted = { method: "POST", route: "/api/conversations/[id]/messages", status: "201" };
    expect(delta("switchboard_http_request_duration_seconds_count", posted)).toBeGreaterThanOrEqual(1);
    expect(after.value("switchboard_http_request_duration_seconds_bucket", { ...posted, le: "+Inf" })).toBe(
      after.value("switchboard_http_request_duration_seconds_count", posted),
    );
  });

  test("shows who waits in each queue and for how long, read from the database, and the wait once served", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const rep = await api.rep({ capacity: 1 });
    await api.join(queue.id, rep.id);
    const held = await api.start({ queueId: queue.id });
    expect(held.conversation.status).toBe("active");
    const waiting = await api.start({ queueId: queue.id });
    expect(waiting.conversation.status).toBe("open");

    let metrics = await scrape();
    expect(metrics.value("switchboard_queue_waiting", { queue: queue.name })).toBe(1);
    const firstWait = metrics.value("switchboard_queue_longest_wait_seconds", { queue: queue.name });
    expect(firstWait).toBeGreaterThanOrEqual(0);
    expect(firstWait).toBeLessThan(10);
    await sleep(1_200);
    metrics = await scrape();
    expect(metrics.value("switchboard_queue_longest_wait_seconds", { queue: queue.name })).toBeGreaterThan(
      firstWait + 1,
    );

    // The representative's unit frees: the waiting conversation is served, and its wait is its latency.
    await api.ok("POST", `/api/conversations/${held.conversation.id}/close`, {});
    expect((await api.conversation(waiting.conversation.id)).assignee?.id).toBe(rep.id);
    metrics = await scrape();
    expect(metrics.value("switchboard_queue_waiting", { queue: queue.name })).toBe(0);
    expect(metrics.value("switchboard_queue_longest_wait_seconds", { queue: queue.name })).toBe(0);
    const labels = assignments(queue, "human");
    expect(metrics.value("switchboard_assignments_total", labels)).toBe(2);
    expect(metrics.value("switchboard_assignment_latency_seconds_count", labels)).toBe(2);
    expect(metrics.value("switchboard_assignment_latency_seconds_sum", labels)).toBeGreaterThan(1.2);
    // The one served at once is under a second; the one that waited is not.
    expect(metrics.value("switchboard_assignment_latency_seconds_bucket", { ...labels, le: "1" })).toBe(1);
  });

  test("counts a Bot Framework bot's failed delivery by agent and reason, and the hand-off it caused", async ({
    request,
  }) => {
    const api = new Api(request);
    const entry = await api.queue();
    const escalation = await api.queue();
    const rep = await api.rep({ capacity: 2 });
    await api.join(escalation.id, rep.id);
    const bot = await api.ok("POST", "/api/agents", {
      kind: "ai",
      botType: "botframework",
      name: unique("Down bot"),
      endpointUrl: await closedPortUrl(),
      escalationQueueId: escalation.id,
    });
    await api.join(entry.id, bot.id);

    const { conversation } = await api.start({ queueId: entry.id });
    await api.waitForTimeline(conversation.id, (events) =>
      events.some((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const metrics = await eventually(
      scrape,
      (m) => m.value("switchboard_handoffs_total", { queue: escalation.name }) > 0,
      "the hand-off counted",
    );
    expect(metrics.value("switchboard_bot_delivery_failures_total", { agent: bot.name, reason: "unreachable" })).toBe(
      1,
    );
    expect(metrics.value("switchboard_bot_delivery_failures_total", { agent: bot.name })).toBe(1);
    expect(metrics.value("switchboard_handoffs_total", { queue: escalation.name })).toBe(1);
  });
});

test.describe("[METRICS] on servers of their own", () => {
  test("without SWITCHBOARD_METRICS_TOKEN the endpoint is off (404); a token too short stops the start", async () => {
    const { server } = await ownServer("metrics-off", { SWITCHBOARD_METRICS_TOKEN: "" });
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer anything-at-all-here" }];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/api/metrics`, { headers });
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    await expect(startOwnServer("metrics-short", { SWITCHBOARD_METRICS_TOKEN: "too-short" })).rejects.toThrow(
      /next start exited with 1/,
    );
  });

  test("counts the streams open on this instance, and a bot's reply time-out", async () => {
    const token = "own-server-metrics-token-0123456789";
    const { server, api } = await ownServer("metrics-own", {
      SWITCHBOARD_METRICS_TOKEN: token,
      TIMER_INTERVAL_MS: "100",
      SWITCHBOARD_BOT_HOSTS: "127.0.0.1,localhost",
    });
    const read = () => scrape(server.url, token);
    const streams = async (kind: string) => (await read()).value("switchboard_open_streams", { stream: kind });
    expect(await streams("conversation")).toBe(0);

    // A silent bot: it greets, accepts the customer's message, never answers.
    const bot = await TestBot.start({ silentOnMessages: true });
    bots.push(bot);
    const entry = await api.queue();
    const escalation = await api.queue();
    const rep = await api.rep({ capacity: 2 });
    await api.join(escalation.id, rep.id);
    const agent = await api.ok("POST", "/api/agents", {
      kind: "ai",
      botType: "botframework",
      name: unique("Silent bot"),
      endpointUrl: bot.url,
      escalationQueueId: escalation.id,
      replyTimeoutMs: 1_000,
    });
    await api.join(entry.id, agent.id);
    const { conversation, customerToken } = await api.start({ queueId: entry.id });

    const path = `${server.url}/api/conversations/${conversation.id}/stream`;
    const customer = { authorization: `Bearer ${customerToken}` };
    const first = await openStream(path, customer);
    const second = await openStream(path, customer);
    const supervisor = await openStream(`${server.url}/api/stream`, { "x-api-key": server.adminKey });
    expect(await streams("conversation")).toBe(2);
    expect(await streams("supervisor")).toBe(1);
    first.close();
    await eventually(
      () => streams("conversation"),
      (n) => n === 1,
      "one conversation stream left",
    );

    await api.waitForTimeline(conversation.id, (events) =>
      events.some((e) => e.type === "message.sent" && e.data.agentId === agent.id),
    );
    await api.say(conversation.id, customerToken, "Hello, anyone?");
    await api.waitForTimeline(conversation.id, (events) =>
      events.some((e) => e.type === "agent.assigned" && e.data.agentId === rep.id),
    );
    const metrics = await eventually(
      read,
      (m) => m.value("switchboard_bot_reply_timeouts_total") > 0,
      "the reply time-out counted",
    );
    expect(metrics.value("switchboard_bot_reply_timeouts_total")).toBe(1);
    expect(metrics.value("switchboard_bot_delivery_failures_total")).toBe(0); // it accepted every activity
    expect(metrics.value("switchboard_handoffs_total", { queue: escalation.name })).toBe(1);

    second.close();
    supervisor.close();
    await eventually(
      async () => [await streams("conversation"), await streams("supervisor")],
      ([c, s]) => c === 0 && s === 0,
      "every stream closed",
    );
  });
});
