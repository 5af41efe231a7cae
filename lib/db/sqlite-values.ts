// What SQLite holds, turned into what a PostgreSQL column of a given type takes (as text PostgreSQL parses with the
// column's own input function; the copy casts each batch to the column's type). SQLite's side, as Prisma's
// better-sqlite3 adapter writes it: DateTime as ISO text (lib/db/stored-time.ts) — or CURRENT_TIMESTAMP's
// `YYYY-MM-DD HH:MM:SS` (UTC) from a column default, or milliseconds from an older adapter —, Boolean as 0/1, Json as
// its text. Integers arrive as bigint (the copy reads with safe integers) and go as their exact digits.
import type { Column } from "./postgres-tables";

type Convert = (value: unknown, row: Record<string, unknown>) => unknown;

const zoneless = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/;

export function converterFor(table: string, column: Column): Convert {
  const where = (row: Record<string, unknown>) => `${table}.${column.name}${"id" in row ? ` (id ${row.id})` : ""}`;
  const type = column.type;
  if (type === "boolean") {
    return (value, row) => {
      if (value === null) return null;
      if (value === 0n || value === 1n || value === 0 || value === 1) return Number(value) === 1;
      throw new Error(`${where(row)}: ${String(value)} is not a boolean (0 or 1)`);
    };
  }
  if (type.startsWith("timestamp") || type === "date")
    return (value, row) => (value === null ? null : time(value, row));
  if (type === "bytea") {
    return (value) => (value === null ? null : `\\x${Buffer.from(value as Uint8Array).toString("hex")}`);
  }
  // Numbers, text and JSON: their text. (A Json column has NUMERIC affinity in SQLite, so a JSON number may have come
  // back as one; its digits are the same JSON.)
  return (value, row) => {
    if (value === null) return null;
    const text = typeof value === "string" ? value : String(value);
    // PostgreSQL stores no U+0000 in text or jsonb (the server refuses it since; an older database may hold one).
    if (text.includes("\u0000")) {
      throw new Error(
        `${where(row)} holds a NUL character (U+0000), which PostgreSQL cannot store: remove it in the SQLite ` +
          `database first, e.g. UPDATE "${table}" SET "${column.name}" = replace("${column.name}", char(0), '')`,
      );
    }
    return text;
  };

  function time(value: unknown, row: Record<string, unknown>): string {
    const text = String(value);
    const date =
      typeof value === "bigint" || typeof value === "number"
        ? new Date(Number(value))
        : // No zone (CURRENT_TIMESTAMP's form): SQLite's times are UTC.
          new Date(zoneless.test(text) ? `${text.replace(" ", "T")}Z` : text);
    if (Number.isNaN(date.getTime())) throw new Error(`${where(row)}: ${text} is not a time`);
    // Prisma keeps UTC in PostgreSQL's `timestamp(3)` (without time zone): the ISO text without its Z, which
    // PostgreSQL would otherwise ignore there anyway. A `with time zone` column keeps it.
    const iso = date.toISOString();
    return type.includes("with time zone") ? iso : iso.replace("Z", "");
  }
}
