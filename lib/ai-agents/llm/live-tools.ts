import type { Tx } from "@/lib/db/transaction";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { agentActor } from "@/lib/timeline/types";
import { searchKnowledge } from "./knowledge/search-knowledge";
import type { ToolCallRecord, ToolPort } from "./tools";

/**
 * The tools' port in a live conversation. A fact is written into the conversation's custom context at once (the
 * representative who may take over sees it, and so does the next agent's set-context event); every call is a
 * staff-only timeline event (`agent.tool_called`: the workspace and supervisor timeline show what the model
 * searched, found and decided). Only while the agent still holds the conversation: once it has moved on (a
 * supervisor took it, the customer left), the turn stops and nothing more is written for it.
 */
export function liveToolPort(
  agent: { id: string; name: string },
  conversationId: string,
): ToolPort & {
  movedOn: () => boolean;
} {
  let movedOn = false;
  const whileHeld = async (work: (tx: Tx, fx: Effects) => Promise<void>) => {
    if (movedOn) return;
    await inTransaction(async (tx, fx) => {
      const conversation = await tx.conversation.findUnique({
        where: { id: conversationId },
        select: { status: true, assigneeId: true },
      });
      if (conversation?.status !== "active" || conversation.assigneeId !== agent.id) {
        movedOn = true;
        return;
      }
      await work(tx, fx);
    });
  };
  return {
    movedOn: () => movedOn,
    recordFact: (key, value) =>
      whileHeld(async (tx) => {
        const { context } = await tx.conversation.findUniqueOrThrow({
          where: { id: conversationId },
          select: { context: true },
        });
        await tx.conversation.update({
          where: { id: conversationId },
          data: { context: { ...(context as object), [key]: value } },
        });
      }),
    searchKnowledge: (query) => searchKnowledge(agent.id, query),
    toolCalled: (record: ToolCallRecord) =>
      whileHeld((tx, fx) =>
        appendEvent(tx, fx, conversationId, {
          type: "agent.tool_called",
          actor: agentActor(agent.id),
          data: { agentId: agent.id, agentName: agent.name, ...record },
        }),
      ),
  };
}
