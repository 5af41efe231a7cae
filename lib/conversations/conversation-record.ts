import type { Conversation, Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { ClaimLostError, notFound } from "@/lib/errors";

export type ConversationStatus = "open" | "active" | "wrap_up" | "closed";

export async function getConversationOrThrow(tx: Tx, id: string): Promise<Conversation> {
  const conversation = await tx.conversation.findUnique({ where: { id } });
  if (!conversation) throw notFound("conversation", id);
  return conversation;
}

/**
 * Every state change of a conversation goes through this compare-and-set on
 * its version: if anyone changed it since we read it, the claim is lost and
 * the whole unit of work is retried on fresh data. This is what makes
 * "never held by two agents" true under concurrent requests.
 */
export async function updateConversation(
  tx: Tx,
  conversation: Conversation,
  data: Omit<Prisma.ConversationUncheckedUpdateManyInput, "version" | "id">,
): Promise<Conversation> {
  const { count } = await tx.conversation.updateMany({
    where: { id: conversation.id, version: conversation.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw new ClaimLostError(`conversation ${conversation.id} changed concurrently`);
  return { ...conversation, ...(data as Partial<Conversation>), version: conversation.version + 1 };
}
