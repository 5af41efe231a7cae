import { expect, test } from "@playwright/test";
import { Api, type Json, last, types } from "../support/api";

/**
 * The two flows of the reference document ("Transfer conversations from
 * customer service representatives to AI agents"), step by step, through the
 * HTTP API of the real server.
 */
const assignedTo = (events: Json[]) => events.filter((e) => e.type === "agent.assigned").map((e) => e.data.agentName);

test.describe("[FLOW] two AI agents in two queues", () => {
  for (const handBackBy of ["toAgentId", "toQueueId"] as const) {
    test(`the representative hands back to Agent B in Queue 2 (${handBackBy})`, async ({ request }) => {
      const api = new Api(request);
      const queue1 = await api.queue();
      const queue2 = await api.queue();
      const agentA = await api.ai({
        name: `Agent A ${queue1.id}`,
        capacity: 10,
        escalationQueueId: queue1.id,
        greeting: "Hi {customerName}, I'm Agent A.",
      });
      const rep = await api.rep({ capacity: 2 });
      const agentB = await api.ai({
        name: `Agent B ${queue2.id}`,
        greeting: "Welcome back {customerName}, I'm Agent B.",
      });
      await api.join(queue1.id, agentA.id);
      await api.join(queue1.id, rep.id);
      await api.join(queue2.id, agentB.id);

      // 1. A customer starts a conversation. 2. It is routed to Queue 1.
      const { conversation, customerToken } = await api.start({ queueId: queue1.id });
      let timeline = await api.timeline(conversation.id);
      expect(timeline[0]).toMatchObject({ type: "conversation.started", seq: 1 });
      expect(timeline[1]).toMatchObject({ type: "conversation.routed", data: { queueId: queue1.id } });

      // 3. Agent A accepts the conversation (and greets: added → set context → greeting).
      expect(conversation).toMatchObject({ status: "active", assignee: { id: agentA.id }, queue: { id: queue1.id } });
      expect(types(timeline).slice(2)).toEqual(["agent.assigned", "agent.added", "context.set", "message.sent"]);
      expect(last(timeline).data).toMatchObject({ agentId: agentA.id, text: "Hi Dana, I'm Agent A." });

      // 4. The customer asks for a representative. 5. It is transferred to the representative in Queue 1.
      await api.say(conversation.id, customerToken, "Can I talk to a person please?");
      let current = await api.conversation(conversation.id);
      expect(current).toMatchObject({ status: "active", assignee: { id: rep.id }, queue: { id: queue1.id } });
      timeline = await api.timeline(conversation.id);
      const escalation = timeline.find((e) => e.type === "conversation.transferred");
      expect(escalation?.data).toMatchObject({
        reason: "escalation",
        from: { agentId: agentA.id },
        to: { queueId: queue1.id },
      });
      expect(escalation?.data.summary).toContain("Can I talk to a person please?");
      const toRep = last(timeline.filter((e) => e.type === "agent.assigned"));
      expect(toRep.data.excluded).toEqual([expect.objectContaining({ agentId: agentA.id, reason: "sender" })]);

      // 6. The customer converses with the representative.
      await api.say(conversation.id, customerToken, "My order never arrived.");
      await api.ok("POST", `/api/conversations/${conversation.id}/messages`, {
        text: "Sorry! I've re-sent it.",
        byAgentId: rep.id,
      });

      // 7. The representative hands off to Agent B. 8. The representative is disconnected.
      const target = handBackBy === "toAgentId" ? { toAgentId: agentB.id } : { toQueueId: queue2.id };
      current = await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
        ...target,
        byAgentId: rep.id,
        note: "Order re-sent; please run the satisfaction survey.",
      });
      const repAfter = await api.ok("GET", `/api/agents/${rep.id}`);
      expect(repAfter.usedCapacity).toBe(0);

      // 9. The conversation is routed to Agent B in Queue 2.
      expect(current).toMatchObject({ status: "active", assignee: { id: agentB.id }, queue: { id: queue2.id } });
      timeline = await api.timeline(conversation.id);
      const handBack = timeline.slice(
        timeline.findIndex((e) => e.type === "conversation.transferred" && e.data.reason === "transfer"),
      );
      // 10. Agent B is triggered to greet: assignment, then "agent added", then set context, then the greeting.
      expect(types(handBack)).toEqual(
        handBackBy === "toAgentId"
          ? ["conversation.transferred", "agent.assigned", "agent.added", "context.set", "message.sent"]
          : [
              "conversation.transferred",
              "conversation.routed",
              "agent.assigned",
              "agent.added",
              "context.set",
              "message.sent",
            ],
      );
      const removed = timeline.filter((e) => e.type === "agent.removed");
      expect(removed.map((e) => e.data.agentId)).toEqual([agentA.id, rep.id]);
      expect(removed[1].seq).toBeLessThan(handBack[0].seq + 1);
      const contextSet = handBack.find((e) => e.type === "context.set");
      expect(contextSet?.data.context.handoff).toMatchObject({
        fromAgentId: rep.id,
        fromKind: "human",
        note: "Order re-sent; please run the satisfaction survey.",
      });
      expect(contextSet?.data.activity).toMatchObject({ type: "event", name: "omnichannelSetContext" });
      expect(handBack.find((e) => e.type === "agent.added")?.data.activity).toMatchObject({
        type: "conversationUpdate",
        membersAdded: [{ id: agentB.id, role: "bot" }],
      });
      expect(last(handBack).data).toMatchObject({ agentId: agentB.id, text: "Welcome back Dana, I'm Agent B." });

      // 11. The customer now chats with Agent B.
      await api.say(conversation.id, customerToken, "Thanks, bye!");
      const messages = await api.messages(conversation.id);
      expect(messages.map((m) => [m.authorType, m.agent?.name ?? null])).toEqual([
        ["agent", agentA.name],
        ["customer", null],
        ["agent", agentA.name],
        ["customer", null],
        ["agent", rep.name],
        ["agent", agentB.name],
        ["customer", null],
        ["agent", agentB.name],
      ]);
      expect((await api.conversation(conversation.id)).status).toBe("closed");
    });
  }
});

