import { expect, test } from "@playwright/test";
import { Api, type Json, staffKey } from "../support/api";

/** Every kind of transfer the product offers, beyond the two reference flows. */
test.describe("[TRANSFER]", () => {
  test("a representative hands a conversation to a named colleague, who gets it at once with the note", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const riley = await api.rep({ capacity: 1 });
    const jordan = await api.rep({ capacity: 2 });
    await api.join(queue.id, riley.id);
    const { conversation } = await api.start({ queueId: queue.id });
    expect(conversation.assignee.id).toBe(riley.id);

    const moved = await api.ok("POST", `/api/conversations/${conversation.id}/transfer`, {
      toAgentId: jordan.id,
      byAgentId: riley.id,
      note: "Billing question — yours",
    });
    expect(moved.assignee.id).toBe(jordan.id);
    const timeline = await api.timeline(conversation.id);
    const transferred = timeline.find((e: Json) => e.type === "conversation.transferred");
    expect(transferred?.data).toMatchObject({
      from: { agentId: riley.id },
      to: { agentId: jordan.id },
      note: "Billing question — yours",
    });
    expect(timeline.at(-1)).toMatchObject({ type: "agent.assigned", data: { via: "direct", agentId: jordan.id } });
    expect((await api.ok("GET", `/api/agents/${riley.id}`)).usedCapacity).toBe(0);
    expect((await api.ok("GET", `/api/agents/${jordan.id}`)).usedCapacity).toBe(1);
  });

  test("a supervisor transfers a representative's conversation to an AI agent, and re-routes a waiting one", async ({
    request,
  }) => {
    const admin = new Api(request);
    const supervisor = admin.as(staffKey("supervisor"));
    const queue = await admin.queue();
    const survey = await admin.queue();
    const rep = await admin.rep({ capacity: 1 });
    const bot = await admin.ai({ greeting: "Hello {customerName}, a quick survey?" });
    await admin.join(queue.id, rep.id);
    await admin.join(survey.id, bot.id);
    const held = await admin.start({ queueId: queue.id });
    const waiting = await admin.start({ queueId: queue.id });
    expect(waiting.conversation.status).toBe("open");

    const toBot = await supervisor.ok("POST", `/api/conversations/${held.conversation.id}/transfer`, {
      toAgentId: bot.id,
      note: "Supervisor: wrap this up with the survey",
    });
    expect(toBot).toMatchObject({ assignee: { id: bot.id }, queue: { id: survey.id } });
    const events = await admin.timeline(held.conversation.id);
    const transfer = events.find((e: Json) => e.type === "conversation.transferred");
    expect(transfer).toMatchObject({
      actorType: "supervisor",
      data: { from: { agentId: rep.id }, to: { agentId: bot.id } },
    });
    expect(events.at(-1)?.data.text).toBe(`Hello ${"Dana"}, a quick survey?`);

    // The rep's freed unit went to the waiting conversation; a supervisor can still move a waiting one.
    expect((await admin.conversation(waiting.conversation.id)).assignee.id).toBe(rep.id);
    const third = await admin.start({ queueId: queue.id });
    const rerouted = await supervisor.ok("POST", `/api/conversations/${third.conversation.id}/transfer`, {
      toQueueId: survey.id,
    });
    expect(rerouted).toMatchObject({ status: "active", assignee: { id: bot.id } });
  });

  test("a supervisor assigns a waiting conversation to a chosen representative", async ({ request }) => {
    const admin = new Api(request);
    const supervisor = admin.as(staffKey("supervisor"));
    const queue = await admin.queue();
    const busyBee = await admin.rep({ capacity: 1 });
    const chosen = await admin.rep({ capacity: 1, presence: "busy" });
    await admin.join(queue.id, busyBee.id);
    await admin.start({ queueId: queue.id });
    const { conversation } = await admin.start({ queueId: queue.id });
    expect(conversation.status).toBe("open");
    const assigned = await supervisor.ok("POST", `/api/conversations/${conversation.id}/assign`, {
      agentId: chosen.id,
    });
    expect(assigned.assignee.id).toBe(chosen.id);
    const event = (await admin.timeline(conversation.id)).at(-1);
    expect(event).toMatchObject({ type: "agent.assigned", actorType: "supervisor", data: { via: "direct" } });
    expect(event?.data.explanation).toContain("assigned by a supervisor");
  });
});
