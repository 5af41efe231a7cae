import { expect, test } from "@playwright/test";
import { checkDatabaseInvariants } from "../../lib/diagnostics/invariants";
import { Api, type Json, unique } from "../support/api";
import { sharedDatabaseUrl } from "../support/database";

/**
 * A representative's capacity can't be set below what they hold right now: `usedCapacity ≤ capacity` is true at
 * every moment, not only after they finish. Refused with a 409 that names the load, changing nothing; exactly the
 * load is fine. Checked straight in the database (the invariant checker), including while assignments race.
 */
const invariants = () => checkDatabaseInvariants(sharedDatabaseUrl());

/** Riley holds three conversations (3 units) in a queue whose wrap-up never times out during the test. */
async function rileyHoldingThree(api: Api, capacity: number) {
  const queue = await api.queue({ wrapUpSeconds: 3600 });
  const rep = await api.rep({ name: unique("Riley Chen"), capacity });
  await api.join(queue.id, rep.id);
  const held: Json[] = [];
  for (let i = 0; i < 3; i++) held.push((await api.start({ queueId: queue.id })).conversation);
  for (const conversation of held) expect(conversation).toMatchObject({ status: "active", assignee: { id: rep.id } });
  const snapshot = async () => ({
    agent: await api.ok("GET", `/api/agents/${rep.id}`),
    conversations: await Promise.all(held.map((c) => api.conversation(c.id))),
    timelines: await Promise.all(held.map(async (c) => (await api.timeline(c.id)).length)),
  });
  return { queue, rep, held, snapshot };
}

test("[CAPACITY] lowering a capacity below what the representative holds is refused with 409 naming the load; nothing changes", async ({
  request,
}) => {
  const api = new Api(request);
  const { rep, snapshot } = await rileyHoldingThree(api, 3);
  const before = await snapshot();
  expect(before.agent).toMatchObject({ capacity: 3, usedCapacity: 3 });

  for (const body of [{ capacity: 1 }, { capacity: 2 }, { capacity: 1, name: "Renamed on the way" }]) {
    const reply = await api.call("PATCH", `/api/agents/${rep.id}`, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(409);
    expect(reply.body.error).toEqual({
      code: "invalid_state",
      message: `${rep.name} holds 3 units; capacity can't go below 3 until they finish`,
      state: "capacity_below_load",
      field: "capacity",
      capacity: body.capacity,
      usedCapacity: 3,
      presence: "available",
    });
    // Nothing changed — not the capacity, not the name sent with it, not a conversation.
    expect(await snapshot()).toEqual(before);
  }
  expect(await invariants()).toEqual([]);
});

test("[CAPACITY] lowering to exactly the load works, and lower again once a conversation is released", async ({
  request,
}) => {
  const api = new Api(request);
  const { rep, held } = await rileyHoldingThree(api, 5);

  const lowered = await api.call("PATCH", `/api/agents/${rep.id}`, { capacity: 3 });
  expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
  expect(lowered.body).toMatchObject({ capacity: 3, usedCapacity: 3 });

  // One conversation finishes (ended, then wrap-up done): its unit is released, and 2 is now allowed.
  await api.ok("POST", `/api/conversations/${held[0].id}/end`, { byAgentId: rep.id });
  expect((await api.call("PATCH", `/api/agents/${rep.id}`, { capacity: 2 })).status).toBe(409); // wrap-up holds it
  await api.ok("POST", `/api/conversations/${held[0].id}/close`, { byAgentId: rep.id });
  const again = await api.call("PATCH", `/api/agents/${rep.id}`, { capacity: 2 });
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body).toMatchObject({ capacity: 2, usedCapacity: 2 });
  expect(await invariants()).toEqual([]);
});

test("[CONCURRENCY] capacities lowered while conversations are assigned: never below the load", async ({ request }) => {
  test.setTimeout(120_000);
  const api = new Api(request);
  const queue = await api.queue({ wrapUpSeconds: 3600 });
  const reps = await Promise.all(Array.from({ length: 4 }, () => api.rep({ capacity: 6 })));
  for (const rep of reps) await api.join(queue.id, rep.id);

  // Starts and capacity edits (down and back up) all at once.
  const results = await Promise.all([
    ...Array.from({ length: 40 }, () =>
      api.call("POST", "/api/conversations", { customer: { name: "Rush" }, queueId: queue.id }),
    ),
    ...reps.flatMap((rep, r) =>
      Array.from({ length: 10 }, (_, i) =>
        api.call("PATCH", `/api/agents/${rep.id}`, { capacity: 1 + ((i * 5 + r) % 6) }),
      ),
    ),
  ]);
  for (const { status, body } of results) {
    expect([200, 201, 409], JSON.stringify(body)).toContain(status);
    // A refusal always names a load above what was asked.
    if (status === 409) expect(body.error.usedCapacity).toBeGreaterThan(body.error.capacity);
  }

  const agents = await Promise.all(reps.map((rep) => api.ok("GET", `/api/agents/${rep.id}`)));
  for (const agent of agents) expect(agent.usedCapacity).toBeLessThanOrEqual(agent.capacity);
  expect(await invariants()).toEqual([]);
});
