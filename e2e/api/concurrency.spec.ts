import { expect, test } from "@playwright/test";
import { checkDatabaseInvariants } from "../../lib/diagnostics/invariants";
import { Api } from "../support/api";
import { sharedDatabaseUrl, sql } from "../support/database";

/**
 * Many clients at once against the real server: starts, transfers, closes and
 * presence changes race. Afterwards the database itself (read directly, not
 * through the API) must show no representative over capacity and no
 * conversation held twice.
 */
test("[CONCURRENCY] 200 racing requests never exceed capacity nor double-assign", async ({ request }) => {
  const api = new Api(request);
  const queue = await api.queue();
  const spare = await api.queue();
  const reps = await Promise.all([1, 2, 3, 1, 2].map((capacity) => api.rep({ capacity })));
  for (const rep of reps) {
    await api.join(queue.id, rep.id);
    await api.join(spare.id, rep.id);
  }
  const capacity = reps.reduce((sum, rep) => sum + rep.capacity, 0);

  const started = await Promise.all(Array.from({ length: 60 }, () => api.start({ queueId: queue.id })));
  const held = started.filter((s) => s.conversation.status === "active");
  expect(held).toHaveLength(capacity);

  const results = await Promise.all([
    ...Array.from({ length: 60 }, () =>
      api.call("POST", "/api/conversations", { customer: { name: "Rush" }, queueId: spare.id }),
    ),
    ...held.map((s) =>
      api.call("POST", `/api/conversations/${s.conversation.id}/transfer`, {
        toQueueId: spare.id,
        byAgentId: s.conversation.assignee.id,
      }),
    ),
    ...started
      .slice(0, 30)
      .map((s) =>
        api.call(
          "POST",
          `/api/conversations/${s.conversation.id}/close`,
          {},
          { authorization: `Bearer ${s.customerToken}` },
        ),
      ),
    ...reps.flatMap((rep) => [
      api.call("PUT", `/api/agents/${rep.id}/presence`, { presence: "away" }),
      api.call("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" }),
    ]),
    ...started
      .slice(30)
      .map((s) => api.call("POST", `/api/conversations/${s.conversation.id}/transfer`, { toQueueId: queue.id })),
  ]);
  // Each request either worked or was refused because someone else changed the conversation first.
  for (const result of results) expect([200, 201, 409], JSON.stringify(result.body)).toContain(result.status);

  // Settle: everyone available again, so the final state is quiet.
  for (const rep of reps) await api.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  const url = sharedDatabaseUrl();
  expect(await checkDatabaseInvariants(url)).toEqual([]);
  const ids = reps.map((r) => r.id);
  const [used] = await sql<{ used: number }>(
    url,
    `SELECT SUM("usedCapacity") AS used FROM "Agent" WHERE id IN (${ids.map(() => "?").join(",")})`,
    ids,
  );
  expect(used.used).toBe(capacity); // the waiting line is long: every unit is in use, none beyond
});
