import { randomBytes } from "node:crypto";
import { requireAllowedBotEndpoint } from "@/lib/ai-agents/bot-hosts";
import { normaliseModelBaseUrl, requireAllowedModelBaseUrl } from "@/lib/ai-agents/llm/model-url";
import type { Tx } from "@/lib/db/transaction";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { notFound } from "@/lib/errors";
import type { CreateAgentInput } from "./schemas";

/** A language model takes longer than a bot to answer; an admin may still set less (or up to two minutes). */
const LLM_REPLY_TIMEOUT_MS = 30_000;

/** Creates an AI agent or a representative. A Bot Framework agent gets a generated secret unless one is given. */
export function createAgent(input: CreateAgentInput) {
  return inTransaction(async (tx) => {
    if (input.kind === "ai" && input.botType === "botframework") requireAllowedBotEndpoint(input.endpointUrl);
    if (input.kind === "ai" && input.escalationQueueId) {
      const queue = await tx.queue.findUnique({ where: { id: input.escalationQueueId } });
      if (!queue) throw notFound("queue", input.escalationQueueId);
    }
    if (input.kind === "ai" && input.botType === "llm") await requireQueues(tx, input.transferQueueIds ?? []);
    const secret =
      input.kind === "ai" && input.botType === "botframework"
        ? (input.secret ?? randomBytes(24).toString("base64url"))
        : null;
    const agent = await tx.agent.create({
      data:
        input.kind === "human"
          ? { kind: "human", name: input.name, capacity: input.capacity, presence: input.presence }
          : {
              kind: "ai",
              botType: input.botType,
              name: input.name,
              capacity: input.capacity,
              presence: input.presence,
              greeting: input.greeting ?? null,
              escalationQueueId: input.escalationQueueId ?? null,
              faq: input.faq ?? [],
              surveyQuestions: input.surveyQuestions ?? [],
              replyTimeoutMs: input.replyTimeoutMs ?? (input.botType === "llm" ? LLM_REPLY_TIMEOUT_MS : undefined),
              endpointUrl: input.botType === "botframework" ? input.endpointUrl : null,
              secret,
              ...(input.botType === "llm" ? modelFields(input) : {}),
            },
    });
    return { agent, secret };
  });
}

function modelFields(input: Extract<CreateAgentInput, { botType: "llm" }>) {
  const modelBaseUrl = normaliseModelBaseUrl(input.modelBaseUrl);
  requireAllowedModelBaseUrl(modelBaseUrl);
  return {
    modelBaseUrl,
    modelName: input.modelName,
    modelApiKey: input.modelApiKey ?? null,
    instructions: input.instructions,
    temperature: input.temperature ?? null,
    maxTurns: input.maxTurns ?? null,
    maxTokens: input.maxTokens ?? null,
    transferQueueIds: input.transferQueueIds ?? [],
  };
}

/** Every queue a language model may transfer to must exist (a 404 naming the first that does not). */
export async function requireQueues(tx: Tx, queueIds: string[]): Promise<void> {
  const found = await tx.queue.findMany({ where: { id: { in: queueIds } }, select: { id: true } });
  const missing = queueIds.find((queueId) => !found.some((queue) => queue.id === queueId));
  if (missing) throw notFound("queue", missing);
}
