import { dispatchToAgents } from "@/lib/ai-agents/dispatch";
import { now } from "@/lib/clock";
import { getBus, topics } from "@/lib/events/bus";
import { countAssignments } from "@/lib/metrics/count-assignments";
import { serveWaiting } from "@/lib/routing/serve-waiting";
import { type Effects, setAfterCommit } from "./unit-of-work";

/**
 * Makes `applyEffects` what every unit of work runs after it commits. Each entry point calls it once at start,
 * before the first write: the server (lib/boot.ts), the vitest workers (lib/testing/worker-setup.ts), the bench
 * (bench/lib/db.ts) and the scripts that write (scripts/create-account.ts, prisma/seed.ts). Without it the first
 * write throws, with nothing written.
 */
export function installEffects(): void {
  setAfterCommit(applyEffects);
}

/**
 * What happens after a unit of work commits, in this order: the metrics count its assignments, everyone watching
 * hears about it, AI agents receive their activities, and waiting
 * conversations get another try where capacity may have appeared.
 */
export async function applyEffects(fx: Effects): Promise<void> {
  countAssignments(fx.events, now());
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