test.describe("[FLOW] two AI agents in one queue", () => {
  test("capacity order routes A → representative → B, excluding whoever already had it", async ({ request }) => {
    const api = new Api(request);
    const queue = await api.queue();
    // Agent A highest capacity, the representative next, Agent B lowest (the reference document's set-up).
    const agentA = await api.ai({ name: `Agent A ${queue.id}`, capacity: 10, escalationQueueId: queue.id });
    const rep = await api.rep({ capacity: 5 });
    const agentB = await api.ai({
      name: `Agent B ${queue.id}`,
      capacity: 1,
      greeting: "Hi again {customerName}, Agent B here.",
      surveyQuestions: [{ id: "rating", question: "How would you rate the help you got, 1 to 5?" }],
    });
    for (const agent of [agentA, rep, agentB]) await api.join(queue.id, agent.id);

    // 1. A customer starts a conversation routed to the queue. 2. Agent A (highest capacity) accepts it.
    const { conversation, customerToken } = await api.start({ queueId: queue.id, customer: { name: "Lee" } });
    expect(conversation.assignee.id).toBe(agentA.id);
    let timeline = await api.timeline(conversation.id);
    const first = timeline.find((e) => e.type === "agent.assigned");
    expect(first?.data.ranked.map((r: Json) => r.name)).toEqual([agentA.name, rep.name, agentB.name]);
    expect(first?.data.explanation).toContain("the most available capacity (10)");

    // 3. The customer asks for a representative. 4. The representative (second-highest capacity) gets it.
    await api.say(conversation.id, customerToken, "I want to talk to a human");
    let current = await api.conversation(conversation.id);
    expect(current.assignee.id).toBe(rep.id);
    timeline = await api.timeline(conversation.id);
    const second = last(timeline.filter((e) => e.type === "agent.assigned"));
    // A request for a person: Agent A sent it, and Agent B — an AI agent — is not offered it either.
    expect(second.data.excluded).toEqual([
      expect.objectContaining({ agentId: agentA.id, reason: "sender" }),
      expect.objectContaining({ agentId: agentB.id, reason: "person_requested" }),
    ]);
    expect(second.data.ranked.map((r: Json) => r.name)).toEqual([rep.name]);

    // 5. They chat. 6. The representative hands off to the same queue. 7. The representative is disconnected; Agent B gets it.
    await api.ok("POST", `/api/conversations/${conversation.id}/messages`, { text: "All sorted!", byAgentId: rep.id });
    current = await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
      toQueueId: queue.id,
      byAgentId: rep.id,
      note: "Resolved; survey please",
    });
    expect(current.assignee.id).toBe(agentB.id);
    timeline = await api.timeline(conversation.id);
    const third = last(timeline.filter((e) => e.type === "agent.assigned"));
    expect(third.data.excluded).toEqual([
      {
        agentId: agentA.id,
        name: agentA.name,
        reason: "ai_already_handled",
        detail: "an AI agent that already handled this conversation",
      },
      { agentId: rep.id, name: rep.name, reason: "sender", detail: "transferred this conversation here" },
    ]);
    expect(third.data.explanation).toContain(`${agentB.name} chosen by highest capacity`);
    expect(assignedTo(timeline)).toEqual([agentA.name, rep.name, agentB.name]);

    // 8. Agent B receives, in order, "agent is added", then the set-context event; 9. then greets.
    const afterThird = timeline.slice(timeline.indexOf(third));
    expect(types(afterThird)).toEqual(["agent.assigned", "agent.added", "context.set", "message.sent", "message.sent"]);
    expect(afterThird[3].data.text).toBe("Hi again Lee, Agent B here.");
    expect(afterThird[4].data.text).toBe("How would you rate the help you got, 1 to 5?");

    // 10. The customer chats with Agent B; the survey answer lands in the conversation's context.
    await api.say(conversation.id, customerToken, "5");
    current = await api.conversation(conversation.id);
    expect(current.context.survey).toEqual({ answers: { rating: "5" }, next: 1, done: true });
    expect((await api.ok("GET", `/api/agents/${rep.id}`)).usedCapacity).toBe(0);
  });
});
