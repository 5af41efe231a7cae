import { randomBytes } from "node:crypto";
import { requireAllowedBotEndpoint } from "@/lib/ai-agents/bot-hosts";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { notFound } from "@/lib/errors";
import type { CreateAgentInput } from "./schemas";

/** Creates an AI agent or a representative. A Bot Framework agent gets a generated secret unless one is given. */
export function createAgent(input: CreateAgentInput) {
  return inTransaction(async (tx) => {
    if (input.kind === "ai" && input.botType === "botframework") requireAllowedBotEndpoint(input.endpointUrl);
    if (input.kind === "ai" && input.escalationQueueId) {
      const queue = await tx.queue.findUnique({ where: { id: input.escalationQueueId } });
      if (!queue) throw notFound("queue", input.escalationQueueId);
    }
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
              replyTimeoutMs: input.replyTimeoutMs,
              endpointUrl: input.botType === "botframework" ? input.endpointUrl : null,
              secret,
            },
    });
    return { agent, secret };
  });
}
