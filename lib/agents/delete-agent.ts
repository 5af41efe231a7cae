import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";

/** Deletes an agent that never took part in a conversation (timelines keep their people). */
export function deleteAgent(agentId: string) {
  return inTransaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId } });
    if (!agent) throw notFound("agent", agentId);
    const holding = await tx.conversation.count({
      where: { assigneeId: agentId, status: { in: ["active", "wrap_up"] } },
    });
    if (holding > 0)
      throw invalidState(`${agent.name} still holds ${holding} conversation(s)`, { state: "holds_conversations" });
    if (await tx.participant.count({ where: { agentId } })) {
      throw invalidState(
        `${agent.name} has conversation history; set it offline and remove it from its queues instead`,
        {
          state: "has_history",
        },
      );
    }
    await tx.agent.delete({ where: { id: agentId } });
  });
}
