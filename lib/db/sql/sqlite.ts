// Switchboard's hand-written SQL for SQLite. Identifiers unquoted (SQLite is case-insensitive about them), `?`
// placeholders, booleans as 0/1. The synchronous assignment path (ADR 013) prepares the same texts.
import type { DialectSql, MemberOrder } from "./types";

const members = `SELECT a.id AS agentId, a.name, a.kind, a.capacity, a.usedCapacity, a.presence, m.joinOrder,
    a.lastAssignedAt, m.lastAssignedAt AS lastAssignedInQueueAt, a.lastReleasedAt
  FROM QueueMembership m JOIN Agent a ON a.id = m.agentId WHERE m.queueId = ?`;

/** NULLS FIRST is SQLite's own order for ASC; said anyway, so the two dialects read alike (the index still serves). */
export const orderBy = (order: MemberOrder) =>
  order.map(([column, direction]) => `m.${column} ${direction === "asc" ? "ASC NULLS FIRST" : "DESC"}`).join(", ");

const membersInJoinOrder = `${members} ORDER BY m.joinOrder ASC`;

export const sqliteSql: DialectSql = {
  members,
  membersInJoinOrder,
  queueSize: (limit) => `SELECT COUNT(*) AS n FROM (SELECT 1 FROM QueueMembership WHERE queueId = ? LIMIT ${limit})`,
  largeQueue(order, excluded, top) {
    const marks = Array.from({ length: excluded }, () => "?").join(", ");
    const skip = excluded ? `AND m.agentId NOT IN (${marks})` : "";
    return {
      best: `${members} AND m.routable = 1 AND (m.agentKind = 'ai' OR m.freeUnits >= ?) ${skip}
      ORDER BY ${orderBy(order)} LIMIT ${top}`,
      identity: `${members} AND m.agentId IN (${marks})`,
      counts: `SELECT
        (SELECT COUNT(*) FROM QueueMembership m WHERE m.queueId = ? AND m.routable = 0 ${skip}) AS offline,
        (SELECT COUNT(*) FROM QueueMembership m
          WHERE m.queueId = ? AND m.routable = 1 AND m.agentKind = 'human' AND m.freeUnits < ? ${skip}) AS full`,
    };
  },
  waitingIn: (count) => `SELECT c.id, c.queueId FROM Conversation c JOIN Queue q ON q.id = c.queueId
    WHERE c.status = 'open' AND c.queueId IN (${Array.from({ length: count }, () => "?").join(", ")})
    ORDER BY q.priority ASC, c.queuedAt ASC, c.id ASC`,
  averageWait: `SELECT AVG(ms) AS avgMs FROM (
      SELECT (julianday(a.createdAt) - julianday(q.createdAt)) * 86400000.0 AS ms
      FROM Event a JOIN Event q ON q.conversationId = a.conversationId AND q.type = 'conversation.queued' AND q.seq < a.seq
      WHERE a.type = 'agent.assigned' AND json_extract(a.data, '$.queueId') = ?
      ORDER BY a.id DESC LIMIT 50
    )`,
  invariants: {
    "a representative never holds more than their capacity": `
    SELECT id, name, usedCapacity, capacity FROM Agent WHERE kind = 'human' AND usedCapacity > capacity`,
    "an agent's used capacity equals the units of the conversations it holds": `
    SELECT a.id, a.usedCapacity, COALESCE(SUM(p.units), 0) AS held
    FROM Agent a LEFT JOIN Participant p ON p.agentId = a.id AND p.leftAt IS NULL
    GROUP BY a.id HAVING a.usedCapacity != COALESCE(SUM(p.units), 0)`,
    "a conversation is never held by two agents": `
    SELECT conversationId, COUNT(*) AS holders FROM Participant WHERE leftAt IS NULL
    GROUP BY conversationId HAVING COUNT(*) > 1`,
    "an active or wrap-up conversation is held by its assignee, and by nobody else": `
    SELECT c.id, c.status, c.assigneeId, p.agentId FROM Conversation c
    LEFT JOIN Participant p ON p.conversationId = c.id AND p.leftAt IS NULL
    WHERE (c.status IN ('active', 'wrap_up') AND (p.agentId IS NULL OR p.agentId != c.assigneeId))
       OR (c.status IN ('open', 'closed') AND p.agentId IS NOT NULL)`,
    "a waiting conversation has a queue and nobody assigned": `
    SELECT id FROM Conversation WHERE status = 'open' AND (queueId IS NULL OR assigneeId IS NOT NULL OR queuedAt IS NULL)`,
    "each timeline is numbered 1..n without gaps": `
    SELECT c.id, c.lastSeq, COUNT(e.id) AS events, MAX(e.seq) AS maxSeq FROM Conversation c
    LEFT JOIN Event e ON e.conversationId = c.id GROUP BY c.id
    HAVING COUNT(e.id) != c.lastSeq OR COALESCE(MAX(e.seq), 0) != c.lastSeq`,
    // Kept by triggers (docs/decisions/007-member-routing-copy.md); a stale copy would rank a queue wrongly.
    "each membership's copy of its agent's routing state is current": `
    SELECT m.queueId, m.agentId FROM QueueMembership m JOIN Agent a ON a.id = m.agentId
    WHERE m.agentKind != a.kind
       OR m.routable != ((a.kind = 'ai' AND a.presence = 'available')
                         OR (a.kind = 'human' AND a.presence IN ('available', 'busy')))
       OR m.freeUnits != a.capacity - a.usedCapacity
       OR m.agentLastAssignedAt IS NOT a.lastAssignedAt
       OR m.agentLastReleasedAt IS NOT a.lastReleasedAt`,
  },
  lockKey: null,
  tryLockKey: null,
  claimDueTimer: null,
  servableQueues: `SELECT q.id FROM Queue q
    WHERE EXISTS (SELECT 1 FROM Conversation c WHERE c.status = 'open' AND c.queueId = q.id)
      AND EXISTS (SELECT 1 FROM QueueMembership m WHERE m.queueId = q.id AND m.routable = 1
                  AND (m.agentKind = 'ai' OR m.freeUnits >= q.capacityUnits))`,
  // WAL is persistent (set by the migrator); synchronous=NORMAL is per connection and safe in WAL mode.
  boot: ["PRAGMA synchronous = NORMAL"],
  knowledge: {
    // Each word quoted (FTS5 syntax such as AND, NEAR or a column filter cannot come in through it), any of them.
    anyOf: (words) => words.map((word) => `"${word}"`).join(" OR "),
    // bm25: lower is better. The agent filter applies to the index's matches (a chunk row per match).
    search: `SELECT c.id AS chunkId, c.sourceId, s.title, s.kind, c.text, bm25(KnowledgeChunkFts) AS score
      FROM KnowledgeChunkFts f
      JOIN KnowledgeChunk c ON c.id = f.rowid
      JOIN KnowledgeSource s ON s.id = c.sourceId
      WHERE KnowledgeChunkFts MATCH ? AND c.agentId = ?
      ORDER BY score ASC LIMIT ?`,
  },
  // No data-modifying WITH in SQLite; each write is in-process anyway (no round trip to save).
  planWrites: null,
};

