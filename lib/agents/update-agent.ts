import { requireAllowedBotEndpoint } from "@/lib/ai-agents/bot-hosts";
import { normaliseModelBaseUrl, requireAllowedModelBaseUrl } from "@/lib/ai-agents/llm/model-url";
import type { Tx } from "@/lib/db/transaction";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { requireQueues } from "./create-agent";
import type { UpdateAgentInput } from "./schemas";

/**
 * Edits an agent. A changed capacity may let waiting conversations in, so its
 * queues are served again. A capacity below what the agent holds right now is
 * refused (409): `usedCapacity ≤ capacity` stays true at every moment, and the
 * representative's conversations are never taken away by an edit.
 */
export function updateAgent(agentId: string, input: UpdateAgentInput) {
  return inTransaction(async (tx, fx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId } });
    if (!agent) throw notFound("agent", agentId);
    const aiOnly = ["greeting", "escalationQueueId", "faq", "surveyQuestions", "replyTimeoutMs"] as const;
    const botFrameworkOnly = ["endpointUrl", "secret"] as const;
    const modelOnly = [
      "modelBaseUrl",
      "modelName",
      "modelApiKey",
      "instructions",
      "temperature",
      "maxTurns",
      "maxTokens",
      "transferQueueIds",
    ] as const;
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
    for (const field of modelOnly) {
      if (input[field] !== undefined && agent.botType !== "llm") {
        throw invalidState(`${field} applies to language-model agents only`, {
          state: agent.botType ?? "human_agent",
          field,
        });
      }
    }
    if (input.endpointUrl !== undefined) requireAllowedBotEndpoint(input.endpointUrl);
    const modelBaseUrl = input.modelBaseUrl === undefined ? undefined : normaliseModelBaseUrl(input.modelBaseUrl);
    if (modelBaseUrl !== undefined) requireAllowedModelBaseUrl(modelBaseUrl);
    if (input.transferQueueIds) await requireQueues(tx, input.transferQueueIds);
    if (input.escalationQueueId && !(await tx.queue.findUnique({ where: { id: input.escalationQueueId } }))) {
      throw notFound("queue", input.escalationQueueId);
    }
    const { capacity, ...fields } = input;
    const rest = modelBaseUrl === undefined ? fields : { ...fields, modelBaseUrl };
    if (capacity !== undefined && capacity !== agent.capacity) {
      await setCapacityNotBelowLoad(tx, agentId, capacity);
      const memberships = await tx.queueMembership.findMany({ where: { agentId }, select: { queueId: true } });
      for (const { queueId } of memberships) fx.queuesToServe.add(queueId);
    }
    const updated = await tx.agent.update({ where: { id: agentId }, data: rest });
    fx.agentsChanged.add(agentId);
    return updated;
  });
}

/**
 * The capacity changes only if the agent's load still fits under it: one conditional update, so an assignment
 * committing between a check and the write cannot slip through (assignments claim capacity the same way, against
 * the capacity they read — ADR 001). Refused, nothing in the transaction is kept.
 */
async function setCapacityNotBelowLoad(tx: Tx, agentId: string, capacity: number): Promise<void> {
  const { count } = await tx.agent.updateMany({
    where: { id: agentId, usedCapacity: { lte: capacity } },
    data: { capacity },
  });
  if (count === 1) return;
  const { name, usedCapacity, presence } = await tx.agent.findUniqueOrThrow({
    where: { id: agentId },
    select: { name: true, usedCapacity: true, presence: true },
  });
  const units = usedCapacity === 1 ? "1 unit" : `${usedCapacity} units`;
  throw invalidState(`${name} holds ${units}; capacity can't go below ${usedCapacity} until they finish`, {
    state: "capacity_below_load",
    field: "capacity",
    capacity,
    usedCapacity,
    presence,
  });
}
