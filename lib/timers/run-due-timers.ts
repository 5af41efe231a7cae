import type { Timer } from "@/generated/prisma/client";
import { escalateFailedAgent } from "@/lib/ai-agents/escalate-failed-agent";
import { now } from "@/lib/clock";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { overflowConversation } from "@/lib/routing/route-to-queue";
import { systemActor } from "@/lib/timeline/types";

/**
 * Fires every timer that is due. Each is claimed by deleting its row, so a
 * timer fires once even if two loops (or two servers) look at the same moment;
 * due times live in the database, so a restart only delays them.
 */
export async function runDueTimers(at: Date = now(), limit = 200): Promise<number> {
  const due = await getDb().timer.findMany({ where: { dueAt: { lte: at } }, orderBy: { dueAt: "asc" }, take: limit });
  let fired = 0;
  for (const timer of due) {
    try {
      if (await fire(timer)) fired++;
    } catch (error) {
      if (error instanceof AppError && error.code === "invalid_state") continue; // the conversation moved on
      logger.error({ err: error, timer }, "timer failed");
    }
  }
  return fired;
}

async function fire(timer: Timer): Promise<boolean> {
  switch (timer.kind) {
    case "overflow":
      return inTransaction(async (tx, fx) => {
        if ((await tx.timer.deleteMany({ where: { id: timer.id } })).count !== 1) return false;
        const conversation = await tx.conversation.findUnique({
          where: { id: timer.conversationId },
          include: { queue: true },
        });
        // Only for the wait it was set for: the same queue, still configured to overflow.
        const setFor = (timer.data as { queueId?: string } | null)?.queueId;
        if (conversation?.status !== "open" || !conversation.queue || conversation.queueId !== setFor) return false;
        if (conversation.queue.overflowAction === "none") return false;
        const seconds = conversation.queue.overflowAfterSeconds;
        await overflowConversation(tx, fx, conversation, conversation.queue, `waited longer than ${seconds} s`);
        return true;
      });
    case "wrap_up": {
      if (!(await claim(timer))) return false;
      await closeConversation({ conversationId: timer.conversationId, actor: systemActor });
      return true;
    }
    case "bot_reply": {
      if (!(await claim(timer))) return false;
      const agentId = (timer.data as { agentId?: string } | null)?.agentId;
      if (agentId) await escalateFailedAgent(timer.conversationId, agentId, "did not reply in time");
      return true;
    }
    default:
      await claim(timer);
      return false;
  }
}

const claim = (timer: Timer) =>
  inTransaction(async (tx) => (await tx.timer.deleteMany({ where: { id: timer.id } })).count === 1);
