// Live delivery across instances (PostgreSQL): two `next start` instances over one fresh PostgreSQL database, the
// streams split between them — each conversation's customer on one instance, its representative on the other — and
// every message POSTed to the instance that does NOT serve the stream it is measured on, so every delivery crosses
// (LISTEN/NOTIFY, lib/events/postgres-bus.ts). The figure: POST sent → frame received on the other instance's stream,
// as seen by the load generator (its lag included). Every fifth message is written through the instance that serves
// the stream instead: the same delivery without the crossing, measured under the same load, for comparison.
// Optional: needs a PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432); `npm run bench -- --only liveAcross`.
import { type Instance, startInstances } from "../e2e/support/instances";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { ensureBuild, jsonClient, setupQueueOverHttp } from "./lib/server";
import { type Frame, openStream, type Stream } from "./lib/sse";
import { lagSampler, round, type Summary, sleep, summarize } from "./lib/stats";

const NAME = "liveAcross";

export interface LiveAcrossResult {
  instances: number;
  conversations: number;
  streams: number;
  streamsPerInstance: number[];
  messages: { sent: number; delivered: number; lost: number; perSecond: number; seconds: number };
  /** POST on one instance → frame on a stream served by the other. */
  deliveryMs: Summary;
  /** POST on the instance that serves the stream → frame (every fifth message): the same path without the crossing. */
  sameInstanceDeliveryMs: Summary;
  /**
   * Frame arrival minus the POST's response, per message: what the crossing adds once the write has answered
   * (negative when the frame came first — the write publishes after commit, before the response is sent).
   */
  arrivalAfterResponseMs: Summary;
  postMs: Summary;
  clientEventLoopDelayMs: { p50: number; p99: number };
  violations: string[];
}

type Side = "customer" | "representative";

async function inBatches<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
  }
}

