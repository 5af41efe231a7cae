// Switchboard's hand-written SQL for PostgreSQL: the same statements as lib/db/sql/sqlite.ts, with identifiers quoted
// (Prisma's tables and columns are mixed-case), `$n` placeholders, real booleans, and NULLS FIRST said explicitly
// (PostgreSQL puts NULLs last on ASC: never-assigned agents would silently rank last).
import type { DialectSql, MemberOrder, PlannedWrites } from "./types";

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
  tryLockKey: "SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked",
  // The classic work-queue claim: the earliest due row nobody else has locked, deleted. Several instances' timer
  // loops then split the due timers instead of all reading the same ones and queueing on each row's lock. The outer
  // `dueAt` test repeats the inner one for a row re-armed (moved later) between the two.
  claimDueTimer: `DELETE FROM "Timer" WHERE "id" = (
      SELECT "id" FROM "Timer" WHERE "dueAt" <= $1 ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ) AND "dueAt" <= $1
    RETURNING "id", "conversationId", "kind", "dueAt", "data"`,
  // Per queue, two index probes: Conversation(status, queueId, …) and QueueMembership(queueId, routable, freeUnits…).
  servableQueues: `SELECT q."id" FROM "Queue" q
    WHERE EXISTS (SELECT 1 FROM "Conversation" c WHERE c."status" = 'open' AND c."queueId" = q."id")
      AND EXISTS (SELECT 1 FROM "QueueMembership" m WHERE m."queueId" = q."id" AND m."routable"
                  AND (m."agentKind" = 'ai' OR m."freeUnits" >= q."capacityUnits"))`,
  boot: [],
  knowledge: {
    // Words only (checked by the caller), so the text is a valid tsquery: any of them, stemmed by to_tsquery.
    anyOf: (words) => words.join(" | "),
    // The same expression as the GIN index of migration *_llm_agents, so the planner can use it.
    search: `SELECT c."id" AS "chunkId", c."sourceId", s."title", s."kind", c."text",
        ts_rank(to_tsvector('english', c."text"), q)::float8 AS score
      FROM "KnowledgeChunk" c
      JOIN "KnowledgeSource" s ON s."id" = c."sourceId",
        to_tsquery('english', $1) q
      WHERE to_tsvector('english', c."text") @@ q AND c."agentId" = $2
      ORDER BY score DESC LIMIT $3`,
  },
  planWrites,
};

/** Each written column's type, so every parameter is cast (Prisma passes them untyped). */
const types: Record<string, Record<string, string>> = {
  Conversation: {
    id: "text",
    status: "text",
    queueId: "text",
    assigneeId: "text",
    customerName: "text",
    customerTokenHash: "text",
    topic: "text",
    context: "jsonb",
    handoff: "jsonb",
    transferredFromId: "text",
    viaTransfer: "boolean",
    overflowCount: "int",
    version: "int",
    lastSeq: "int",
    queuedAt: "timestamp(3)",
    createdAt: "timestamp(3)",
    updatedAt: "timestamp(3)",
    closedAt: "timestamp(3)",
  },
  Participant: {
    id: "text",
    conversationId: "text",
    agentId: "text",
    kind: "text",
    queueId: "text",
    units: "int",
    joinedAt: "timestamp(3)",
  },
  Message: {
    id: "text",
    conversationId: "text",
    authorType: "text",
    agentId: "text",
    text: "text",
    createdAt: "timestamp(3)",
  },
  Event: {
    conversationId: "text",
    seq: "int",
    type: "text",
    actorType: "text",
    actorId: "text",
    data: "jsonb",
    createdAt: "timestamp(3)",
  },
};

/**
 * An assignment step's writes after its claim as ONE statement (data-modifying WITH): the conversation's insert or
 * compare-and-set first, and every other write only if it took (`EXISTS (SELECT 1 FROM conversation)`), so a lost race
 * writes nothing the caller must undo before it retries — and no event can collide with one appended meanwhile. The
 * claim stays a statement of its own: ADR 007's trigger on "Agent" rewrites the winner's memberships, and PostgreSQL
 * does not order that against the membership stamp within one statement.
 */
