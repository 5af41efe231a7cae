// Bulk seeding with raw better-sqlite3 in one transaction (the engine would take minutes for a million rows).
// Rows are written exactly as Prisma writes them through the better-sqlite3 adapter (ISO 8601 dates with an
// explicit offset, booleans as 0/1, JSON as text), so the engine reads them as its own, and checkInvariants holds.
import { createHash } from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import { newId } from "@/lib/db/ids";
import { storedTime } from "@/lib/db/stored-time";
import { freshDatabase } from "./db";

export interface AgentSpec {
  kind: "human" | "ai";
  capacity: number;
  presence: "available" | "offline" | "busy" | "away" | "do_not_disturb";
  name?: string;
}

export interface Seeded {
  file: string;
  queueId: string;
  queueName: string;
  agentIds: string[];
}

/** Opens a file for seeding: large cache so a big transaction does not spill, WAL as the engine has it. */
export function openForSeeding(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -1000000"); // 1 GB, this connection only
  return db;
}

/** Folds the WAL into the main file so the measured run starts without a seeding-sized WAL behind it. */
export function checkpoint(db: Database.Database): void {
  db.pragma("wal_checkpoint(TRUNCATE)");
}

/** A fresh file with one queue and its members (the first `specs` order is the join order). */
export function seedQueueWithMembers(
  name: string,
  specs: AgentSpec[],
  queue: { method?: string; capacityUnits?: number } = {},
): Seeded {
  const file = freshDatabase(name);
  const db = openForSeeding(file);
  const now = storedTime();
  const queueId = newId();
  const queueName = `Bench ${name}`;
  const agentIds: string[] = [];
  db.transaction(() => {
    db.prepare(
      `INSERT INTO Queue (id, name, assignmentMethod, priority, isDefault, capacityUnits, wrapUpSeconds, overflowAction, createdAt, updatedAt)
       VALUES (?, ?, ?, 100, 1, ?, 120, 'none', ?, ?)`,
    ).run(queueId, queueName, queue.method ?? "highest_capacity", queue.capacityUnits ?? 1, now, now);
    const agent = db.prepare(
      `INSERT INTO Agent (id, name, kind, capacity, usedCapacity, presence, createdAt, updatedAt, botType, faq, surveyQuestions, replyTimeoutMs)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 10000)`,
    );
    const member = db.prepare(
      `INSERT INTO QueueMembership (queueId, agentId, joinOrder, joinedAt) VALUES (?, ?, ?, ?)`,
    );
    specs.forEach((spec, index) => {
      const id = newId();
      const ai = spec.kind === "ai";
      agent.run(
        id,
        spec.name ?? `${ai ? "AI" : "Rep"} ${index + 1}`,
        spec.kind,
        spec.capacity,
        spec.presence,
        now,
        now,
        ai ? "builtin" : null,
        ai ? "[]" : null,
        ai ? "[]" : null,
      );
      member.run(queueId, id, index + 1, now);
      agentIds.push(id);
    });
  })();
  checkpoint(db);
  db.close();
  return { file, queueId, queueName, agentIds };
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * `count` closed conversations, each with its history as the engine leaves it: one participant (left) and four
 * timeline events (started, routed, assigned, closed). Representatives' capacity is untouched (nothing is held).
 */
export function seedClosedHistory(
  file: string,
  queueId: string,
  agentIds: string[],
  count: number,
  onProgress?: (n: number) => void,
) {
  const db = openForSeeding(file);
  const conversation = db.prepare(
    `INSERT INTO Conversation (id, status, queueId, assigneeId, customerName, customerTokenHash, context, viaTransfer,
       overflowCount, version, lastSeq, createdAt, updatedAt, closedAt)
     VALUES (?, 'closed', ?, ?, ?, ?, '{}', 0, 0, 3, 4, ?, ?, ?)`,
  );
  const participant = db.prepare(
    `INSERT INTO Participant (id, conversationId, agentId, kind, queueId, units, joinedAt, leftAt, leftReason)
     VALUES (?, ?, ?, 'human', ?, 1, ?, ?, 'closed')`,
  );
  const event = db.prepare(
    `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.now() - count * 1000; // one a second, ending now
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const agentId = agentIds[i % agentIds.length];
      const t0 = storedTime(new Date(start + i * 1000));
      const t1 = storedTime(new Date(start + i * 1000 + 600_000));
      const name = `Customer ${i}`;
      conversation.run(id, queueId, agentId, name, hash(`seed-${id}`), t0, t1, t1);
      participant.run(newId(), id, agentId, queueId, t0, t1);
      event.run(
        id,
        1,
        "conversation.started",
        "customer",
        null,
        `{"customerName":"${name}","topic":null,"context":{}}`,
        t0,
      );
      event.run(
        id,
        2,
        "conversation.routed",
        "system",
        null,
        `{"queueId":"${queueId}","reason":"entry point names the queue"}`,
        t0,
      );
      event.run(id, 3, "agent.assigned", "system", null, `{"agentId":"${agentId}","via":"queue","units":1}`, t0);
      event.run(id, 4, "conversation.closed", "customer", null, `{"reason":"customer_left"}`, t1);
      if (onProgress && (i + 1) % 100_000 === 0) onProgress(i + 1);
    }
  })();
  checkpoint(db);
  db.close();
}

/**
 * `count` conversations waiting in the queue (status open, oldest first), as routeToQueue leaves them when nobody
 * is eligible: version 1, three events (started, routed, queued).
 */
export function seedWaiting(file: string, queueId: string, queueName: string, count: number): string[] {
  const db = openForSeeding(file);
  const conversation = db.prepare(
    `INSERT INTO Conversation (id, status, queueId, customerName, customerTokenHash, context, viaTransfer,
       overflowCount, version, lastSeq, queuedAt, createdAt, updatedAt)
     VALUES (?, 'open', ?, ?, ?, '{}', 0, 0, 1, 3, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO Event (conversationId, seq, type, actorType, actorId, data, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  const start = Date.now() - count * 10; // 10 ms apart, oldest first
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const at = storedTime(new Date(start + i * 10));
      const name = `Waiting ${i}`;
      conversation.run(id, queueId, name, hash(`wait-${id}`), at, at, at);
      event.run(
        id,
        1,
        "conversation.started",
        "customer",
        null,
        `{"customerName":"${name}","topic":null,"context":{}}`,
        at,
      );
      event.run(
        id,
        2,
        "conversation.routed",
        "system",
        null,
        JSON.stringify({ queueId, queueName, reason: "entry point names the queue", ruleId: null }),
        at,
      );
      event.run(
        id,
        3,
        "conversation.queued",
        "system",
        null,
        JSON.stringify({ queueId, queueName, position: i + 1, explanation: "No one is eligible.", excluded: [] }),
        at,
      );
      ids.push(id);
    }
  })();
  checkpoint(db);
  db.close();
  return ids;
}

/** A byte-for-byte copy of a checkpointed database file under a new name. */
export function copyDatabase(from: string, to: string): string {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.copyFileSync(from, to);
  return to;
}
