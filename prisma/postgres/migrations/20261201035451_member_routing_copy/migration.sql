-- ADR 007 on PostgreSQL (docs/decisions/007-member-routing-copy.md): each membership carries a copy of its agent's
-- routing state, so a queue's best candidates are read by walking one index instead of joining and sorting every
-- member. The database keeps the copy itself, so every path that changes an agent (engine, admin, seed, raw SQL)
-- keeps it. The same rules as prisma/migrations/20261123224159_member_routing_copy, in PL/pgSQL.
-- "routable" mirrors lib/routing/eligibility.ts: an AI agent takes work when available; a representative when
-- available or busy (capacity decides the rest).
CREATE FUNCTION "Agent_routing_copy"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "QueueMembership" SET
        "agentKind" = NEW."kind",
        "routable" = (NEW."kind" = 'ai' AND NEW."presence" = 'available')
            OR (NEW."kind" = 'human' AND NEW."presence" IN ('available', 'busy')),
        "freeUnits" = NEW."capacity" - NEW."usedCapacity",
        "agentLastAssignedAt" = NEW."lastAssignedAt",
        "agentLastReleasedAt" = NEW."lastReleasedAt"
    WHERE "agentId" = NEW."id";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Agent_routing_copy"
AFTER UPDATE OF "kind", "presence", "capacity", "usedCapacity", "lastAssignedAt", "lastReleasedAt" ON "Agent"
FOR EACH ROW EXECUTE FUNCTION "Agent_routing_copy"();

-- BEFORE INSERT (SQLite's trigger updates the new row after the insert): the row is completed before it is stored,
-- one write instead of two.
CREATE FUNCTION "QueueMembership_routing_copy"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT a."kind",
        (a."kind" = 'ai' AND a."presence" = 'available') OR (a."kind" = 'human' AND a."presence" IN ('available', 'busy')),
        a."capacity" - a."usedCapacity", a."lastAssignedAt", a."lastReleasedAt"
    INTO NEW."agentKind", NEW."routable", NEW."freeUnits", NEW."agentLastAssignedAt", NEW."agentLastReleasedAt"
    FROM "Agent" a WHERE a."id" = NEW."agentId";
    RETURN NEW;
END;
$$;

CREATE TRIGGER "QueueMembership_routing_copy"
BEFORE INSERT ON "QueueMembership"
FOR EACH ROW EXECUTE FUNCTION "QueueMembership_routing_copy"();
