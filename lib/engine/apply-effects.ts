import { dispatchToAgents } from "@/lib/ai-agents/dispatch";
import type { Effects } from "@/lib/db/transaction";
import { getBus, topics } from "@/lib/events/bus";
import { serveWaiting } from "@/lib/routing/serve-waiting";

/**
 * What happens after a unit of work commits, in this order: everyone watching
 * hears about it, AI agents receive their activities, and waiting
 * conversations get another try where capacity may have appeared.
 */
export async function applyEffects(fx: Effects): Promise<void> {
  const bus = getBus();
  for (const event of fx.events) {
    bus.publish(topics.conversation(event.conversationId), event);
    bus.publish(topics.all, event);
  }
  for (const agentId of fx.agentsChanged) {
    const change = { type: "agent.changed", agentId };
    bus.publish(topics.agent(agentId), change);
    bus.publish(topics.changes, change);
  }
  for (const queueId of new Set([...fx.queuesChanged, ...fx.queuesToServe])) {
    const change = { type: "queue.changed", queueId };
    bus.publish(topics.queue(queueId), change);
    bus.publish(topics.changes, change);
  }

  await dispatchToAgents(fx.deliveries);
  if (fx.queuesToServe.size > 0) await serveWaiting(fx.queuesToServe);
}
