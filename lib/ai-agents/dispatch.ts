import type { Agent } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { AgentDelivery } from "./activities";
import { BotUnreachableError, sendToBot } from "./botframework-channel";
import { escalateFailedAgent } from "./escalate-failed-agent";
import { runBuiltinAgent } from "./run-builtin-agent";

/**
 * Sends committed activities to their AI agents. Built-in agents answer
 * before the request that triggered them returns (they run in-process).
 * Bot Framework bots are called in the background, one conversation's
 * activities strictly in order ("agent added", then set-context, then messages).
 */
const botQueues = new Map<string, Promise<void>>();

export async function dispatchToAgents(deliveries: AgentDelivery[]): Promise<void> {
  for (const delivery of deliveries) {
    const agent = await getDb().agent.findUnique({ where: { id: delivery.agentId } });
    if (!agent) continue;
    if (agent.botType === "botframework") enqueueForBot(agent, delivery);
    else await deliverToBuiltin(agent, delivery);
  }
}

async function deliverToBuiltin(agent: Agent, delivery: AgentDelivery) {
  for (const activity of delivery.activities) {
    try {
      await runBuiltinAgent(agent, delivery.conversationId, activity);
    } catch (error) {
      // The conversation moved on while the agent was answering: nothing to do.
      if (error instanceof AppError && error.code === "invalid_state") return;
      throw error;
    }
  }
}

function enqueueForBot(agent: Agent, delivery: AgentDelivery) {
  const key = delivery.conversationId;
  const previous = botQueues.get(key) ?? Promise.resolve();
  const next = previous.then(() => deliverToBot(agent, delivery));
  botQueues.set(key, next);
  void next.finally(() => {
    if (botQueues.get(key) === next) botQueues.delete(key);
  });
}

async function deliverToBot(agent: Agent, delivery: AgentDelivery): Promise<void> {
  try {
    for (const activity of delivery.activities) {
      // Queued behind a slow or failed delivery, the bot may have lost the conversation meanwhile
      // (escalated, transferred, closed): what was meant for it is not sent after it has left.
      // The transcript keeps it for whoever holds the conversation now.
      if (!(await stillHolds(agent.id, delivery.conversationId))) return;
      await sendToBot(agent, activity);
    }
  } catch (error) {
    const why = error instanceof BotUnreachableError ? error.message : `failed: ${(error as Error).message}`;
    logger.warn({ agentId: agent.id, conversationId: delivery.conversationId, why }, "AI agent delivery failed");
    await escalateFailedAgent(delivery.conversationId, agent.id, why).catch((e) =>
      logger.error({ err: e, conversationId: delivery.conversationId }, "escalation after a failed delivery failed"),
    );
  }
}

/** Read in a transaction: on the one shared SQLite connection a bare read could see another unit's uncommitted writes. */
async function stillHolds(agentId: string, conversationId: string): Promise<boolean> {
  const conversation = await inTransaction((tx) =>
    tx.conversation.findUnique({ where: { id: conversationId }, select: { status: true, assigneeId: true } }),
  );
  return conversation?.status === "active" && conversation.assigneeId === agentId;
}

/** Resolves when every background delivery started so far has finished (tests, shutdown). */
export async function settleBotDeliveries(): Promise<void> {
  while (botQueues.size > 0) await Promise.allSettled([...botQueues.values()]);
}
