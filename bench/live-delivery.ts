// 3. Live delivery: many open event streams (a customer and a representative per conversation); the time from a
// message POST to its arrival on the other side's stream, and the server's memory. Messages are sent open-loop at
// a fixed rate (not one after another), alternating customer → representative and representative → customer.
// Also: what one assignment costs while all those streams are open (each stream watches its queue).
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf } from "./lib/db";
import { jsonClient, removeServerDatabase, setupQueueOverHttp, startServer } from "./lib/server";
import { type Frame, openStream, type Stream } from "./lib/sse";
import { lagSampler, round, type Summary, sleep, summarize } from "./lib/stats";

const NAME = "live";

export interface LiveResult {
  conversations: number;
  streams: number;
  openAllStreamsSeconds: number;
  messages: { sent: number; delivered: number; lost: number; perSecond: number; seconds: number };
  /** POST sent → frame received on the other side's stream (as seen by the load generator, lag included). */
  deliveryMs: Summary;
  /** The same, by who wrote: the customer (bearer token) or the representative (API key). */
  deliveryByAuthorMs: { customer: Summary; representative: Summary };
  /** The POST's own response time. */
  postMs: Summary;
  serverRssMiB: { beforeStreams: number; withStreams: number; peak: number; perStreamKiB: number };
  /** One POST /api/conversations at a time, before the streams were opened and while they are open. */
  assignmentMs: { withoutStreams: Summary; withStreamsOpen: Summary };
  clientEventLoopDelayMs: { p50: number; p99: number };
  violations: string[];
}

interface Conversation {
  id: string;
  token: string;
  assigneeId: string;
}

type Side = "customer" | "representative";

async function inBatches<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
  }
}

