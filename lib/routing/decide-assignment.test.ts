import { describe, expect, it } from "vitest";
import { decideAssignment } from "./decide-assignment";
import type { Candidate, RoutingRequest } from "./types";

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));

let order = 0;
function candidate(name: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    agentId: name.toLowerCase(),
    name,
    kind: "human",
    capacity: 3,
    usedCapacity: 0,
    presence: "available",
    joinOrder: ++order,
    lastAssignedAt: null,
    lastAssignedInQueueAt: null,
    lastReleasedAt: null,
    ...overrides,
  };
}

const fresh: RoutingRequest = { units: 1, senderId: null, aiAgentsThatHandledIt: [], viaTransfer: false };

describe("[ROUTING] highest capacity", () => {
  it("picks the most available capacity, counting an AI agent's capacity as never consumed", () => {
    const decision = decideAssignment(
      "highest_capacity",
      [
        candidate("Rep", { capacity: 5, usedCapacity: 4 }),
        candidate("Bot", { kind: "ai", capacity: 2, usedCapacity: 0 }),
      ],
      fresh,
    );
    expect(decision.winner?.name).toBe("Bot");
    expect(decision.explanation).toContain("the most available capacity (2)");
  });

  it("breaks a capacity tie by the oldest last assignment, never-assigned first", () => {
    const decision = decideAssignment(
      "highest_capacity",
      [
        candidate("Recent", { lastAssignedAt: t(30) }),
        candidate("Older", { lastAssignedAt: t(10) }),
        candidate("Never"),
      ],
      fresh,
    );
    expect(decision.ranked.map((r) => r.name)).toEqual(["Never", "Older", "Recent"]);
    expect(decision.explanation).toContain("last assignment is the oldest");
  });

  it("breaks a full tie by join order", () => {
    const decision = decideAssignment("highest_capacity", [candidate("First"), candidate("Second")], fresh);
    expect(decision.winner?.name).toBe("First");
    expect(decision.explanation).toContain("joined the queue first");
  });
});

describe("[ROUTING] round robin", () => {
  it("picks the agent whose last assignment in this queue is oldest, whatever their capacity", () => {
    const decision = decideAssignment(
      "round_robin",
      [
        candidate("Big", { capacity: 10, lastAssignedInQueueAt: t(20) }),
        candidate("Small", { capacity: 1, lastAssignedInQueueAt: t(5) }),
      ],
      fresh,
    );
    expect(decision.winner?.name).toBe("Small");
  });

  it("ties by join order", () => {
    const decision = decideAssignment(
      "round_robin",
      [candidate("A", { lastAssignedInQueueAt: t(5) }), candidate("B", { lastAssignedInQueueAt: t(5) })],
      fresh,
    );
    expect(decision.winner?.name).toBe("A");
  });
});

describe("[ROUTING] least active", () => {
  it("picks the agent whose capacity was released longest ago; never released comes first", () => {
    const decision = decideAssignment(
      "least_active",
      [candidate("Busy", { lastReleasedAt: t(50) }), candidate("Idle", { lastReleasedAt: t(1) }), candidate("Fresh")],
      fresh,
    );
    expect(decision.ranked.map((r) => r.name)).toEqual(["Fresh", "Idle", "Busy"]);
  });

  it("ties as round robin: last assignment in the queue, then join order", () => {
    const decision = decideAssignment(
      "least_active",
      [
        candidate("Later", { lastReleasedAt: t(1), lastAssignedInQueueAt: t(9) }),
        candidate("Earlier", { lastReleasedAt: t(1), lastAssignedInQueueAt: t(3) }),
      ],
      fresh,
    );
    expect(decision.winner?.name).toBe("Earlier");
    expect(decision.explanation).toContain("tied on release");
  });
});

