import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { streamConversation } from "@/lib/conversations/stream-conversation";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getEventsById } from "@/lib/timeline/get-events-by-id";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor, customerActor, type TimelineEvent } from "@/lib/timeline/types";
import { type Bus, createInProcessBus, installBus, topics } from "./bus";
import { createPostgresBus, type PostgresBus } from "./postgres-bus";

// Two buses on two connections of their own play two server instances over one database (this file's own copy).
// Needs a PostgreSQL server: runs in the `postgres` project only (npm run test:pg).
const onPostgres = process.env.SWITCHBOARD_TEST_DIALECT === "postgres";

const buses: PostgresBus[] = [];
async function instance(name: string, options: { retryFirstMs?: number } = {}): Promise<PostgresBus> {
  const bus = createPostgresBus({
    url: process.env.DATABASE_URL as string,
    loadEvents: getEventsById,
    instanceId: name,
    ...options,
  });
  await bus.start();
  buses.push(bus);
  return bus;
}

/** Everything `bus` delivers on `topics`, in order, as [topic, payload]. */
function record(bus: Bus, topicNames: string[]) {
  const seen: [string, unknown][] = [];
  for (const topic of topicNames) bus.subscribe(topic, (payload) => seen.push([topic, payload]));
  return {
    seen,
    on: (topic: string) => seen.filter(([t]) => t === topic).map(([, payload]) => payload),
  };
}

/** A real fault: the server ends the session, as a restart or a cut connection would. */
async function terminate(pid: number | null) {
  expect(pid).not.toBeNull();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SELECT pg_terminate_backend($1)", [pid]);
  } finally {
    await client.end();
  }
}

/**
 * `sender`'s notifications reach `receiver` in the order sent, so once a marker published after them has arrived,
 * everything before it has been delivered (or ignored) there: "nothing more will come" without waiting on a clock.
 */
async function settle(sender: PostgresBus, receiver: PostgresBus) {
  const marker = { type: "test.marker", id: Math.random() };
  let arrived = false;
  const off = receiver.subscribe("test", (payload) => {
    if ((payload as { id: number }).id === marker.id) arrived = true;
  });
  await sender.flushed();
  sender.publish("test", marker);
  await vi.waitFor(() => expect(arrived).toBe(true), { timeout: 10_000 });
  off();
}

/** The frames a stream response sends, as they arrive. */
function readFrames(response: Response) {
  const frames: { id?: number; event?: string; data: any }[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: { id?: number; event?: string; data?: any } = {};
        for (const line of block.split("\n")) {
          if (line.startsWith("id: ")) frame.id = Number(line.slice(4));
          if (line.startsWith("event: ")) frame.event = line.slice(7);
          if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6));
        }
        if (frame.data !== undefined) frames.push(frame as (typeof frames)[number]);
      }
    }
  })();
  return frames;
}

/** A staff stream of the conversation served by `bus`'s instance (the stream keeps the bus it opened with). */
async function openStream(bus: Bus, conversationId: string, abort: AbortController) {
  const request = new Request(`http://instance.test/api/conversations/${conversationId}/stream`, {
    signal: abort.signal,
  });
  installBus(bus);
  try {
    return readFrames(await streamConversation(request, { conversationId, audience: "staff" }));
  } finally {
    installBus(createInProcessBus());
  }
}

/** Runs `write` with `bus` as the process's bus, i.e. on that instance: its effects are published there. */
async function on<T>(bus: Bus, write: () => Promise<T>): Promise<T> {
  installBus(bus);
  try {
    return await write();
  } finally {
    installBus(createInProcessBus());
  }
}

async function conversationWithRep(through: Bus) {
  return on(through, async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ queues: [queue.id] });
    const { conversation } = await startConversation({ customer: { name: "Dana" }, queueId: queue.id });
    return { queue, rep, conversationId: conversation.id as string };
  });
}

const say = (bus: Bus, conversationId: string, text: string, actor = customerActor) =>
  on(bus, () => postMessage({ conversationId, actor, text }));

beforeEach(resetDatabase);
afterEach(async () => {
  installBus(createInProcessBus());
  for (const bus of buses.splice(0)) await bus.close();
});