export async function measureLiveAcross(args: BenchArgs): Promise<LiveAcrossResult> {
  const L = args.sizes.live; // the same sizes as the single-instance measurement, for a like-for-like figure
  await ensureBuild((m) => log(NAME, m));
  log(NAME, "starting 2 instances over a fresh PostgreSQL database");
  const cluster = await startInstances("bench", 2);
  const [A, B] = cluster.instances;
  const clients = new Map<Instance, ReturnType<typeof jsonClient>>(
    cluster.instances.map((instance) => [instance, jsonClient(instance.url, 32)]),
  );
  const client = (instance: Instance) => clients.get(instance) as ReturnType<typeof jsonClient>;
  const admin = jsonClient(A.url, 4, { "x-api-key": cluster.adminKey });
  const streams: Stream[] = [];
  const violations: string[] = [];
  try {
    const { queueId, representativeKeys } = await setupQueueOverHttp(admin, {
      representatives: L.representatives,
      repCapacity: 1000,
      aiAgents: 0,
      accounts: true,
    });
    log(NAME, `starting ${L.conversations} conversations (alternately through A and B)`);
    // Conversation i: its customer's stream on one instance, its representative's on the other.
    const conversations: { id: string; token: string; key: string; customerOn: Instance; repOn: Instance }[] = [];
    await inBatches(
      Array.from({ length: L.conversations }, (_, i) => i),
      20,
      async (i) => {
        const [customerOn, repOn] = i % 2 === 0 ? [B, A] : [A, B];
        const body = await client(repOn).ok("POST", "/api/conversations", {
          customer: { name: `Customer ${i}` },
          queueId,
        });
        if (body.conversation.status !== "active") throw new Error(`conversation ${i} was not assigned`);
        const staffView = await admin.ok("GET", `/api/conversations/${body.conversation.id}`);
        const key = representativeKeys.get(staffView.assigneeId);
        if (!key) throw new Error(`no API key for agent ${staffView.assigneeId}`);
        conversations[i] = { id: body.conversation.id, token: body.customerToken, key, customerOn, repOn };
      },
    );

    const pending = new Map<string, { sentAt: number; expectOn: Side; crossing: boolean }>();
    const sameInstance: number[] = [];
    const delivery: number[] = [];
    const arrivedAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const onFrame = (side: Side, historyDone: () => void) => (frame: Frame) => {
      if (frame.data?.seq === 3) historyDone(); // started, routed, assigned: the history is in
      const text = (frame.data?.type === "message.sent" ? frame.data.data?.text : frame.data?.message?.text) as
        | string
        | undefined;
      const waiting = text ? pending.get(text) : undefined;
      if (text && waiting?.expectOn === side) {
        const now = performance.now();
        (waiting.crossing ? delivery : sameInstance).push(now - waiting.sentAt);
        if (waiting.crossing) arrivedAt.set(text, now);
        pending.delete(text);
      }
    };
    log(NAME, `opening ${2 * conversations.length} streams, half on each instance`);
    const perInstance = new Map<Instance, number>([
      [A, 0],
      [B, 0],
    ]);
    await inBatches(conversations, 50, async (c) => {
      for (const side of ["customer", "representative"] as Side[]) {
        let done!: () => void;
        const historyIn = new Promise<void>((resolve) => {
          done = resolve;
        });
        const on = side === "customer" ? c.customerOn : c.repOn;
        const query = side === "customer" ? `?token=${encodeURIComponent(c.token)}` : "";
        const headers: Record<string, string> = side === "customer" ? {} : { "x-api-key": c.key };
        streams.push(
          await openStream(`${on.url}/api/conversations/${c.id}/stream${query}`, onFrame(side, done), headers),
        );
        perInstance.set(on, (perInstance.get(on) ?? 0) + 1);
        await historyIn;
      }
    });
    await sleep(500);

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
      const c = conversations[k % conversations.length];
      const from: Side = Math.floor(k / conversations.length) % 2 === 0 ? "customer" : "representative";
      const text = `bench ${k} ${Math.random().toString(36).slice(2, 8)}`;
      // Written through the instance that does not serve the stream that must show it (but every fifth one).
      const crossing = k % 5 !== 4;
      const through = (from === "customer") === crossing ? c.customerOn : c.repOn;
      const sentAt = performance.now();
      pending.set(text, { sentAt, expectOn: from === "customer" ? "representative" : "customer", crossing });
      const auth: Record<string, string> =
        from === "customer" ? { authorization: `Bearer ${c.token}` } : { "x-api-key": c.key };
      posts.push(
        client(through)
          .request("POST", `/api/conversations/${c.id}/messages`, { text }, auth)
          .then(
            (response) => {
              const now = performance.now();
              postMs.push(now - sentAt);
              answeredAt.set(text, now);
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
    const lost = pending.size;
    if (lost > 0) violations.push(`${lost} message(s) never arrived on the other instance within 5 s`);

    const result: LiveAcrossResult = {
      instances: cluster.instances.length,
      conversations: conversations.length,
      streams: streams.length,
      streamsPerInstance: [perInstance.get(A) ?? 0, perInstance.get(B) ?? 0],
      messages: {
        sent: total,
        delivered: delivery.length + sameInstance.length,
        lost,
        perSecond: Math.round(total / sendSeconds),
        seconds: round(sendSeconds, 1),
      },
      deliveryMs: summarize(delivery),
      sameInstanceDeliveryMs: summarize(sameInstance),
      arrivalAfterResponseMs: summarize(
        [...arrivedAt].flatMap(([text, at]) => {
          const answered = answeredAt.get(text);
          return answered === undefined ? [] : [at - answered];
        }),
      ),
      postMs: summarize(postMs),
      clientEventLoopDelayMs: { p50: round(clientLag.p50, 1), p99: round(clientLag.p99, 1) },
      violations,
    };
    log(
      NAME,
      `across instances: delivery p50 ${result.deliveryMs.p50} ms, p99 ${result.deliveryMs.p99} ms; lost ${lost}`,
    );
    return result;
  } finally {
    for (const s of streams) s.close();
    for (const c of clients.values()) c.close();
    admin.close();
    await cluster.stop();
  }
}

runAsMain(module, NAME, measureLiveAcross);
