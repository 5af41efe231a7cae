import { logger } from "@/lib/logger";
import { randomBytes } from "@/lib/random-bytes";
import type { TimelineEvent } from "@/lib/timeline/types";
import { type Bus, createInProcessBus } from "./bus";
import { createListenConnection, type ListenConnection } from "./listen-connection";
import { packBatches, readBatch, toWireItem, type WireBatch, type WireItem } from "./wire";

/**
 * The bus when several server instances share one PostgreSQL database (docs/decisions/011-live-events-across-instances.md).
 *
 * - This process's subscribers get what it publishes at once, synchronously, as with the in-process bus; the other
 *   instances get it through one NOTIFY channel. Each notification names its sender, which ignores its own: nothing
 *   is delivered twice, change hints (which carry no sequence number) included.
 * - Publications made in the same tick go out as one notification (or a few, under the size limit), one at a time on
 *   this process's own connection, so the others receive them in the order they were published.
 * - Small timeline events (most) ride along whole; bigger ones travel as references, and each receiving instance
 *   reads the rows of a burst of notifications in ONE query (`loadEvents`), shared by all its subscribers. Either
 *   way it delivers in the order sent.
 * - The database is the record: when events may have been missed — the connection was lost, a notification number
 *   was skipped, rows could not be loaded — subscribers are told to resync (`onResync`) and re-read from it.
 */
export interface PostgresBusOptions {
  url: string;
  /**
   * The stored events with these ids (those that still exist), read through `query`: the bus's own session, so a
   * burst of live events is never queued behind the requests' transactions in Prisma's pool.
   */
  loadEvents(ids: number[], query: ListenConnection["query"]): Promise<TimelineEvent[]>;
  /** NOTIFY channel; every instance of one deployment must use the same. */
  channel?: string;
  /** Names this process in its notifications (random by default). */
  instanceId?: string;
  /** The first wait before reconnecting after a lost connection (lib/events/listen-connection.ts). */
  retryFirstMs?: number;
}

export interface PostgresBus extends Bus {
  readonly instanceId: string;
  /** Connects and LISTENs; rejects when the database cannot be reached (the server must not start without it). */
  start(): Promise<void>;
  /** Resolves once everything published so far has been sent (or could not be: the connection is down). */
  flushed(): Promise<void>;
  close(): Promise<void>;
  /** The server process of its LISTEN session (tests cut it with pg_terminate_backend). */
  readonly backendPid: number | null;
}

export const DEFAULT_CHANNEL = "switchboard_events";

const UNREADABLE_RESYNC_EVERY_MS = 5_000;

/** Notifications waiting for the connection (it is down, or busy sending): beyond this, the oldest are dropped. */
const MAX_OUTBOX = 2_000;