/** A conversation's columns, in the order `insertConversation` binds them. */
export const conversationColumns = [
  "id",
  "status",
  "queueId",
  "assigneeId",
  "customerName",
  "customerTokenHash",
  "topic",
  "context",
  "handoff",
  "transferredFromId",
  "viaTransfer",
  "overflowCount",
  "version",
  "lastSeq",
  "queuedAt",
  "createdAt",
  "updatedAt",
  "closedAt",
] as const;

/** What `compareAndSetConversation` writes, in the order it binds them; then (id, expected version, expected lastSeq). */
export const conversationSetColumns = [
  "status",
  "queueId",
  "assigneeId",
  "handoff",
  "transferredFromId",
  "viaTransfer",
  "queuedAt",
  "overflowCount",
  "closedAt",
  "version",
  "lastSeq",
  "updatedAt",
] as const;

/**
 * The synchronous assignment path's statements (docs/decisions/013-assignment-plans.md): what
 * lib/routing/sqlite-source.ts reads and lib/routing/apply-plan-sqlite.ts writes, prepared once per connection.
 * Rows are stored exactly as Prisma's adapter stores them (lib/db/sqlite-rows.ts).
 */
export const sqliteAssignmentSql = {
  // Reads (the CandidateSource port).
  queue: "SELECT * FROM Queue WHERE id = ?",
  // findFirst({ where: { isDefault: true } }) on Prisma.
  defaultQueue: "SELECT * FROM Queue WHERE isDefault = 1 LIMIT 1",
  routingRules: "SELECT id, name, position, queueId, conditions FROM RoutingRule",
  conversation: "SELECT * FROM Conversation WHERE id = ?",
  agent: "SELECT * FROM Agent WHERE id = ?",
  membersInJoinOrder,
  membership: "SELECT joinOrder, lastAssignedAt FROM QueueMembership WHERE queueId = ? AND agentId = ?",
  aiAgentsThatHandled: "SELECT DISTINCT agentId FROM Participant WHERE conversationId = ? AND kind = 'ai'",
  openParticipation: `SELECT p.id, p.agentId, p.units, a.name AS agentName, a.kind AS agentKind
    FROM Participant p JOIN Agent a ON a.id = p.agentId WHERE p.conversationId = ? AND p.leftAt IS NULL LIMIT 1`,
  queuesOf: "SELECT queueId FROM QueueMembership WHERE agentId = ? ORDER BY joinedAt ASC",

  // Writes (an AssignmentPlan).
  claimRepresentative: `UPDATE Agent SET usedCapacity = usedCapacity + ?, lastAssignedAt = ?, updatedAt = ?
    WHERE id = ? AND capacity = ? AND usedCapacity <= ?`,
  stampAiAgent: "UPDATE Agent SET lastAssignedAt = ?, updatedAt = ? WHERE id = ?",
  releaseCapacity: "UPDATE Agent SET usedCapacity = usedCapacity - ?, lastReleasedAt = ?, updatedAt = ? WHERE id = ?",
  endParticipation:
    "UPDATE Participant SET leftAt = ?, leftReason = ?, wrapUpPending = ? WHERE id = ? AND leftAt IS NULL",
  stampMembership: "UPDATE QueueMembership SET lastAssignedAt = ? WHERE queueId = ? AND agentId = ?",
  insertConversation: `INSERT INTO Conversation (${conversationColumns.join(", ")})
    VALUES (${conversationColumns.map(() => "?").join(", ")})`,
  compareAndSetConversation: `UPDATE Conversation SET ${conversationSetColumns.map((c) => `${c} = ?`).join(", ")}
    WHERE id = ? AND version = ? AND lastSeq = ?`,
  insertParticipant: `INSERT INTO Participant (id, conversationId, agentId, kind, queueId, units, joinedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  insertMessage: `INSERT INTO Message (id, conversationId, authorType, agentId, text, createdAt)
    VALUES (?, ?, ?, ?, ?, ?)`,
  dropTimer: "DELETE FROM Timer WHERE conversationId = ? AND kind = ?",
  insertEvent: `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
} as const;
