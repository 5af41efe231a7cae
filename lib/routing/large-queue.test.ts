import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { setPresence } from "@/lib/agents/set-presence";
import { startConversation } from "@/lib/conversations/start-conversation";
import { databaseUrl, sqliteConnection, writeSync } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { sqliteSql } from "@/lib/db/sql/sqlite";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { addMember } from "@/lib/queues/memberships";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { FULLY_LISTED_QUEUE_SIZE, loadCandidates, rowToCandidate, TOP_CANDIDATES } from "./candidate-source";
import { decideAssignment } from "./decide-assignment";
import { assignmentMethodNames, assignmentMethods } from "./methods";
import { prismaCandidateSource } from "./prisma-source";
import { readAtOnce, readLater } from "./reading";
import { sqliteCandidateSource } from "./sqlite-source";

beforeEach(resetDatabase);

/** A queue past the fully-listed size, with ties and every kind of state, deterministic. */
async function bigQueue(method: (typeof assignmentMethodNames)[number]) {
  const queue = await buildQueue({ assignmentMethod: method });
  const presences = ["available", "busy", "away", "offline", "available", "do_not_disturb"] as const;
  const ids: string[] = [];
  for (let i = 0; i < FULLY_LISTED_QUEUE_SIZE + 40; i++) {
    const rep = await buildRep({ capacity: 1 + (i % 4), presence: presences[i % presences.length] });
    await addMember(queue.id, rep.id);
    ids.push(rep.id);
  }
  for (let i = 0; i < 3; i++) ids.push((await buildAiAgent({ capacity: 2 + i, queues: [queue.id] })).id);
  // Spread load and history, with deliberate ties (i % 7, i % 5).
  await inTransaction(async (tx) => {
    for (const [i, id] of ids.entries()) {
      const agent = await tx.agent.findUniqueOrThrow({ where: { id } });
      const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 8, n));
      await tx.agent.update({
        where: { id },
        data: {
          usedCapacity: agent.kind === "human" ? Math.min(agent.capacity, i % 3) : 0,
          lastAssignedAt: i % 7 === 0 ? null : minute(i % 5),
          lastReleasedAt: i % 4 === 0 ? null : minute(i % 6),
        },
      });
      await tx.queueMembership.update({
        where: { queueId_agentId: { queueId: queue.id, agentId: id } },
        data: { lastAssignedAt: i % 9 === 0 ? null : minute(i % 8) },
      });
    }
  });
  return { queue, ids };
}

/** Everyone in the queue, as the core would see them with no large-queue selection at all. */
const everyone = (queueId: string) =>
  inTransaction(async (tx) => (await prismaCandidateSource(tx).members(queueId)).map(rowToCandidate));

describe("[ROUTING] large queues load only their best candidates", () => {
  for (const method of assignmentMethodNames) {
    it(`${method}: the SQL selection gives the same winner and top ranking as loading everyone, from each source`, async () => {
      const { queue, ids } = await bigQueue(method);
      const sender = ids[4]; // an available representative, excluded for who they are
      const request = { units: 1, senderId: sender, aiAgentsThatHandledIt: [], viaTransfer: true };
      const full = decideAssignment(method, await everyone(queue.id), request);
      const selections = [
        await inTransaction((tx) => readLater(loadCandidates(prismaCandidateSource(tx), queue, [sender]))),
        // The synchronous source of the SQLite path, where there is one.
        ...((await sqliteConnection())
          ? [await writeSync((db) => readAtOnce(loadCandidates(sqliteCandidateSource(db), queue, [sender])))]
          : []),
      ];
      for (const { members, unlisted } of selections) {
        const partial = decideAssignment(method, members, request, unlisted);
        expect(partial.winner).toEqual(full.winner);
        expect(partial.ranked.map((r) => r.agentId)).toEqual(
          full.ranked.slice(0, partial.ranked.length).map((r) => r.agentId),
        );
        expect(partial.excluded.filter((e) => e.reason === "sender")).toEqual(
          full.excluded.filter((e) => e.reason === "sender"),
        );
        expect(partial.excluded.length + partial.unlistedExcluded).toBe(full.excluded.length);
        expect(partial.nobodyCanEverTakeIt).toBe(false);
        expect(partial.explanation).toMatch(/more \(\d+ (not available|at capacity)/);
      }
      expect(selections[1] ?? selections[0]).toEqual(selections[0]); // both sources read the same rows
    });
  }

  for (const method of assignmentMethodNames) {
    it(`${method}: a new conversation goes to the full ranking's winner (fast path, or general in that project)`, async () => {
      const { queue } = await bigQueue(method);
      const request = { units: 1, senderId: null, aiAgentsThatHandledIt: [], viaTransfer: false };
      const expected = decideAssignment(method, await everyone(queue.id), request);
      const { conversation } = await startConversation({ customer: { name: "Ada" }, queueId: queue.id });
      expect(conversation.assignee?.id).toBe(expected.winner?.agentId);
    });
  }

  it("keeps each membership's copy of its agent's routing state current through every kind of change", async () => {
    const { queue, ids } = await bigQueue("highest_capacity");
    await setPresence(ids[3], "available"); // offline → available
    await setPresence(ids[0], "away");
    await startConversation({ customer: { name: "Ada" }, queueId: queue.id }); // a claim: usedCapacity, lastAssignedAt
    // (The fixture sets used capacity without conversations, so only this rule is meant to hold here.)
    const copy = (await checkDatabaseInvariants(databaseUrl())).filter((v) =>
      v.rule.includes("copy of its agent's routing state"),
    );
    expect(copy).toEqual([]);
  });

  // SQLite's query plan, in its own words (PostgreSQL's planner picks by statistics; its plans are not checked here).
  it.skipIf(dialectOf(databaseUrl()) === "postgres")(
    "reads a large queue's best candidates by walking an index, never sorting or scanning the whole queue",
    () => {
      const db = new Database(databaseUrl().replace(/^file:/, ""), { readonly: true });
      try {
        for (const method of assignmentMethodNames) {
          const sql = sqliteSql.largeQueue(assignmentMethods[method].sqlOrder, 1, TOP_CANDIDATES);
          const plan = (text: string, ...params: unknown[]) =>
            (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
          const best = plan(sql.best, "q", 1, "x");
          expect(best.join("\n"), method).toMatch(
            `USING INDEX QueueMembership_${method}_idx (queueId=? AND routable=?)`,
          );
          expect(best.join("\n"), method).not.toMatch(/TEMP B-TREE|SCAN (m|a)\b/);
          const counts = plan(sql.counts, "q", "x", "q", 1, "x").join("\n");
          expect(counts, method).toMatch(
            /SEARCH m USING (COVERING )?INDEX QueueMembership_\w+ \(queueId=\? AND routable=\?/,
          );
          expect(counts, method).not.toMatch(/SCAN (m|a)\b/);
        }
      } finally {
        db.close();
      }
    },
  );
});
