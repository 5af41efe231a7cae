import type { Agent } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/engine/unit-of-work";
import type { Activity } from "./activities";
import { buildAgentContext } from "./build-context";
import { type BuiltinAgentConfig, type FaqEntry, respond, type SurveyQuestion } from "./builtin-agent";
import { handleAgentActivity } from "./handle-agent-activity";

export function builtinConfig(agent: Agent): BuiltinAgentConfig {
  return {
    name: agent.name,
    greeting: agent.greeting,
    faq: (agent.faq as FaqEntry[] | null) ?? [],
    surveyQuestions: (agent.surveyQuestions as SurveyQuestion[] | null) ?? [],
  };
}

/** Feeds one activity to a built-in agent and carries out its reply, in order. */
export async function runBuiltinAgent(agent: Agent, conversationId: string, incoming: Activity): Promise<void> {
  const db = getDb();
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, include: { queue: true } });
  if (conversation?.status !== "active" || conversation.assigneeId !== agent.id) return; // moved on meanwhile
  const recent = await db.message.findMany({
    where: { conversationId, authorType: "customer" },
    orderBy: { createdAt: "desc" },
    take: 3,
    select: { text: true },
  });
  const reply = respond(builtinConfig(agent), incoming, {
    context: buildAgentContext(conversation, conversation.queue),
    recentCustomerMessages: recent.map((m) => m.text).reverse(),
  });
  if (reply.contextPatch) {
    const patch = reply.contextPatch;
    await inTransaction(async (tx) => {
      const fresh = await tx.conversation.findUniqueOrThrow({
        where: { id: conversationId },
        select: { context: true },
      });
      await tx.conversation.update({
        where: { id: conversationId },
        data: { context: { ...(fresh.context as object), ...patch } as object },
      });
    });
  }
  for (const activity of reply.activities) {
    await handleAgentActivity({ agentId: agent.id, conversationId, activity });
  }
}
