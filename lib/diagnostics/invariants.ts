import type Database from "better-sqlite3";

/**
 * The routing state's invariants, checked straight in the database (no
 * engine code involved, so the engine cannot vouch for itself). Each query
 * returns the rows that break a rule; an empty result means it holds.
 */
const rules: Record<string, string> = {
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
};

export interface InvariantViolation {
  rule: string;
  rows: unknown[];
}

export function checkInvariants(db: Database.Database): InvariantViolation[] {
  return Object.entries(rules)
    .map(([rule, sql]) => ({ rule, rows: db.prepare(sql).all() }))
    .filter((result) => result.rows.length > 0);
}
