import type { Conversation } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { invalidState } from "@/lib/errors";
import { appendEvent } from "@/lib/timeline/append-events";
import type { Actor } from "@/lib/timeline/types";

/**
 * The representative's wrap-up of a conversation that closed under them because the customer went away (left,
 * or was inactive past the queue's time-out). Their capacity came back when it closed; what is left is theirs to
 * finish — notes for the timeline, and the conversation out of their inbox. Once only: the pending mark goes.
 * Anyone else closing a closed conversation is refused as before.
 */
export async function recordWrapUp(
  tx: Tx,
  fx: Effects,
  conversation: Conversation,
  options: { actor: Actor; notes?: string | null },
): Promise<Conversation> {
  const { actor } = options;
  const pending =
    actor.type === "agent" && actor.id
      ? await tx.participant.findFirst({
          where: { conversationId: conversation.id, agentId: actor.id, wrapUpPending: true },
          include: { agent: { select: { name: true } } },
        })
      : null;
  if (!pending) throw invalidState("the conversation is already closed", { state: "closed" });
  const done = await tx.participant.updateMany({
    where: { id: pending.id, wrapUpPending: true },
    data: { wrapUpPending: false },
  });
  if (done.count !== 1) throw invalidState("the conversation is already closed", { state: "closed" });
  await appendEvent(tx, fx, conversation.id, {
    type: "conversation.wrapped_up",
    actor,
    data: { agentId: pending.agentId, agentName: pending.agent.name, notes: options.notes ?? null },
  });
  fx.agentsChanged.add(pending.agentId); // it leaves their inbox, in every tab
  return conversation;
}
