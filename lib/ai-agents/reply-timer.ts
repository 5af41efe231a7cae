import type { Agent } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";

/**
 * The `bot_reply` timer (lib/timers: when it is due, Switchboard escalates for the silent agent) for the agents
 * that answer in the background. A bot's reply is due within its reply timeout. A language model enforces that
 * timeout itself, turn by turn, and escalates with the precise reason (run-llm-agent.ts); its timer is the backstop
 * for a process that stopped mid-turn, so it leaves the model's own time-out room to act first, and each turn pushes
 * it forward when it starts (a turn may wait behind the conversation's earlier ones).
 */
const MODEL_TIMER_GRACE_MS = 10_000;

export function replyDueAfterMs(agent: Pick<Agent, "botType" | "replyTimeoutMs">): number | null {
  if (agent.botType === "botframework") return agent.replyTimeoutMs;
  if (agent.botType === "llm") return agent.replyTimeoutMs + MODEL_TIMER_GRACE_MS;
  return null;
}

export async function armReplyTimer(
  tx: Tx,
  conversationId: string,
  agent: Pick<Agent, "id" | "botType" | "replyTimeoutMs">,
  at: Date,
) {
  const dueAfterMs = replyDueAfterMs(agent);
  if (dueAfterMs === null) return;
  const dueAt = new Date(at.getTime() + dueAfterMs);
  await tx.timer.upsert({
    where: { conversationId_kind: { conversationId, kind: "bot_reply" } },
    create: { conversationId, kind: "bot_reply", dueAt, data: { agentId: agent.id } },
    update: { dueAt, data: { agentId: agent.id } },
  });
}
