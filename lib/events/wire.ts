import { topics } from "./bus";

/**
 * What one instance tells the others through NOTIFY (lib/events/postgres-bus.ts), as text.
 *
 * One notification carries a batch of publications, `{"f":1,"i":instance,"n":number,"m":[…]}`:
 * - `i` names the sending process, so it can ignore its own notifications (its subscribers had them at once);
 * - `n` counts the sender's notifications, 1, 2, 3…: a receiver drops one it already had (a batch sent again after a
 *   lost connection) and treats a number skipped as something missed;
 * - each of `m` is `{"t":topic,"e":eventId}` for a timeline event — a reference: receivers load the row, because a
 *   message can be longer than a notification may be (7,999 bytes) and the row is the record — or `{"t":topic,"v":…}`
 *   for a small change hint (`agent.changed`, `queue.changed`), sent as it is.
 */
export const WIRE_FORMAT = 1;

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more (22023). */
export const MAX_NOTIFY_BYTES = 7_999;

export type WireItem = { t: string; e: number } | { t: string; v: unknown };

export interface WireBatch {
  f: number;
  i: string;
  n: number;
  m: WireItem[];
}

/** The topics whose payloads are timeline events (lib/engine/apply-effects.ts publishes each event on both). */
export function carriesTimelineEvents(topic: string): boolean {
  return topic === topics.all || topic.startsWith(topics.conversation(""));
}

/** The item for one publication: timeline events by reference, anything else as it is. */
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
 * Packs items, in order, into as few notifications as fit under the size limit; `next()` numbers each. An item too
 * big for a notification of its own cannot be sent: it is returned in `tooBig` (only references and small hints are
 * ever published, so that is a bug to log, not a case to handle).
 */
export function packBatches(
  instance: string,
  items: WireItem[],
  next: () => number,
): { payloads: string[]; tooBig: WireItem[] } {
  const payloads: string[] = [];
  const tooBig: WireItem[] = [];
  // The envelope with the longest number it could carry, so a batch never outgrows the limit once numbered.
  const envelope = bytes(JSON.stringify({ f: WIRE_FORMAT, i: instance, n: Number.MAX_SAFE_INTEGER, m: [] }));
  let current: string[] = [];
  let size = envelope;
  const close = () => {
    if (current.length === 0) return;
    payloads.push(`{"f":${WIRE_FORMAT},"i":${JSON.stringify(instance)},"n":${next()},"m":[${current.join(",")}]}`);
    current = [];
    size = envelope;
  };
  for (const item of items) {
    const text = JSON.stringify(item);
    const cost = bytes(text) + 1; // and its comma
    if (envelope + cost > MAX_NOTIFY_BYTES) {
      tooBig.push(item);
      continue;
    }
    if (size + cost > MAX_NOTIFY_BYTES) close();
    current.push(text);
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
    !batch.m.every((item) => typeof item?.t === "string" && ("e" in item ? typeof item.e === "number" : "v" in item))
  )
    return null;
  return batch as WireBatch;
}