function planWrites(writes: PlannedWrites): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    const encoded =
      value === null || value === undefined
        ? null
        : value instanceof Date
          ? value.toISOString()
          : type === "jsonb"
            ? JSON.stringify(value)
            : value;
    params.push(encoded);
    return `$${params.length}::${type}`;
  };
  const values = (table: string, rows: object[]) => {
    const columns = Object.keys(types[table]);
    const cell = (row: object, column: string) => param((row as Record<string, unknown>)[column], types[table][column]);
    const tuples = rows.map((row) => `(${columns.map((column) => cell(row, column)).join(", ")})`);
    return { columns: columns.map((c) => `"${c}"`).join(", "), tuples: tuples.join(", ") };
  };
  const took = "EXISTS (SELECT 1 FROM conversation)";
  const parts: string[] = [];

  const c = writes.conversation;
  if (c.kind === "insert") {
    const { columns, tuples } = values("Conversation", [c.row]);
    parts.push(`conversation AS (INSERT INTO "Conversation" (${columns}) VALUES ${tuples} RETURNING "id")`);
  } else {
    const set = Object.entries(c.set)
      .map(([column, value]) => `"${column}" = ${param(value, types.Conversation[column])}`)
      .join(", ");
    parts.push(`conversation AS (UPDATE "Conversation" SET ${set}
      WHERE "id" = ${param(c.id, "text")} AND "version" = ${param(c.expected.version, "int")}
        AND "lastSeq" = ${param(c.expected.lastSeq, "int")} RETURNING "id")`);
  }
  const r = writes.release;
  if (r) {
    parts.push(`ended AS (UPDATE "Participant" SET "leftAt" = ${param(r.at, "timestamp(3)")},
      "leftReason" = ${param(r.leftReason, "text")}, "wrapUpPending" = ${param(r.wrapUpPending, "boolean")}
      WHERE "id" = ${param(r.participantId, "text")} AND "leftAt" IS NULL AND ${took} RETURNING "id")`);
    if (r.units > 0) {
      parts.push(`released AS (UPDATE "Agent" SET "usedCapacity" = "usedCapacity" - ${param(r.units, "int")},
        "lastReleasedAt" = ${param(r.at, "timestamp(3)")}, "updatedAt" = ${param(r.at, "timestamp(3)")}
        WHERE "id" = ${param(r.agentId, "text")} AND ${took})`);
    }
  }
  const m = writes.membership;
  if (m) {
    parts.push(`stamped AS (UPDATE "QueueMembership" SET "lastAssignedAt" = ${param(m.at, "timestamp(3)")}
      WHERE "queueId" = ${param(m.queueId, "text")} AND "agentId" = ${param(m.agentId, "text")} AND ${took})`);
  }
  const inserted = (name: string, table: string, rows: object[], returning = "") => {
    const { columns, tuples } = values(table, rows);
    parts.push(`${name} AS (INSERT INTO "${table}" (${columns})
      SELECT * FROM (VALUES ${tuples}) AS v WHERE ${took}${returning})`);
  };
  if (writes.participant) inserted("joined", "Participant", [writes.participant]);
  if (writes.messages.length) inserted("said", "Message", writes.messages);
  if (writes.dropTimers.length) {
    const kinds = writes.dropTimers.map((kind) => param(kind, "text")).join(", ");
    parts.push(`dropped AS (DELETE FROM "Timer"
      WHERE "conversationId" = ${param(writes.conversationId, "text")} AND "kind" IN (${kinds}) AND ${took})`);
  }
  if (writes.events.length) inserted("appended", "Event", writes.events, ` RETURNING "id", "seq"`);

  const ended = r ? `(SELECT COUNT(*) FROM ended)::int` : "1";
  const events = writes.events.length
    ? `COALESCE((SELECT json_agg(json_build_object('id', "id", 'seq', "seq")) FROM appended), '[]'::json)`
    : `'[]'::json`;
  return {
    text: `WITH ${parts.join(",\n")}
      SELECT (SELECT COUNT(*) FROM conversation)::int AS "conversation", ${ended} AS "ended", ${events} AS "events"`,
    params,
  };
}

/**
 * Timeline events by id, in id order: ($1 integer[]). How an instance reads what another published
 * (lib/events/postgres-bus.ts), on the bus's own session with plain pg rather than through Prisma's pool, so live
 * events never wait behind the requests' transactions. `createdAt` is a timestamp without time zone holding UTC (as
 * Prisma writes it); read as timestamptz, pg makes the right Date whatever the process's time zone.
 */
export const eventsByIdSql = `SELECT "id", "conversationId", "seq", "type", "actorType", "actorId", "data",
    "createdAt" AT TIME ZONE 'UTC' AS "createdAt"
  FROM "Event" WHERE "id" = ANY($1::integer[]) ORDER BY "id"`;
