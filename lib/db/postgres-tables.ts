// A migrated PostgreSQL database's tables, read from its catalogs, in an order that can be filled table by table:
// each after the tables it references. Used by the copy from SQLite (copy-to-postgres.ts), which therefore follows
// the schema the migrations made instead of a list of its own.
import type pg from "pg";

export interface Column {
  name: string;
  /** As PostgreSQL spells it (`format_type`), e.g. `timestamp(3) without time zone`, `jsonb`, `integer`. */
  type: string;
  /** The sequence behind a serial column (the timeline's `Event.id`), else null. */
  sequence: string | null;
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Columns referencing this same table (a queue's overflow queue). */
  selfReferences: string[];
}

/** Every table of the current schema but Prisma's bookkeeping, referenced tables first. */
export async function postgresTables(client: pg.Client): Promise<Table[]> {
  const { rows: columns } = await client.query<{ table: string; column: string; type: string; sequence: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: constraints } = await client.query<{
    table: string;
    kind: "p" | "f";
    referenced: string | null;
    columns: string[];
  }>(
    `SELECT c.relname AS table, con.contype AS kind, r.relname AS referenced,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = con.confrelid
      WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f') AND c.relname <> '_prisma_migrations'`,
  );
  const tables = new Map<string, Table & { references: Set<string> }>();
  for (const row of columns) {
    let table = tables.get(row.table);
    if (!table) {
      table = { name: row.table, columns: [], primaryKey: [], selfReferences: [], references: new Set() };
      tables.set(row.table, table);
    }
    table.columns.push({ name: row.column, type: row.type, sequence: row.sequence });
  }
  for (const constraint of constraints) {
    const table = tables.get(constraint.table);
    if (!table) continue;
    if (constraint.kind === "p") table.primaryKey = constraint.columns;
    else if (constraint.referenced === constraint.table) table.selfReferences.push(...constraint.columns);
    else if (constraint.referenced) table.references.add(constraint.referenced);
  }
  return referencedFirst([...tables.values()]);
}

/** Kahn's order, alphabetical among the tables ready at each step (so the copy's order is stable). */
function referencedFirst(tables: (Table & { references: Set<string> })[]): Table[] {
  const ordered: Table[] = [];
  const done = new Set<string>();
  let rest = tables.sort((a, b) => (a.name < b.name ? -1 : 1));
  while (rest.length > 0) {
    const ready = rest.filter((table) => [...table.references].every((name) => done.has(name)));
    if (ready.length === 0) {
      throw new Error(`Tables referencing each other cannot be filled one by one: ${rest.map((t) => t.name)}`);
    }
    for (const { references: _, ...table } of ready) {
      ordered.push(table);
      done.add(table.name);
    }
    rest = rest.filter((table) => !done.has(table.name));
  }
  return ordered;
}
