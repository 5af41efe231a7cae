import { describe, expect, it } from "vitest";
import { type CheckAgent, type CheckQueue, checkQueueConfig } from "./check-queue-config";

/** Small builders over plain data: the checker never touches the database. */
function ai(name: string, capacity: number, overrides: Partial<CheckAgent> = {}): CheckAgent {
  return { id: name, name, kind: "ai", capacity, presence: "available", escalationQueueId: null, ...overrides };
}
function rep(name: string, capacity: number, overrides: Partial<CheckAgent> = {}): CheckAgent {
  return { id: name, name, kind: "human", capacity, presence: "offline", escalationQueueId: null, ...overrides };
}
function queue(id: string, members: CheckAgent[], overrides: Partial<CheckQueue> = {}): CheckQueue {
  return {
    id,
    name: id,
    assignmentMethod: "highest_capacity",
    overflowAction: "none",
    overflowQueueId: null,
    memberIds: members.map((m) => m.id),
    ...overrides,
  };
}
const codes = (q: CheckQueue, queues: CheckQueue[], agents: CheckAgent[]) =>
  checkQueueConfig(q, queues, agents).map((w) => w.code);

describe("[CHECKER] two AI agents in one queue", () => {
  const agentA = ai("Agent A", 10, { escalationQueueId: "Q1" });
  const riley = rep("Riley", 5);
  const agentB = ai("Agent B", 1, { escalationQueueId: "Q2" });
  const sam = rep("Sam", 2);
  const support = queue("Q2", [sam]);

  it("accepts Agent A (highest) > representative > Agent B (lowest)", () => {
    const q1 = queue("Q1", [agentA, riley, agentB]);
    expect(checkQueueConfig(q1, [q1, support], [agentA, riley, agentB, sam])).toEqual([]);
  });

  it("warns when the AI agent that escalates into the queue does not have the highest capacity", () => {
    const weakA = { ...agentA, capacity: 4 };
    const q1 = queue("Q1", [weakA, riley, agentB]);
    const warnings = checkQueueConfig(q1, [q1, support], [weakA, riley, agentB, sam]);
    expect(warnings).toEqual([expect.objectContaining({ code: "hand_back_capacity_order", severity: "warning" })]);
    expect(warnings[0].message).toContain("Riley (5)");
    expect(warnings[0].message).toContain("Agent A > representatives > Agent B");
  });

  it("warns when a representative's capacity is not above the lowest AI agent's", () => {
    const strongB = { ...agentB, capacity: 5 };
    const q1 = queue("Q1", [agentA, riley, strongB]);
    const warnings = checkQueueConfig(q1, [q1, support], [agentA, riley, strongB, sam]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "hand_back_capacity_order" });
    expect(warnings[0].message).toContain("Riley (5) is not above Agent B (5)");
  });

  it("treats an AI agent without an escalation queue as escalating into the queue it serves", () => {
    const a = { ...agentA, escalationQueueId: null, capacity: 3 };
    const q1 = queue("Q1", [a, riley, agentB]);
    expect(codes(q1, [q1, support], [a, riley, agentB, sam])).toEqual(["hand_back_capacity_order"]);
  });

  it("does not apply to a queue with one AI agent, or with no representative", () => {
    const oneAi = queue("Q1", [agentA, riley]);
    expect(codes(oneAi, [oneAi], [agentA, riley])).toEqual([]);
    const x = ai("X", 1, { escalationQueueId: "Q2" });
    const y = ai("Y", 9, { escalationQueueId: "Q2" });
    const botsOnly = queue("Q3", [x, y]);
    expect(codes(botsOnly, [botsOnly, support], [x, y, sam])).toEqual([]);
  });

  it("warns that the flow needs the highest-capacity method", () => {
    const q1 = queue("Q1", [agentA, riley, agentB], { assignmentMethod: "round_robin" });
    expect(codes(q1, [q1, support], [agentA, riley, agentB, sam])).toEqual(["hand_back_method"]);
  });
});

