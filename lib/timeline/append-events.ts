import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import type { Actor, TimelineEvent, TimelineEventType } from "./types";

export interface NewEvent {
  type: TimelineEventType;
  actor: Actor;
  data: Record<string, unknown>;
}

/**
 * Appends events to a conversation's timeline inside the caller's transaction,
 * numbering them from the conversation's own counter (one update reserves the
 * whole batch), and queues them for live delivery after commit.
 */
export async function appendEvents(tx: Tx, fx: Effects, conversationId: string, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { lastSeq } = await tx.conversation.update({
    where: { id: conversationId },
    data: { lastSeq: { increment: events.length } },
    select: { lastSeq: true },
  });
  const firstSeq = lastSeq - events.length + 1;
  const createdAt = now();
  for (const [index, event] of events.entries()) {
    const row = await tx.event.create({
      data: {
        conversationId,
        seq: firstSeq + index,
        type: event.type,
        actorType: event.actor.type,
        actorId: event.actor.id,
        data: storedEventData(event) as object,
        createdAt,
      },
    });
    fx.events.push(toTimelineEvent(row));
  }
}

/** What an event row's `data` holds: the event's data, plus whom the actor acted for (shared with the SQLite path). */
export function storedEventData(event: NewEvent): Record<string, unknown> {
  return event.actor.onBehalfOf ? { ...event.data, onBehalfOf: event.actor.onBehalfOf } : event.data;
}

export const appendEvent = (tx: Tx, fx: Effects, conversationId: string, event: NewEvent) =>
  appendEvents(tx, fx, conversationId, [event]);

export function toTimelineEvent(row: {
  id: number;
  conversationId: string;
  seq: number;
  type: string;
  actorType: string;
  actorId: string | null;
  data: unknown;
  createdAt: Date;
}): TimelineEvent {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    type: row.type as TimelineEvent["type"],
    actorType: row.actorType as TimelineEvent["actorType"],
    actorId: row.actorId,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