export function createPostgresBus(options: PostgresBusOptions): PostgresBus {
  const instanceId = options.instanceId ?? randomBytes(9).toString("base64url");
  const local = createInProcessBus();
  const log = logger.child({ module: "bus", instanceId });

  // Outgoing: items published this tick → numbered notifications in the outbox → sent in order, one at a time.
  let pendingItems: WireItem[] = [];
  /** The timeline events `pendingItems` refer to, by id (small ones ride along in the notification). */
  let pendingEvents = new Map<number, unknown>();
  let packScheduled = false;
  const outbox: string[] = [];
  let sent = 0;
  let sending: Promise<void> | null = null;

  // Incoming: batches in arrival order, delivered by one loop so that loading rows never reorders them.
  const lastSeen = new Map<string, number>();
  let lastUnreadableResync = Number.NEGATIVE_INFINITY;
  /** `gap`: notifications from this batch's sender were missed just before it. */
  let inbox: { batch: WireBatch; gap: boolean }[] = [];
  let delivering: Promise<void> | null = null;

  const connection: ListenConnection = createListenConnection({
    url: options.url,
    channel: options.channel ?? DEFAULT_CHANNEL,
    retryFirstMs: options.retryFirstMs,
    onNotification: receive,
    onReconnected() {
      // Notifications sent while we were away are gone: numbering restarts, subscribers re-read, ours go out again.
      lastSeen.clear();
      local.resync();
      sendOutbox();
    },
  });

  function pack() {
    packScheduled = false;
    const { payloads, tooBig } = packBatches(instanceId, pendingItems, () => ++sent, pendingEvents);
    pendingItems = [];
    pendingEvents = new Map();
    for (const item of tooBig) log.error({ topic: item.t }, "live event too big for a notification: not sent");
    outbox.push(...payloads);
    if (outbox.length > MAX_OUTBOX) {
      // The dropped numbers leave a hole the other instances see, and resync on.
      const dropped = outbox.splice(0, outbox.length - MAX_OUTBOX);
      log.error({ dropped: dropped.length }, "live-event outbox full: oldest notifications dropped");
    }
    sendOutbox();
  }

  function sendOutbox() {
    if (sending || outbox.length === 0 || !connection.connected) return;
    sending = (async () => {
      while (outbox.length > 0 && connection.connected) {
        try {
          await connection.notify(outbox[0]);
          outbox.shift();
        } catch (error) {
          if ((error as { code?: string }).code === "22023") {
            log.error({ err: (error as Error).message }, "notification refused by PostgreSQL: dropped");
            outbox.shift();
          }
          // Otherwise the connection is lost: it stays in the outbox and goes out once we are back (onReconnected).
        }
      }
    })().finally(() => {
      sending = null;
      // Published while the last send was out: go on (a no-op when the connection is down).
      sendOutbox();
    });
  }

  function receive(payload: string) {
    const batch = readBatch(payload);
    if (!batch) {
      // What it said is missed, so streams re-read — at most every few seconds: an instance of another version
      // sends a steady flow of these during a rolling upgrade, and each resync ends the streams without history.
      if (Date.now() - lastUnreadableResync < UNREADABLE_RESYNC_EVERY_MS) return;
      lastUnreadableResync = Date.now();
      log.warn("unreadable live-event notification (another version?): resyncing");
      local.resync();
      return;
    }
    if (batch.i === instanceId) return; // delivered here when it was published
    const last = lastSeen.get(batch.i);
    if (last !== undefined && batch.n <= last) return; // sent again after a lost connection: already delivered
    lastSeen.set(batch.i, batch.n);
    const gap = last !== undefined && batch.n > last + 1;
    if (gap)
      log.warn({ from: batch.i, expected: last + 1, got: batch.n }, "live-event notifications missed: resyncing");
    inbox.push({ batch, gap });
    deliver();
  }

  function deliver() {
    if (delivering || inbox.length === 0) return;
    delivering = deliverInbox().finally(() => {
      delivering = null;
      deliver(); // what arrived after the loop last looked (a no-op when nothing did)
    });
  }

  async function deliverInbox() {
    while (inbox.length > 0) {
      const entries = inbox;
      inbox = [];
      // Events carried whole are delivered as they are; the others are read, all in one statement.
      const events = new Map<number, unknown>();
      for (const { batch } of entries)
        for (const [id, event] of Object.entries(batch.x ?? {})) events.set(Number(id), event);
      const ids = [
        ...new Set(
          entries.flatMap(({ batch }) =>
            batch.m.flatMap((item) => ("e" in item && !events.has(item.e) ? [item.e] : [])),
          ),
        ),
      ];
      let resync = false;
      if (ids.length > 0) {
        try {
          for (const event of await options.loadEvents(ids, connection.query)) events.set(event.id, event);
        } catch (error) {
          log.error({ err: (error as Error).message }, "could not load live events: resyncing");
          resync = true;
        }
      }
      for (const { batch, gap } of entries) {
        if (gap) resync = true;
        for (const item of batch.m) {
          const payload = "e" in item ? events.get(item.e) : item.v;
          if (payload === undefined) continue; // not loaded (resyncing), or deleted since
          try {
            local.publish(item.t, payload);
          } catch (error) {
            log.error({ err: (error as Error).message, topic: item.t }, "live-event subscriber failed");
          }
        }
      }
      if (resync) local.resync();
    }
  }

  async function flushed() {
    await Promise.resolve(); // let this tick's publications be packed
    while (sending) await sending;
  }

  return {
    instanceId,
    get backendPid() {
      return connection.backendPid;
    },
    publish(topic, payload) {
      const item = toWireItem(topic, payload); // first: a payload that cannot cross is refused here, for everyone
      local.publish(topic, payload);
      pendingItems.push(item);
      if ("e" in item) pendingEvents.set(item.e, payload);
      if (!packScheduled) {
        packScheduled = true;
        queueMicrotask(pack);
      }
    },
    subscribe: local.subscribe,
    onResync: local.onResync,
    start: () => connection.start(),
    flushed,
    async close() {
      await flushed(); // what was published goes out first (a script that ends, a server that stops)
      await connection.close();
      await delivering;
    },
  };
}
