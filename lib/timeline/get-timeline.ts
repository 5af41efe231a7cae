import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toTimelineEvent } from "./append-events";
import type { TimelineEvent } from "./types";

/** A conversation's timeline in order, optionally only what came after `afterSeq` (stream resumption). */
export async function getTimeline(conversationId: string, afterSeq = 0): Promise<TimelineEvent[]> {
  const db = getDb();
  if (!(await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } }))) {
    throw notFound("conversation", conversationId);
  }
  const rows = await db.event.findMany({ where: { conversationId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" } });
  return rows.map(toTimelineEvent);
}
