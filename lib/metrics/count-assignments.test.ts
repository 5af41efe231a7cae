import { describe, expect, it } from "vitest";
import { assignmentsIn } from "./count-assignments";

const at = new Date("2026-12-01T10:00:10.000Z");
const assigned = (data: Record<string, unknown>) => ({ type: "agent.assigned" as const, data });

describe("assignmentsIn", () => {
  it("counts each agent.assigned event by queue and agent kind, with the wait since it entered the queue", () => {
    const seen = assignmentsIn(
      [
        { type: "conversation.started", data: {} },
        assigned({
          queueName: "Billing",
          agentKind: "ai",
          waitingSince: "2026-12-01T10:00:09.750Z",
          handedOverBy: null,
        }),
        { type: "agent.added", data: {} },
      ],
      at,
    );
    expect(seen).toEqual([{ queue: "Billing", agentKind: "ai", latencySeconds: 0.25, handover: null }]);
  });

  it("an AI agent's conversation taken by a person is a hand-off; a person's taken by an AI agent, a hand-back", () => {
    const seen = assignmentsIn(
      [
        assigned({ queueName: "Q", agentKind: "human", waitingSince: at.toISOString(), handedOverBy: "ai" }),
        assigned({ queueName: "Q", agentKind: "ai", waitingSince: at.toISOString(), handedOverBy: "human" }),
        // A person to a person, an AI agent to an AI agent (a direct transfer), a supervisor's system transfer: neither.
        assigned({ queueName: "Q", agentKind: "human", waitingSince: at.toISOString(), handedOverBy: "human" }),
        assigned({ queueName: "Q", agentKind: "ai", waitingSince: at.toISOString(), handedOverBy: "ai" }),
        assigned({ queueName: "Q", agentKind: "ai", waitingSince: at.toISOString(), handedOverBy: "system" }),
      ],
      at,
    );
    expect(seen.map((s) => s.handover)).toEqual(["handoff", "handback", null, null, null]);
  });

  it("outside a queue the label is empty; an event from before the metrics (no waitingSince) has no latency", () => {
    const [seen] = assignmentsIn([assigned({ queueName: null, agentKind: "human" })], at);
    expect(seen).toEqual({ queue: "", agentKind: "human", latencySeconds: null, handover: null });
  });

  it("a clock that stepped back never makes a negative latency", () => {
    const [seen] = assignmentsIn(
      [assigned({ queueName: "Q", agentKind: "ai", waitingSince: "2026-12-01T10:00:11Z" })],
      at,
    );
    expect(seen.latencySeconds).toBe(0);
  });
});
