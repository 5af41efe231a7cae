import type { TimelineEvent } from "@/lib/timeline/types";
import { metrics } from "./registry";

export interface AssignmentSeen {
  queue: string;
  agentKind: "ai" | "human";
  /** From entering the queue to `at` (the commit); null for an event that does not say when it started waiting. */
  latencySeconds: number | null;
  /** A hand-off (an AI agent's conversation to a person) or a hand-back (a person's to an AI agent), or neither. */
  handover: "handoff" | "handback" | null;
}

/**
 * The assignments in a committed unit of work's events, as the metrics count them. Read from the `agent.assigned`
 * events (lib/routing/plan-assignment.ts) so every path that assigns — a new conversation, a transfer, a waiting
 * conversation served, a direct assignment, on either applier — is counted the same way, and only once it committed.
 */
export function assignmentsIn(events: Pick<TimelineEvent, "type" | "data">[], at: Date): AssignmentSeen[] {
  const seen: AssignmentSeen[] = [];
  for (const event of events) {
    if (event.type !== "agent.assigned") continue;
    const data = event.data;
    const agentKind = data.agentKind === "ai" ? "ai" : "human";
    const since = typeof data.waitingSince === "string" ? Date.parse(data.waitingSince) : Number.NaN;
    const handedOverBy = data.handedOverBy;
    seen.push({
      queue: typeof data.queueName === "string" ? data.queueName : "",
      agentKind,
      latencySeconds: Number.isNaN(since) ? null : Math.max(0, (at.getTime() - since) / 1000),
      handover:
        handedOverBy === "ai" && agentKind === "human"
          ? "handoff"
          : handedOverBy === "human" && agentKind === "ai"
            ? "handback"
            : null,
    });
  }
  return seen;
}

/** Counts a committed unit of work's assignments (called after commit, from lib/engine/apply-effects.ts). */
export function countAssignments(events: Pick<TimelineEvent, "type" | "data">[], at: Date): void {
  const seen = assignmentsIn(events, at);
  if (seen.length === 0) return;
  const m = metrics();
  for (const { queue, agentKind, latencySeconds, handover } of seen) {
    const labels = { queue, agent_kind: agentKind };
    m.assignments.inc(labels);
    if (latencySeconds !== null) m.assignmentLatency.observe(labels, latencySeconds);
    if (handover === "handoff") m.handoffs.inc({ queue });
    if (handover === "handback") m.handbacks.inc({ queue });
  }
}