describe("[CHECKER] escalation queue without a representative", () => {
  it("flags an AI agent that escalates to a queue with no representative", () => {
    const bots = queue("Bots", [ai("Other", 1, { escalationQueueId: "Humans" })]);
    const agentA = ai("Agent A", 5, { escalationQueueId: "Bots" });
    const q1 = queue("Q1", [agentA]);
    const warnings = checkQueueConfig(q1, [q1, bots], [agentA, ai("Other", 1)]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "escalation_queue_without_representative", severity: "error" }),
    ]);
    expect(warnings[0].message).toContain("Agent A escalates to “Bots”");
  });

  it("flags an AI agent escalating into its own AI-only queue", () => {
    const quinn = ai("Quinn", 5);
    const feedback = queue("Feedback", [quinn]);
    const warnings = checkQueueConfig(feedback, [feedback], [quinn]);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("Quinn escalates to this queue")]);
  });
});

describe("[CHECKER] nobody can ever be eligible", () => {
  it("flags a queue with no members", () => {
    const empty = queue("Empty", []);
    expect(codes(empty, [empty], [])).toEqual(["no_eligible_member"]);
  });

  it("flags a queue whose AI agents are all offline and that has no representative", () => {
    const off = ai("Off", 3, { presence: "offline", escalationQueueId: "Humans" });
    const humans = queue("Humans", [rep("Riley", 2)]);
    const bots = queue("Bots", [off]);
    expect(codes(bots, [bots, humans], [off, rep("Riley", 2)])).toEqual([
      "no_eligible_member",
      "hand_back_target_offline",
    ]);
  });

  it("does not flag a queue whose representatives are merely offline right now", () => {
    const riley = rep("Riley", 2, { presence: "offline" });
    const humans = queue("Humans", [riley]);
    expect(codes(humans, [humans], [riley])).toEqual([]);
  });
});

describe("[CHECKER] overflow loops", () => {
  const member = rep("Riley", 2);
  it("flags overflow that returns to the queue", () => {
    const a = queue("A", [member], { overflowAction: "transfer", overflowQueueId: "B" });
    const b = queue("B", [member], { overflowAction: "transfer", overflowQueueId: "C" });
    const c = queue("C", [member], { overflowAction: "transfer", overflowQueueId: "A" });
    const warnings = checkQueueConfig(a, [a, b, c], [member]);
    expect(warnings).toEqual([expect.objectContaining({ code: "overflow_loop", severity: "warning" })]);
    expect(warnings[0].message).toContain("A → B → C → A");
  });

  it("ignores a chain that ends, or a loop further on that does not include the queue", () => {
    const a = queue("A", [member], { overflowAction: "transfer", overflowQueueId: "B" });
    const b = queue("B", [member], { overflowAction: "transfer", overflowQueueId: "C" });
    const c = queue("C", [member], { overflowAction: "transfer", overflowQueueId: "B" });
    expect(codes(a, [a, b, c], [member])).toEqual([]);
    const ends = queue("C", [member], { overflowAction: "end", overflowQueueId: "A" });
    expect(codes(a, [a, b, ends], [member])).toEqual([]);
  });
});

describe("[CHECKER] hand-back target offline", () => {
  it("flags an AI-only queue whose AI agents are all offline, naming them", () => {
    const humans = queue("Humans", [rep("Riley", 2)]);
    const b1 = ai("Survey 1", 1, { presence: "offline", escalationQueueId: "Humans" });
    const b2 = ai("Survey 2", 1, { presence: "offline", escalationQueueId: "Humans" });
    const target = queue("Survey", [b1, b2]);
    const warning = checkQueueConfig(target, [target, humans], [b1, b2, rep("Riley", 2)]).find(
      (w) => w.code === "hand_back_target_offline",
    );
    expect(warning?.message).toContain("Survey 1 and Survey 2 are all offline");
  });

  it("is quiet once one AI agent is back online", () => {
    const humans = queue("Humans", [rep("Riley", 2)]);
    const b1 = ai("Survey 1", 1, { presence: "offline", escalationQueueId: "Humans" });
    const b2 = ai("Survey 2", 1, { escalationQueueId: "Humans" });
    const target = queue("Survey", [b1, b2]);
    expect(codes(target, [target, humans], [b1, b2, rep("Riley", 2)])).toEqual([]);
  });
});

describe("[CHECKER] ordering", () => {
  it("lists errors before warnings", () => {
    const quinn = ai("Quinn", 5);
    const a = queue("A", [quinn], { overflowAction: "transfer", overflowQueueId: "A" });
    expect(checkQueueConfig(a, [a], [quinn]).map((w) => w.severity)).toEqual(["error", "warning"]);
  });
});
