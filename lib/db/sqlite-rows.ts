import { storedTime } from "./stored-time";

/**
 * How Prisma's better-sqlite3 adapter stores the columns that are not plain text, per model — for the rows the
 * synchronous assignment path (docs/decisions/013-assignment-plans.md) reads and writes beside Prisma. Both
 * directions live here and nowhere else, so a row read raw looks exactly as Prisma would return it, and a row
 * written raw is stored exactly as Prisma would store it (the parity test compares them column by column).
 * INTEGER columns come back as bigint (the adapter's connection has safe integers on).
 */
interface Columns {
  dates?: readonly string[];
  json?: readonly string[];
  booleans?: readonly string[];
  integers?: readonly string[];
}

export const sqliteColumns = {
  Queue: {
    dates: ["createdAt", "updatedAt"],
    booleans: ["isDefault"],
    integers: ["priority", "capacityUnits", "wrapUpSeconds", "overflowAfterSeconds"],
  },
  Agent: {
    dates: ["lastAssignedAt", "lastReleasedAt", "createdAt", "updatedAt"],
    json: ["faq", "surveyQuestions"],
    integers: ["capacity", "usedCapacity", "replyTimeoutMs"],
  },
  Conversation: {
    dates: ["queuedAt", "createdAt", "updatedAt", "closedAt"],
    json: ["context", "handoff"],
    booleans: ["viaTransfer"],
    integers: ["overflowCount", "version", "lastSeq"],
  },
  RoutingRule: { dates: ["createdAt"], json: ["conditions"], integers: ["position"] },
} as const satisfies Record<string, Columns>;

export type SqliteModel = keyof typeof sqliteColumns;

/** A row as better-sqlite3 returns it → the object Prisma would return for it. */
export function fromSqliteRow<T>(model: SqliteModel, row: Record<string, unknown>): T {
  const columns: Columns = sqliteColumns[model];
  const out: Record<string, unknown> = { ...row };
  for (const key of columns.dates ?? []) out[key] = row[key] == null ? null : new Date(row[key] as string);
  for (const key of columns.json ?? []) out[key] = row[key] == null ? null : JSON.parse(row[key] as string);
  for (const key of columns.booleans ?? []) out[key] = Number(row[key]) !== 0;
  for (const key of columns.integers ?? []) out[key] = row[key] == null ? null : Number(row[key]);
  return out as T;
}

/** One value as the adapter stores it: times as ISO text (storedTime), booleans as 0/1, JSON as text. */
export function toSqliteValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return storedTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}