describe.skipIf(!onPostgres)("[LIVE] live events across instances (PostgreSQL LISTEN/NOTIFY)", () => {
  it("delivers what one instance publishes to the other's subscribers: same topics, the stored events, big ones too", async () => {
    const a = await instance("A");
    const b = await instance("B");
    const onA = record(a, [topics.all, topics.changes]);
    const onB = record(b, [topics.all, topics.changes]);
    const queue = await on(a, () => buildQueue());
    const rep = await on(a, () => buildRep({ queues: [queue.id] }));
    // A context near its 16 KB limit and a message of 4,000 four-byte characters: neither fits in a notification.
    const context = { notes: "n".repeat(15_000) };
    const { conversation } = await on(a, () =>
      startConversation({ customer: { name: "Dana" }, queueId: queue.id, context }),
    );
    await settle(a, b); // the start's own events are in: B's conversation subscriber hears only what follows
    const onConversation = record(b, [topics.conversation(conversation.id)]);
    await say(a, conversation.id, "🙂".repeat(4_000));
    await say(a, conversation.id, "thanks", agentActor(rep.id));

    const timeline = await getTimeline(conversation.id);
    await vi.waitFor(() => expect(onB.on(topics.all)).toHaveLength(timeline.length), { timeout: 10_000 });
    await settle(b, a);
    await settle(a, b);
    expect(onB.on(topics.all)).toEqual(timeline); // exactly the stored rows, in order, each once
    expect(onA.on(topics.all)).toEqual(timeline); // A's own: delivered at once, not again from its notifications
    expect(onConversation.on(topics.conversation(conversation.id))).toEqual(timeline.slice(-2));
    expect((timeline.at(-2) as TimelineEvent).data.text).toBe("🙂".repeat(4_000));
    const changes = onA.on(topics.changes);
    expect(changes).toContainEqual({ type: "agent.changed", agentId: rep.id });
    expect(changes).toContainEqual({ type: "queue.changed", queueId: queue.id });
    expect(onB.on(topics.changes)).toEqual(changes);
  });

  it("keeps the order of many publications in one tick, across several notifications", async () => {
    const a = await instance("A");
    const b = await instance("B");
    const onB = record(b, [topics.changes]);
    const sent = Array.from({ length: 1_000 }, (_, i) => ({ type: "queue.changed", queueId: `queue-${i}` }));
    for (const change of sent) a.publish(topics.changes, change); // ≈ 50 bytes each: several notifications
    await settle(a, b);
    expect(onB.on(topics.changes)).toEqual(sent);
  });

  it("after its LISTEN session is killed, reconnects, asks its subscribers to resync, and delivers again", async () => {
    const a = await instance("A");
    const b = await instance("B", { retryFirstMs: 500 });
    const { conversationId } = await conversationWithRep(a);
    await settle(a, b); // the start's own events are in: B hears only what follows
    const onB = record(b, [topics.conversation(conversationId)]);
    let resyncs = 0;
    b.onResync(() => resyncs++);
    await say(a, conversationId, "before");
    await vi.waitFor(() => expect(onB.seen).toHaveLength(1), { timeout: 10_000 });

    await terminate(b.backendPid);
    await vi.waitFor(() => expect(b.backendPid).toBeNull(), { timeout: 10_000 });
    await say(a, conversationId, "while B was away");
    await a.flushed();
    await vi.waitFor(() => expect(resyncs).toBe(1), { timeout: 10_000 });
    await say(a, conversationId, "after");
    await vi.waitFor(() => expect(onB.seen).toHaveLength(2), { timeout: 10_000 });

    const texts = onB.on(topics.conversation(conversationId)).map((e) => (e as TimelineEvent).data.text);
    expect(texts).toEqual(["before", "after"]); // the one in between was missed live: resync is how it is read
    expect(resyncs).toBe(1);
    expect((await getTimeline(conversationId)).map((e) => e.data.text).filter(Boolean)).toEqual([
      "before",
      "while B was away",
      "after",
    ]);
  });

  it("a conversation stream on an instance whose bus lost its session re-reads what it missed: each event once, in order", async () => {
    const a = await instance("A");
    const b = await instance("B", { retryFirstMs: 500 });
    const { conversationId } = await conversationWithRep(a);
    const abort = new AbortController();
    const frames = await openStream(b, conversationId, abort);
    try {
      await say(a, conversationId, "one");
      const afterOne = (await getTimeline(conversationId)).length;
      await vi.waitFor(() => expect(frames).toHaveLength(afterOne), { timeout: 10_000 });

      await terminate(b.backendPid);
      await vi.waitFor(() => expect(b.backendPid).toBeNull(), { timeout: 10_000 });
      await say(a, conversationId, "two, while B was away");
      await say(a, conversationId, "three, while B was away");
      await vi.waitFor(() => expect(b.backendPid).not.toBeNull(), { timeout: 10_000 });
      await say(a, conversationId, "four");

      const timeline = await getTimeline(conversationId);
      await vi.waitFor(() => expect(frames).toHaveLength(timeline.length), { timeout: 10_000 });
      await settle(a, b);
      expect(frames.map((frame) => frame.id)).toEqual(timeline.map((event) => event.seq));
      expect(frames.map((frame) => frame.data)).toEqual(timeline);
    } finally {
      abort.abort();
    }
  });

  it("an event from another instance overtaken by this instance's own is read from the database: no gap, no double", async () => {
    // A's reconnect waits long enough that B's own event surely goes out first.
    const a = await instance("A", { retryFirstMs: 3_000 });
    const b = await instance("B");
    const { rep, conversationId } = await conversationWithRep(b);
    const abort = new AbortController();
    const frames = await openStream(b, conversationId, abort);
    try {
      const before = (await getTimeline(conversationId)).length;
      await vi.waitFor(() => expect(frames).toHaveLength(before), { timeout: 10_000 });

      await terminate(a.backendPid);
      await vi.waitFor(() => expect(a.backendPid).toBeNull(), { timeout: 10_000 });
      await say(a, conversationId, "from A, held up"); // stays in A's outbox until A is back
      await say(b, conversationId, "from B, right after", agentActor(rep.id)); // B's stream sees a gap
      const timeline = await getTimeline(conversationId);
      await vi.waitFor(() => expect(frames).toHaveLength(timeline.length), { timeout: 10_000 });

      await vi.waitFor(() => expect(a.backendPid).not.toBeNull(), { timeout: 15_000 });
      await settle(a, b); // A's held-up notification has reached B by now, late
      expect(frames.map((frame) => frame.id)).toEqual(timeline.map((event) => event.seq));
      expect(frames.slice(-2).map((frame) => frame.data.data.text)).toEqual(["from A, held up", "from B, right after"]);
    } finally {
      abort.abort();
    }
  });
});
