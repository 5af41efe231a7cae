import { topics } from "./bus";

/**
 * What one instance tells the others through NOTIFY (lib/events/postgres-bus.ts), as text.
 *
 * One notification carries a batch of publications, `{"f":1,"i":instance,"n":number,"m":[…],"x":{…}}`:
 * - `i` names the sending process, so it can ignore its own notifications (its subscribers had them at once);
 * - `n` counts the sender's notifications, 1, 2, 3…: a receiver drops one it already had (a batch sent again after a
 *   lost connection) and treats a number skipped as something missed;
 * - each of `m` is `{"t":topic,"e":eventId}` for a timeline event, or `{"t":topic,"v":…}` for a small change hint
 *   (`agent.changed`, `queue.changed`), sent as it is;
 * - `x` carries the events of `m` that are small (most are: ≈ 300–600 bytes), once each although each is published
 *   on two topics: receivers deliver them as they are, with no read. A bigger one — a message of up to 4,000
 *   characters, a context of up to 16 KB; a notification may hold 7,999 bytes — goes by reference only, and each
 *   receiving instance reads its row: the row is the record.
 */
export const WIRE_FORMAT = 1;

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more (22023). */
export const MAX_NOTIFY_BYTES = 7_999;

/** An event whose JSON is longer than this travels by reference (so a few fit in one notification with room to spare). */
export const MAX_CARRIED_EVENT_BYTES = 2_000;

export type WireItem = { t: string; e: number } | { t: string; v: unknown };

export interface WireBatch {
  f: number;
  i: string;
  n: number;
  m: WireItem[];
  /** Events carried whole, by id. */
  x?: Record<string, unknown>;
}

/** The topics whose payloads are timeline events (lib/engine/apply-effects.ts publishes each event on both). */
export function carriesTimelineEvents(topic: string): boolean {
  return topic === topics.all || topic.startsWith(topics.conversation(""));
}

/** The item for one publication: timeline events by id (the event itself goes in `x` if small), anything else as it is. */
export function toWireItem(topic: string, payload: unknown): WireItem {
  if (carriesTimelineEvents(topic)) {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== "number") throw new Error(`a payload on ${topic} must be a stored timeline event (with its id)`);
    return { t: topic, e: id };
  }
  return { t: topic, v: payload };
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * Packs items, in order, into as few notifications as fit under the size limit; `next()` numbers each. `events` are
 * the timeline events the items refer to, by id: each small one rides in the first notification that refers to it
 * (and again in a later one only if that one refers to it too). An item too big for a notification of its own cannot
 * be sent: it is returned in `tooBig` (only references and small hints are ever published, so that is a bug to log,
 * not a case to handle).
 */
export function packBatches(
  instance: string,
  items: WireItem[],
  next: () => number,
  events: ReadonlyMap<number, unknown> = new Map(),
): { payloads: string[]; tooBig: WireItem[] } {
  const payloads: string[] = [];
  const tooBig: WireItem[] = [];
  // The envelope with the longest number it could carry, so a batch never outgrows the limit once numbered.
  const envelope = bytes(JSON.stringify({ f: WIRE_FORMAT, i: instance, n: Number.MAX_SAFE_INTEGER, m: [], x: {} }));
  const carriedText = new Map<number, string | null>();
  const carried = (id: number) => {
    if (!carriedText.has(id)) {
      const event = events.get(id);
      const text = event === undefined ? null : `"${id}":${JSON.stringify(event)}`;
      carriedText.set(id, text !== null && bytes(text) <= MAX_CARRIED_EVENT_BYTES ? text : null);
    }
    return carriedText.get(id) ?? null;
  };
  let parts: string[] = [];
  let bodies: string[] = [];
  let bodiesIn = new Set<number>();
  let size = envelope;
  const close = () => {
    if (parts.length === 0) return;
    payloads.push(
      `{"f":${WIRE_FORMAT},"i":${JSON.stringify(instance)},"n":${next()},"m":[${parts.join(",")}],"x":{${bodies.join(",")}}}`,
    );
    parts = [];
    bodies = [];
    bodiesIn = new Set();
    size = envelope;
  };
  /** The event an item refers to, if it rides along and is not in this notification yet. */
  const bodyToAdd = (item: WireItem) => ("e" in item && !bodiesIn.has(item.e) ? carried(item.e) : null);
  for (const item of items) {
    const text = JSON.stringify(item);
    const cost = bytes(text) + 1; // and its comma
    if (envelope + cost > MAX_NOTIFY_BYTES) {
      tooBig.push(item);
      continue;
    }
    const body = bodyToAdd(item);
    if (size + cost + (body === null ? 0 : bytes(body) + 1) > MAX_NOTIFY_BYTES) close();
    const added = bodyToAdd(item); // after a close, the new notification needs it too
    if (added !== null && "e" in item) {
      bodies.push(added);
      bodiesIn.add(item.e);
      size += bytes(added) + 1;
    }
    parts.push(text);
    size += cost;
  }
  close();
  return { payloads, tooBig };
}

/** A notification's batch, or null when it is not one this version reads (e.g. a newer format mid-upgrade). */
export function readBatch(payload: string): WireBatch | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  const batch = parsed as Partial<WireBatch> | null;
  if (
    batch?.f !== WIRE_FORMAT ||
    typeof batch.i !== "string" ||
    typeof batch.n !== "number" ||
    !Array.isArray(batch.m) ||
    !batch.m.every((item) => typeof item?.t === "string" && ("e" in item ? typeof item.e === "number" : "v" in item)) ||
    (batch.x !== undefined && (typeof batch.x !== "object" || batch.x === null || Array.isArray(batch.x)))
  )
    return null;
  return batch as WireBatch;
}
