import type { Conversation } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { estimateWait } from "@/lib/queues/estimate-wait";
import { type CustomerPresence, neverConnected, presenceFrom, type StreamLease } from "./customer-presence";

/** What the staff view reads beside the row: who holds it, its queue, the customer's streams, a pending wrap-up. */
const staffIncludes = {
  queue: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true, kind: true } },
  customerStreams: { select: { openedAt: true, seenAt: true, closedAt: true } },
  participants: { where: { wrapUpPending: true }, select: { agentId: true }, take: 1 },
} as const;

/** One conversation as the API shows it: who holds it, its queue, and (while waiting) its live position. */
export async function getConversation(id: string) {
  const db = getDb();
  const conversation = await db.conversation.findUnique({ where: { id }, include: staffIncludes });
  if (!conversation) throw notFound("conversation", id);
  let waiting: Waiting | null = null;
  if (conversation.status === "open" && conversation.queueId && conversation.queuedAt) {
    const position = await db.conversation.count({
      where: { queueId: conversation.queueId, status: "open", queuedAt: { lte: conversation.queuedAt } },
    });
    waiting = { position, estimatedWaitSeconds: await estimateWait(conversation, position) };
  }
  return toConversationView(conversation, waiting, staffExtras(conversation));
}

type Waiting = { position: number; estimatedWaitSeconds: number | null };

interface StaffExtras {
  /** Whether the customer has the chat open now (customer-presence.ts). */
  customerPresence: CustomerPresence;
  /** The representative whose wrap-up is still to do after the customer went away (record-wrap-up.ts). */
  wrapUpPendingFor: string | null;
}

function staffExtras(row: { customerStreams: StreamLease[]; participants: { agentId: string }[] }): StaffExtras {
  return {
    customerPresence: presenceFrom(row.customerStreams, now()),
    wrapUpPendingFor: row.participants[0]?.agentId ?? null,
  };
}

/**
 * What a conversation row and its links look like through the API (never the customer token's hash). A
 * conversation just started has had no stream yet and no wrap-up to do: the defaults.
 */
export function toConversationView(
  conversation: Conversation & {
    queue: { id: string; name: string } | null;
    assignee: { id: string; name: string; kind: string } | null;
  },
  waiting: Waiting | null,
  extras: StaffExtras = { customerPresence: neverConnected, wrapUpPendingFor: null },
) {
  const { customerTokenHash: _secret, ...row } = conversation;
  const {
    customerStreams: _streams,
    participants: _pending,
    ...view
  } = row as typeof row & {
    customerStreams?: unknown;
    participants?: unknown;
  };
  return { ...view, waiting, ...extras };
}
export type ConversationView = ReturnType<typeof toConversationView>;

export async function listConversations(filter: {
  status?: string;
  queueId?: string;
  assigneeId?: string;
  /** Only those whose wrap-up is still to do after the customer went away (by the assignee, when one is named). */
  awaitingWrapUp?: boolean;
  limit: number;
}) {
  const pending = filter.awaitingWrapUp
    ? { participants: { some: { wrapUpPending: true, ...(filter.assigneeId ? { agentId: filter.assigneeId } : {}) } } }
    : {};
  const rows = await getDb().conversation.findMany({
    where: { status: filter.status, queueId: filter.queueId, assigneeId: filter.assigneeId, ...pending },
    include: staffIncludes,
    orderBy: { createdAt: "desc" },
    take: filter.limit,
  });
  return rows.map((row) => {
    const { waiting: _none, ...view } = toConversationView(row, null, staffExtras(row));
    return view;
  });
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
