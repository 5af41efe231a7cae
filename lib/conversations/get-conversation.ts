import type { Conversation } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { estimateWait } from "@/lib/queues/estimate-wait";

/** One conversation as the API shows it: who holds it, its queue, and (while waiting) its live position. */
export async function getConversation(id: string) {
  const db = getDb();
  const conversation = await db.conversation.findUnique({
    where: { id },
    include: {
      queue: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true, kind: true } },
    },
  });
  if (!conversation) throw notFound("conversation", id);
  let waiting: Waiting | null = null;
  if (conversation.status === "open" && conversation.queueId && conversation.queuedAt) {
    const position = await db.conversation.count({
      where: { queueId: conversation.queueId, status: "open", queuedAt: { lte: conversation.queuedAt } },
    });
    waiting = { position, estimatedWaitSeconds: await estimateWait(conversation, position) };
  }
  return toConversationView(conversation, waiting);
}

type Waiting = { position: number; estimatedWaitSeconds: number | null };

/** What a conversation row and its links look like through the API (never the customer token's hash). */
export function toConversationView(
  conversation: Conversation & {
    queue: { id: string; name: string } | null;
    assignee: { id: string; name: string; kind: string } | null;
  },
  waiting: Waiting | null,
) {
  const { customerTokenHash: _secret, ...view } = conversation;
  return { ...view, waiting };
}
export type ConversationView = ReturnType<typeof toConversationView>;

export async function listConversations(filter: {
  status?: string;
  queueId?: string;
  assigneeId?: string;
  limit: number;
}) {
  const rows = await getDb().conversation.findMany({
    where: { status: filter.status, queueId: filter.queueId, assigneeId: filter.assigneeId },
    include: {
      queue: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true, kind: true } },
    },
    orderBy: { createdAt: "desc" },
    take: filter.limit,
  });
  return rows.map(({ customerTokenHash: _secret, ...row }) => row);
}

export async function listMessages(conversationId: string) {
  const db = getDb();
  if (!(await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } }))) {
    throw notFound("conversation", conversationId);
  }
  return db.message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { agent: { select: { id: true, name: true, kind: true } } },
  });
}
