import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { aiPresences } from "./schemas";

type Presence = "available" | "busy" | "do_not_disturb" | "away" | "offline";

/**
 * Changes an agent's presence. Becoming available (or busy) may let waiting
 * conversations in, so the agent's queues are served after commit. Going away
 * keeps the conversations already held: presence only gates new work.
 */
export function setPresence(agentId: string, presence: Presence) {
  return inTransaction(async (tx, fx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId } });
    if (!agent) throw notFound("agent", agentId);
    if (agent.kind === "ai" && !(aiPresences as readonly string[]).includes(presence)) {
      throw invalidState(`an AI agent is either available or offline, not ${presence}`, {
        state: "ai_agent",
        field: "presence",
      });
    }
    const updated = await tx.agent.update({ where: { id: agentId }, data: { presence } });
    fx.agentsChanged.add(agentId);
    if (presence === "available" || presence === "busy") {
      const memberships = await tx.queueMembership.findMany({ where: { agentId }, select: { queueId: true } });
      for (const { queueId } of memberships) fx.queuesToServe.add(queueId);
    }
    return updated;
  });
}
