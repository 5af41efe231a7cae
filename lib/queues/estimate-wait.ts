import type { Conversation } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { dialectSql } from "@/lib/db/sql";
import { escalatedToPeople } from "@/lib/routing/decide-for-conversation";

/**
 * A plain estimate of the wait: position × the queue's recent average time from queueing to assignment (last 50
 * assignments). Null — "unknown" — until there is history, and whenever no member who may take this conversation
 * can take work now (everyone offline, or excluded for who they are: its sender, AI agents that already had it, any AI agent once a
 * person was asked for):
 * the queue's past speed says nothing about a wait nobody is serving, and a customer must never be promised one.
 */
export async function estimateWait(
  conversation: Pick<Conversation, "id" | "queueId" | "transferredFromId" | "viaTransfer" | "handoff">,
  position: number,
): Promise<number | null> {
  const queueId = conversation.queueId;
  if (!queueId || !(await someoneCouldTakeItNow(conversation, queueId))) return null;
  const rows = await getDb().$queryRawUnsafe<{ avgMs: number | null }[]>(dialectSql().averageWait, queueId);
  const avgMs = rows[0]?.avgMs == null ? null : Number(rows[0].avgMs);
  return avgMs == null ? null : Math.round((avgMs * position) / 1000);
}

/** A member that may take it (the routing core's identity rules) and whose presence lets it take work. */
async function someoneCouldTakeItNow(
  conversation: Pick<Conversation, "id" | "transferredFromId" | "viaTransfer" | "handoff">,
  queueId: string,
): Promise<boolean> {
  const db = getDb();
  const handledBy = conversation.viaTransfer
    ? await db.participant.findMany({
        where: { conversationId: conversation.id, agent: { kind: "ai" } },
        select: { agentId: true },
      })
    : [];
  const excluded = [
    ...new Set([
      ...handledBy.map((p) => p.agentId),
      ...(conversation.transferredFromId ? [conversation.transferredFromId] : []),
    ]),
  ];
  // `routable` is the member's copy of "presence lets it take work", kept by triggers (ADR 007): one indexed count.
  const able = await db.queueMembership.count({
    where: {
      queueId,
      routable: true,
      ...(excluded.length ? { agentId: { notIn: excluded } } : {}),
      // Escalated to people: an AI agent in the queue will not take it (eligibility.ts).
      ...(conversation.viaTransfer && escalatedToPeople(conversation.handoff) ? { agent: { kind: "human" } } : {}),
    },
  });
  return able > 0;
}
