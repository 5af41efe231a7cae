import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import type { UpdateAgentInput } from "./schemas";

/**
 * Edits an agent. A changed capacity may let waiting conversations in, so its
 * queues are served again. Lowering a capacity below what is in use takes
 * nothing away: the representative just gets no more until below it.
 */
export function updateAgent(agentId: string, input: UpdateAgentInput) {
  return inTransaction(async (tx, fx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId } });
    if (!agent) throw notFound("agent", agentId);
    const aiOnly = ["greeting", "escalationQueueId", "faq", "surveyQuestions", "replyTimeoutMs"] as const;
    const botFrameworkOnly = ["endpointUrl", "secret"] as const;
    for (const field of aiOnly) {
      if (input[field] !== undefined && agent.kind !== "ai")
        throw invalidState(`${field} applies to AI agents only`, { state: "human_agent", field });
    }
    for (const field of botFrameworkOnly) {
      if (input[field] !== undefined && agent.botType !== "botframework") {
        throw invalidState(`${field} applies to Bot Framework agents only`, {
          state: agent.botType ?? "human_agent",
          field,
        });
      }
    }
    if (input.escalationQueueId && !(await tx.queue.findUnique({ where: { id: input.escalationQueueId } }))) {
      throw notFound("queue", input.escalationQueueId);
    }
    const updated = await tx.agent.update({ where: { id: agentId }, data: input });
    if (input.capacity !== undefined && input.capacity !== agent.capacity) {
      const memberships = await tx.queueMembership.findMany({ where: { agentId }, select: { queueId: true } });
      for (const { queueId } of memberships) fx.queuesToServe.add(queueId);
    }
    fx.agentsChanged.add(agentId);
    return updated;
  });
}
