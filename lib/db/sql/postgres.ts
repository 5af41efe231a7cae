// Switchboard's hand-written SQL for PostgreSQL: the same statements as lib/db/sql/sqlite.ts, with identifiers quoted
// (Prisma's tables and columns are mixed-case), `$n` placeholders, real booleans, and NULLS FIRST said explicitly
// (PostgreSQL puts NULLs last on ASC: never-assigned agents would silently rank last).
import type { DialectSql, MemberOrder } from "./types";

/** Numbers the placeholders $1, $2, … in the order they are written, as pg wants them. */
function placeholders() {
  let n = 0;
  return () => `$${++n}`;
}

const membersFrom = (queueParam: string) => `SELECT a."id" AS "agentId", a."name", a."kind", a."capacity",
    a."usedCapacity", a."presence", m."joinOrder", a."lastAssignedAt", m."lastAssignedAt" AS "lastAssignedInQueueAt",
    a."lastReleasedAt"
  FROM "QueueMembership" m JOIN "Agent" a ON a."id" = m."agentId" WHERE m."queueId" = ${queueParam}`;

export const orderBy = (order: MemberOrder) =>
  order.map(([column, direction]) => `m."${column}" ${direction === "asc" ? "ASC NULLS FIRST" : "DESC"}`).join(", ");

export const postgresSql: DialectSql = {
  members: membersFrom("$1"),
  membersInJoinOrder: `${membersFrom("$1")} ORDER BY m."joinOrder" ASC`,
  queueSize: (limit) =>
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM "QueueMembership" WHERE "queueId" = $1 LIMIT ${limit}) AS listed`,
  largeQueue(order, excluded, top) {
    const skip = (next: () => string) =>
      excluded ? `AND m."agentId" NOT IN (${Array.from({ length: excluded }, next).join(", ")})` : "";
    const best = placeholders();
    const identity = placeholders();
    const counts = placeholders();
    return {
      best: `${membersFrom(best())} AND m."routable" AND (m."agentKind" = 'ai' OR m."freeUnits" >= ${best()}) ${skip(best)}
      ORDER BY ${orderBy(order)} LIMIT ${top}`,
      identity: `${membersFrom(identity())} AND m."agentId" IN (${Array.from({ length: excluded }, identity).join(", ")})`,
      counts: `SELECT
        (SELECT COUNT(*) FROM "QueueMembership" m WHERE m."queueId" = ${counts()} AND NOT m."routable" ${skip(counts)}) AS offline,
        (SELECT COUNT(*) FROM "QueueMembership" m
          WHERE m."queueId" = ${counts()} AND m."routable" AND m."agentKind" = 'human' AND m."freeUnits" < ${counts()}
          ${skip(counts)}) AS "full"`,
    };
  },
  waitingIn: (count) => {
    const next = placeholders();
    return `SELECT c."id", c."queueId" FROM "Conversation" c JOIN "Queue" q ON q."id" = c."queueId"
    WHERE c."status" = 'open' AND c."queueId" IN (${Array.from({ length: count }, next).join(", ")})
    ORDER BY q."priority" ASC, c."queuedAt" ASC, c."id" ASC`;
  },
  averageWait: `SELECT AVG(ms)::float8 AS "avgMs" FROM (
      SELECT EXTRACT(EPOCH FROM (a."createdAt" - q."createdAt")) * 1000.0 AS ms
      FROM "Event" a JOIN "Event" q
        ON q."conversationId" = a."conversationId" AND q."type" = 'conversation.queued' AND q."seq" < a."seq"
      WHERE a."type" = 'agent.assigned' AND a."data"->>'queueId' = $1
      ORDER BY a."id" DESC LIMIT 50
    ) AS recent`,
  invariants: {
    "a representative never holds more than their capacity": `
    SELECT "id", "name", "usedCapacity", "capacity" FROM "Agent" WHERE "kind" = 'human' AND "usedCapacity" > "capacity"`,
    "an agent's used capacity equals the units of the conversations it holds": `
    SELECT a."id", a."usedCapacity", COALESCE(SUM(p."units"), 0) AS held
    FROM "Agent" a LEFT JOIN "Participant" p ON p."agentId" = a."id" AND p."leftAt" IS NULL
    GROUP BY a."id" HAVING a."usedCapacity" != COALESCE(SUM(p."units"), 0)`,
    "a conversation is never held by two agents": `
    SELECT "conversationId", COUNT(*) AS holders FROM "Participant" WHERE "leftAt" IS NULL
    GROUP BY "conversationId" HAVING COUNT(*) > 1`,
    "an active or wrap-up conversation is held by its assignee, and by nobody else": `
    SELECT c."id", c."status", c."assigneeId", p."agentId" FROM "Conversation" c
    LEFT JOIN "Participant" p ON p."conversationId" = c."id" AND p."leftAt" IS NULL
    WHERE (c."status" IN ('active', 'wrap_up') AND (p."agentId" IS NULL OR p."agentId" != c."assigneeId"))
       OR (c."status" IN ('open', 'closed') AND p."agentId" IS NOT NULL)`,
    "a waiting conversation has a queue and nobody assigned": `
    SELECT "id" FROM "Conversation"
    WHERE "status" = 'open' AND ("queueId" IS NULL OR "assigneeId" IS NOT NULL OR "queuedAt" IS NULL)`,
    "each timeline is numbered 1..n without gaps": `
    SELECT c."id", c."lastSeq", COUNT(e."id") AS events, MAX(e."seq") AS "maxSeq" FROM "Conversation" c
    LEFT JOIN "Event" e ON e."conversationId" = c."id" GROUP BY c."id"
    HAVING COUNT(e."id") != c."lastSeq" OR COALESCE(MAX(e."seq"), 0) != c."lastSeq"`,
    // Kept by triggers (prisma/postgres/migrations/*_member_routing_copy); a stale copy would rank a queue wrongly.
    "each membership's copy of its agent's routing state is current": `
    SELECT m."queueId", m."agentId" FROM "QueueMembership" m JOIN "Agent" a ON a."id" = m."agentId"
    WHERE m."agentKind" != a."kind"
       OR m."routable" != ((a."kind" = 'ai' AND a."presence" = 'available')
                           OR (a."kind" = 'human' AND a."presence" IN ('available', 'busy')))
       OR m."freeUnits" != a."capacity" - a."usedCapacity"
       OR m."agentLastAssignedAt" IS DISTINCT FROM a."lastAssignedAt"
       OR m."agentLastReleasedAt" IS DISTINCT FROM a."lastReleasedAt"`,
  },
  // A transaction-scoped advisory lock on the key's hash (a collision only serialises two keys that need not be).
  // Selected through a subquery: the adapter cannot read pg_advisory_xact_lock's `void`.
  lockKey: "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS held",
  boot: [],
};