describe("[ROUTING] eligibility", () => {
  it("offers work only to available or busy representatives and to enabled AI agents", () => {
    const decision = decideAssignment(
      "highest_capacity",
      [
        candidate("Away", { presence: "away" }),
        candidate("Dnd", { presence: "do_not_disturb" }),
        candidate("Off", { presence: "offline" }),
        candidate("Busy", { presence: "busy", capacity: 1 }),
        candidate("Disabled bot", { kind: "ai", presence: "offline" }),
      ],
      fresh,
    );
    expect(decision.winner?.name).toBe("Busy");
    expect(decision.excluded.map((e) => [e.name, e.reason])).toEqual([
      ["Away", "presence"],
      ["Dnd", "presence"],
      ["Off", "presence"],
      ["Disabled bot", "presence"],
    ]);
  });

  it("never exceeds a representative's capacity, counting the conversation's units", () => {
    const decision = decideAssignment(
      "highest_capacity",
      [candidate("Nearly full", { capacity: 3, usedCapacity: 2 })],
      {
        ...fresh,
        units: 2,
      },
    );
    expect(decision.winner).toBeNull();
    expect(decision.excluded[0]).toMatchObject({ reason: "at_capacity", detail: "uses 2 of 3 units, needs 2" });
    expect(decision.freeMembers).toBe(0);
  });

  it("[ROUTING] transfer back to the same queue skips the sender and the AI agent that already handled it", () => {
    const members = [
      candidate("Agent A", { kind: "ai", capacity: 10 }),
      candidate("Rep", { capacity: 5 }),
      candidate("Agent B", { kind: "ai", capacity: 1 }),
    ];
    const decision = decideAssignment("highest_capacity", members, {
      units: 1,
      senderId: "rep",
      aiAgentsThatHandledIt: ["agent a"],
      viaTransfer: true,
    });
    expect(decision.winner?.name).toBe("Agent B");
    expect(decision.excluded).toEqual([
      {
        agentId: "agent a",
        name: "Agent A",
        reason: "ai_already_handled",
        detail: "an AI agent that already handled this conversation",
      },
      { agentId: "rep", name: "Rep", reason: "sender", detail: "transferred this conversation here" },
    ]);
    expect(decision.explanation).toBe(
      "Agent B chosen by highest capacity: the only eligible agent. Excluded: Agent A (an AI agent that already handled this conversation); Rep (transferred this conversation here).",
    );
  });

  it("applies loop protection only to conversations that came in through a transfer", () => {
    const decision = decideAssignment("highest_capacity", [candidate("Bot", { kind: "ai" })], {
      ...fresh,
      aiAgentsThatHandledIt: ["bot"],
    });
    expect(decision.winner?.name).toBe("Bot");
  });

  it("says when nobody in the queue could ever take it (for overflow), as opposed to nobody right now", () => {
    const onlySender = decideAssignment("highest_capacity", [candidate("Rep")], {
      ...fresh,
      senderId: "rep",
      viaTransfer: true,
    });
    expect(onlySender.nobodyCanEverTakeIt).toBe(true);
    const busy = decideAssignment("highest_capacity", [candidate("Rep", { presence: "away" })], fresh);
    expect(busy.nobodyCanEverTakeIt).toBe(false);
    expect(decideAssignment("round_robin", [], fresh).explanation).toBe(
      "No one is eligible: the queue has no members.",
    );
  });
});

describe("[ROUTING] explanation size", () => {
  it("names a few exclusions and counts the rest, so a huge queue does not make a huge explanation", () => {
    const members = Array.from({ length: 500 }, (_, i) =>
      candidate(`Rep ${i}`, { presence: i % 2 ? "offline" : "available", usedCapacity: i % 2 ? 0 : 3 }),
    );
    members.push(candidate("Free", { capacity: 5 }));
    const decision = decideAssignment("highest_capacity", members, fresh);
    expect(decision.winner?.name).toBe("Free");
    expect(decision.excluded).toHaveLength(500); // the decision itself keeps everything
    expect(decision.explanation).toContain("and 492 more (246 at capacity, 246 not available)");
    expect(decision.explanation.length).toBeLessThan(600);
  });
});

describe("[ROUTING] never", () => {
  it("two agents that were never released tie on release and fall through to the round-robin tie-break", () => {
    const decision = decideAssignment(
      "least_active",
      [
        candidate("Joined first, turn recent", { lastAssignedInQueueAt: t(30) }),
        candidate("Joined later, turn old", { lastAssignedInQueueAt: t(2) }),
      ],
      fresh,
    );
    expect(decision.winner?.name).toBe("Joined later, turn old");
    expect(decision.explanation).toContain("tied on release");
  });
});
