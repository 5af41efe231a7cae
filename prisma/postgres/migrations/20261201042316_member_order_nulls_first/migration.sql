-- The methods' orders rank a never-set time (NULL) first (lib/db/sql/postgres.ts says ASC NULLS FIRST); PostgreSQL's
-- indexes put NULLs last unless told, so the indexes of ADR 007 could not serve that order and a large queue would be
-- sorted whole. Rebuild them in the statements' exact order — "joinOrder" too: it is never NULL, but the planner
-- matches the order as written. (Prisma's schema cannot say NULLS FIRST; its differ leaves the ordering of NULLs
-- alone, so these do not show as drift: checked with `migrate dev --create-only`, which finds nothing to do.)
DROP INDEX "QueueMembership_highest_capacity_idx";
CREATE INDEX "QueueMembership_highest_capacity_idx" ON "QueueMembership"("queueId", "routable", "freeUnits" DESC, "agentLastAssignedAt" ASC NULLS FIRST, "joinOrder" ASC NULLS FIRST);

DROP INDEX "QueueMembership_round_robin_idx";
CREATE INDEX "QueueMembership_round_robin_idx" ON "QueueMembership"("queueId", "routable", "lastAssignedAt" ASC NULLS FIRST, "joinOrder" ASC NULLS FIRST);

DROP INDEX "QueueMembership_least_active_idx";
CREATE INDEX "QueueMembership_least_active_idx" ON "QueueMembership"("queueId", "routable", "agentLastReleasedAt" ASC NULLS FIRST, "lastAssignedAt" ASC NULLS FIRST, "joinOrder" ASC NULLS FIRST);