export async function measureLive(args: BenchArgs): Promise<LiveResult> {
  const L = args.sizes.live;
  const server = await startServer("live", (m) => log(NAME, m));
  const client = jsonClient(server.url, 32);
  const adminClient = jsonClient(server.url, 4, { "x-api-key": server.adminKey });
  const streams: Stream[] = [];
  const violations: string[] = [];
  try {
    const setup = await setupQueueOverHttp(adminClient, {
      representatives: L.representatives,
      repCapacity: 1000,
      aiAgents: 0,
      accounts: true,
    });
    const { queueId, representativeKeys } = setup;
    const keyOf = (agentId: string) => {
      const key = representativeKeys.get(agentId);
      if (!key) throw new Error(`no API key for agent ${agentId}`);
      return key;
    };
    // The customer's answer names who answers, never their id: the staff view says whose key writes back.
    const start = async (i: number) => {
      const body = await client.ok("POST", "/api/conversations", { customer: { name: `Customer ${i}` }, queueId });
      if (body.conversation.status !== "active") throw new Error(`conversation ${i} was not assigned`);
      return { id: body.conversation.id as string, token: body.customerToken as string };
    };
    const withAssignee = async (c: { id: string; token: string }): Promise<Conversation> => {
      const staffView = await adminClient.ok("GET", `/api/conversations/${c.id}`);
      return { ...c, assigneeId: staffView.assigneeId };
    };
    // A baseline for "assignment while streams are open": one at a time, nothing open yet.
    const withoutStreams: number[] = [];
    for (let i = 0; i < L.assignmentsWhileOpen; i++) {
      const t = performance.now();
      await start(-1 - i);
      withoutStreams.push(performance.now() - t);
    }
    log(NAME, `starting ${L.conversations} conversations`);
    const conversations: Conversation[] = [];
    await inBatches(
      Array.from({ length: L.conversations }, (_, i) => i),
      20,
      async (i) => {
        conversations[i] = await withAssignee(await start(i));
      },
    );
    const beforeStreams = server.rssMiB();

    // Open the streams: the customer's (its token) and the representative's (their own API key) for each conversation.
    const pending = new Map<string, { sentAt: number; expectOn: Side; conversation: number }>();
    const delivery: number[] = [];
    const byAuthor: Record<Side, number[]> = { customer: [], representative: [] };
    const onFrame = (side: Side, historyDone: () => void) => (frame: Frame) => {
      if (frame.data?.seq === 3) historyDone(); // started, routed, assigned: the history is in
      // The representative reads staff events; the customer the customer view (lib/conversations/customer-view.ts).
      const text = (frame.data?.type === "message.sent" ? frame.data.data?.text : frame.data?.message?.text) as
        | string
        | undefined;
      if (!text) return;
      const waiting = pending.get(text);
      if (waiting && waiting.expectOn === side) {
        const ms = performance.now() - waiting.sentAt;
        delivery.push(ms);
        byAuthor[side === "customer" ? "representative" : "customer"].push(ms);
        pending.delete(text);
      }
    };
    log(NAME, `opening ${2 * conversations.length} streams`);
    const openStart = performance.now();
    await inBatches(conversations, 50, async (c) => {
      for (const side of ["customer", "representative"] as Side[]) {
        let done!: () => void;
        const historyIn = new Promise<void>((resolve) => {
          done = resolve;
        });
        const query = side === "customer" ? `?token=${encodeURIComponent(c.token)}` : "";
        const headers: Record<string, string> = side === "customer" ? {} : { "x-api-key": keyOf(c.assigneeId) };
        streams.push(
          await openStream(`${server.url}/api/conversations/${c.id}/stream${query}`, onFrame(side, done), headers),
        );
        await historyIn;
      }
    });
    const openAllStreamsSeconds = (performance.now() - openStart) / 1000;
    await sleep(500);
    const withStreams = server.rssMiB();
    log(
      NAME,
      `${streams.length} streams open in ${openAllStreamsSeconds.toFixed(1)} s; server RSS ${beforeStreams} → ${withStreams} MiB`,
    );

    // Messages at a fixed rate for L.seconds.
    let peak = withStreams;
    const memory = setInterval(() => {
      peak = Math.max(peak, server.rssMiB());
    }, 250);
    const lag = lagSampler();
    const posts: Promise<void>[] = [];
    const postMs: number[] = [];
    const interval = 1000 / L.messagesPerSecond;
    const total = Math.round(L.seconds * L.messagesPerSecond);
    const sendStart = performance.now();
    for (let k = 0; k < total; k++) {
      const due = sendStart + k * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const index = k % conversations.length;
      const c = conversations[index];
      const from: Side = Math.floor(k / conversations.length) % 2 === 0 ? "customer" : "representative";
      const text = `bench ${k} ${Math.random().toString(36).slice(2, 8)}`;
      const sentAt = performance.now();
      pending.set(text, { sentAt, expectOn: from === "customer" ? "representative" : "customer", conversation: index });
      const request =
        from === "customer"
          ? client.request(
              "POST",
              `/api/conversations/${c.id}/messages`,
              { text },
              { authorization: `Bearer ${c.token}` },
            )
          : client.request(
              "POST",
              `/api/conversations/${c.id}/messages`,
              { text },
              { "x-api-key": keyOf(c.assigneeId) },
            );
      posts.push(
        request.then(
          (response) => {
            postMs.push(performance.now() - sentAt);
            if (response.status !== 201) violations.push(`message POST → ${response.status}`);
          },
          (error) => {
            violations.push(`message POST failed: ${error}`);
          },
        ),
      );
    }
    const sendSeconds = (performance.now() - sendStart) / 1000;
    await Promise.all(posts);
    const deadline = performance.now() + 5_000;
    while (pending.size > 0 && performance.now() < deadline) await sleep(20);
    const clientLag = lag.stop();
    clearInterval(memory);
    const lost = pending.size;
    if (lost > 0) violations.push(`${lost} message(s) never arrived on the other side within 5 s`);

    // One assignment at a time while every stream is open (each stream watches its queue's changes).
    log(NAME, `${delivery.length}/${total} delivered; now ${L.assignmentsWhileOpen} assignments with the streams open`);
    const withStreamsOpen: number[] = [];
    for (let i = 0; i < L.assignmentsWhileOpen; i++) {
      const t = performance.now();
      await start(100_000 + i);
      withStreamsOpen.push(performance.now() - t);
      await sleep(150); // let the coalesced position re-reads of the previous one run, as under steady load
    }
    peak = Math.max(peak, server.rssMiB());

    for (const s of streams) s.close();
    await server.stop();
    for (const v of invariantsOf(server.databaseFile)) violations.push(`${v.rule} (${v.rows.length} rows)`);

    const result: LiveResult = {
      conversations: conversations.length,
      streams: streams.length,
      openAllStreamsSeconds: round(openAllStreamsSeconds, 2),
      messages: {
        sent: total,
        delivered: delivery.length,
        lost,
        perSecond: Math.round(total / sendSeconds),
        seconds: round(sendSeconds, 1),
      },
      deliveryMs: summarize(delivery),
      deliveryByAuthorMs: {
        customer: summarize(byAuthor.customer),
        representative: summarize(byAuthor.representative),
      },
      postMs: summarize(postMs),
      serverRssMiB: {
        beforeStreams,
        withStreams,
        peak,
        perStreamKiB: Math.round(((withStreams - beforeStreams) * 1024) / streams.length),
      },
      assignmentMs: { withoutStreams: summarize(withoutStreams), withStreamsOpen: summarize(withStreamsOpen) },
      clientEventLoopDelayMs: { p50: round(clientLag.p50, 1), p99: round(clientLag.p99, 1) },
      violations,
    };
    log(NAME, `delivery p50 ${result.deliveryMs.p50} ms, p99 ${result.deliveryMs.p99} ms; lost ${lost}`);
    return result;
  } finally {
    for (const s of streams) s.close();
    client.close();
    adminClient.close();
    await server.stop();
    removeServerDatabase(server);
  }
}

runAsMain(module, NAME, measureLive);
