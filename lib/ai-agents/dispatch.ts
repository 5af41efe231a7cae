import type { Agent } from "@/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/registry";
import type { Activity, AgentDelivery } from "./activities";
import { BotUnreachableError, sendToBot } from "./botframework-channel";
import { escalateFailedAgent } from "./escalate-failed-agent";
import { runLlmAgent } from "./llm/run-llm-agent";
import { runBuiltinAgent } from "./run-builtin-agent";

/**
 * Sends committed activities to their AI agents. Built-in agents answer
 * before the request that triggered them returns (they run in-process).
 * Bot Framework bots and language models are called in the background, one conversation's
 * activities strictly in order ("agent added", then set-context, then messages).
 */
const backgroundQueues = new Map<string, Promise<void>>();

export async function dispatchToAgents(deliveries: AgentDelivery[]): Promise<void> {
  for (const delivery of deliveries) {
    const agent = await getDb().agent.findUnique({ where: { id: delivery.agentId } });
    if (!agent) continue;
    if (agent.botType === "botframework") inBackground(delivery, () => deliverToBot(agent, delivery));
    else if (agent.botType === "llm") inBackground(delivery, () => deliverToModel(agent, delivery));
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

/** Queued behind the conversation's earlier deliveries: one at a time, in the order they were committed. */
function inBackground(delivery: AgentDelivery, work: () => Promise<void>) {
  const key = delivery.conversationId;
  const previous = backgroundQueues.get(key) ?? Promise.resolve();
  const next = previous.then(work);
  backgroundQueues.set(key, next);
  void next.finally(() => {
    if (backgroundQueues.get(key) === next) backgroundQueues.delete(key);
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
    const unreachable = error instanceof BotUnreachableError ? error : null;
    metrics().botDeliveryFailures.inc({ agent: agent.name, reason: unreachable?.failure ?? "error" });
    const why = unreachable ? unreachable.message : `failed: ${(error as Error).message}`;
    await escalateAfterFailure(agent, delivery, why);
  }
}

/**
 * A language model's turns. Its own failures (time-out, HTTP errors, malformed calls, limits) are escalated inside
 * the turn with their reason; anything else that breaks here is escalated too, so no failure is silence.
 */
async function deliverToModel(agent: Agent, delivery: AgentDelivery): Promise<void> {
  for (const activity of delivery.activities) {
    if (!(await stillHolds(agent.id, delivery.conversationId))) return;
    try {
      await runLlmAgent(agent, delivery.conversationId, activity);
    } catch (error) {
      if (error instanceof AppError && error.code === "invalid_state") return; // moved on while it was answering
      logger.error({ err: error, agentId: agent.id, conversationId: delivery.conversationId }, "LLM agent turn failed");
      await escalateAfterFailure(agent, delivery, `AI agent ${agent.name} failed (${whileDoing(activity)})`);
      return;
    }
  }
}

const whileDoing = (activity: Activity) =>
  `while answering ${activity.type === "message" ? "a message" : "the greeting"}`;

async function escalateAfterFailure(agent: Agent, delivery: AgentDelivery, why: string) {
  logger.warn({ agentId: agent.id, conversationId: delivery.conversationId, why }, "AI agent delivery failed");
  await escalateFailedAgent(delivery.conversationId, agent.id, why).catch((e) =>
    logger.error({ err: e, conversationId: delivery.conversationId }, "escalation after a failed delivery failed"),
  );
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
  while (backgroundQueues.size > 0) await Promise.allSettled([...backgroundQueues.values()]);
}
