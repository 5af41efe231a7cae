import { beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "@/lib/db/transaction";
import { addMember } from "@/lib/queues/memberships";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { decideAssignment } from "./decide-assignment";
import { FULLY_LISTED_QUEUE_SIZE, loadCandidates, loadQueueCandidates } from "./load-candidates";
import { assignmentMethodNames } from "./methods";

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

describe("[ROUTING] large queues load only their best candidates", () => {
  for (const method of assignmentMethodNames) {
    it(`${method}: the SQL selection gives the same winner and top ranking as loading everyone`, async () => {
      const { queue, ids } = await bigQueue(method);
      const sender = ids[4]; // an available representative, excluded for who they are
      const request = { units: 1, senderId: sender, aiAgentsThatHandledIt: [], viaTransfer: true };
      const [full, partial] = await inTransaction(async (tx) => [
        decideAssignment(method, await loadCandidates(tx, queue.id), request),
        await loadQueueCandidates(tx, queue, [sender]).then(({ members, unlisted }) =>
          decideAssignment(method, members, request, unlisted),
        ),
      ]);
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
    });
  }
});
