import type { Agent } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";

/** What the runtime needs of a language-model agent, read once per turn (an admin's edit applies to the next turn). */
export interface LlmConfig {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKey: string | null;
  instructions: string;
  temperature: number | null;
  replyTimeoutMs: number;
  maxTurns: number | null;
  maxTokens: number | null;
  /** Fixed greeting; null: the model writes one. */
  greeting: string | null;
  /** The queues the model may transfer to, by name (the tool takes a name; ids never reach the model). */
  transferQueues: { id: string; name: string }[];
}

type Reader = Pick<Tx, "queue">;

export async function llmConfigOf(db: Reader, agent: Agent): Promise<LlmConfig> {
  const queueIds = Array.isArray(agent.transferQueueIds) ? (agent.transferQueueIds as string[]) : [];
  const queues = queueIds.length
    ? await db.queue.findMany({ where: { id: { in: queueIds } }, select: { id: true, name: true } })
    : [];
  return {
    id: agent.id,
    name: agent.name,
    baseUrl: agent.modelBaseUrl ?? "",
    model: agent.modelName ?? "",
    apiKey: agent.modelApiKey,
    instructions: agent.instructions ?? "",
    temperature: agent.temperature,
    replyTimeoutMs: agent.replyTimeoutMs,
    maxTurns: agent.maxTurns,
    maxTokens: agent.maxTokens,
    greeting: agent.greeting,
    transferQueues: queues.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
