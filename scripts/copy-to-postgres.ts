// npx tsx scripts/copy-to-postgres.ts --from file:./data/switchboard.db --to postgresql://user@host:5432/switchboard
//
// Moving up from SQLite (README, "Moving from SQLite to PostgreSQL"): copies every table into an EMPTY PostgreSQL
// database — migrated first, then filled in one transaction, sequences continued — and checks the copy: rows per
// table, then the invariant checker on the copy. Exit codes: 0 copied and checked; 2 refused (bad arguments, a
// non-empty target, a source not up to date: nothing changed); 1 failed (rolled back: the target is empty again, run
// the same command again once the cause is fixed); 3 copied but an invariant fails on the copy.
import { parseArgs } from "node:util";
import { CopyRefusedError, copySqliteToPostgres } from "@/lib/db/copy-to-postgres";
import { DatabaseUrlError } from "@/lib/db/dialect";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";

const usage =
  "usage: npx tsx scripts/copy-to-postgres.ts --from file:./data/switchboard.db --to postgresql://user@host:5432/db";

/** A URL for the terminal: the password never. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:…@");

async function main(): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  try {
    ({
      values: { from, to },
    } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!from || !to) {
    console.error(usage);
    return 2;
  }
  console.log(`Copying ${from} into ${shown(to)} …`);
  const started = performance.now();
  let lastLine = 0;
  const report = await copySqliteToPostgres({
    from,
    to,
    onProgress(table, copied, total) {
      // A line per table, and every few seconds on a long one.
      if (copied === total || performance.now() - lastLine > 5_000) {
        lastLine = performance.now();
        console.log(`  ${table}: ${copied} of ${total} rows`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (report.migrated.length > 0) console.log(`Migrated the target first: ${report.migrated.join(", ")}.`);
  const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
  console.log(`\nCopied ${rows} rows in ${seconds.toFixed(1)} s. Rows per table (SQLite → PostgreSQL):`);
  const width = Math.max(...report.tables.map((t) => t.table.length));
  for (const t of report.tables) console.log(`  ${t.table.padEnd(width)}  ${t.source} → ${t.target}`);
  for (const s of report.sequences) console.log(`Sequence of ${s.table}.${s.column} continues after ${s.lastValue}.`);

  const violations = await checkDatabaseInvariants(to);
  if (violations.length > 0) {
    console.error(`\nThe copy breaks ${violations.length} invariant(s):`);
    for (const v of violations) console.error(`  ${v.rule}: ${JSON.stringify(v.rows.slice(0, 5))}`);
    return 3;
  }
  console.log("Invariants hold on the copy. Point DATABASE_URL at it (and set BETTER_AUTH_SECRET) to serve from it.");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const refused = error instanceof CopyRefusedError || error instanceof DatabaseUrlError;
    console.error(
      refused
        ? `Refused: ${error.message}`
        : `The copy failed and was rolled back (the target holds no rows; fix the cause and run the same command again): ${error instanceof Error ? error.message : error}`,
    );
    process.exitCode = refused ? 2 : 1;
  },
);
