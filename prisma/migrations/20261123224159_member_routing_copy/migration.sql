-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QueueMembership" (
    "queueId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "joinOrder" INTEGER NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAssignedAt" DATETIME,
    "agentKind" TEXT NOT NULL DEFAULT 'human',
    "routable" BOOLEAN NOT NULL DEFAULT false,
    "freeUnits" INTEGER NOT NULL DEFAULT 0,
    "agentLastAssignedAt" DATETIME,
    "agentLastReleasedAt" DATETIME,

    PRIMARY KEY ("queueId", "agentId"),
    CONSTRAINT "QueueMembership_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QueueMembership_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QueueMembership" ("agentId", "joinOrder", "joinedAt", "lastAssignedAt", "queueId") SELECT "agentId", "joinOrder", "joinedAt", "lastAssignedAt", "queueId" FROM "QueueMembership";
DROP TABLE "QueueMembership";
ALTER TABLE "new_QueueMembership" RENAME TO "QueueMembership";
CREATE INDEX "QueueMembership_agentId_idx" ON "QueueMembership"("agentId");
CREATE INDEX "QueueMembership_queueId_joinOrder_idx" ON "QueueMembership"("queueId", "joinOrder");
CREATE INDEX "QueueMembership_highest_capacity_idx" ON "QueueMembership"("queueId", "routable", "freeUnits" DESC, "agentLastAssignedAt", "joinOrder");
CREATE INDEX "QueueMembership_round_robin_idx" ON "QueueMembership"("queueId", "routable", "lastAssignedAt", "joinOrder");
CREATE INDEX "QueueMembership_least_active_idx" ON "QueueMembership"("queueId", "routable", "agentLastReleasedAt", "lastAssignedAt", "joinOrder");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Each membership carries a copy of its agent's routing state, so that a queue's best candidates are read by walking
-- one of the indexes above instead of joining and sorting every member (docs/decisions/007-member-routing-copy.md).
-- The copy is kept by the database itself: every path that changes an agent (engine, admin, seed, raw SQL) keeps it.
-- "routable" mirrors lib/routing/eligibility.ts: an AI agent takes work when available; a representative when
-- available or busy (capacity decides the rest).
CREATE TRIGGER "Agent_routing_copy"
AFTER UPDATE OF "kind", "presence", "capacity", "usedCapacity", "lastAssignedAt", "lastReleasedAt" ON "Agent"
BEGIN
    UPDATE "QueueMembership" SET
        "agentKind" = NEW."kind",
        "routable" = (NEW."kind" = 'ai' AND NEW."presence" = 'available')
            OR (NEW."kind" = 'human' AND NEW."presence" IN ('available', 'busy')),
        "freeUnits" = NEW."capacity" - NEW."usedCapacity",
        "agentLastAssignedAt" = NEW."lastAssignedAt",
        "agentLastReleasedAt" = NEW."lastReleasedAt"
    WHERE "agentId" = NEW."id";
END;

CREATE TRIGGER "QueueMembership_routing_copy"
AFTER INSERT ON "QueueMembership"
BEGIN
    UPDATE "QueueMembership" SET ("agentKind", "routable", "freeUnits", "agentLastAssignedAt", "agentLastReleasedAt") = (
        SELECT a."kind",
            (a."kind" = 'ai' AND a."presence" = 'available') OR (a."kind" = 'human' AND a."presence" IN ('available', 'busy')),
            a."capacity" - a."usedCapacity", a."lastAssignedAt", a."lastReleasedAt"
        FROM "Agent" a WHERE a."id" = NEW."agentId")
    WHERE "queueId" = NEW."queueId" AND "agentId" = NEW."agentId";
END;

-- The memberships that exist already.
UPDATE "QueueMembership" SET ("agentKind", "routable", "freeUnits", "agentLastAssignedAt", "agentLastReleasedAt") = (
    SELECT a."kind",
        (a."kind" = 'ai' AND a."presence" = 'available') OR (a."kind" = 'human' AND a."presence" IN ('available', 'busy')),
        a."capacity" - a."usedCapacity", a."lastAssignedAt", a."lastReleasedAt"
    FROM "Agent" a WHERE a."id" = "QueueMembership"."agentId");
