// The floor: raw better-sqlite3 writing the same rows per assignment as the engine (bench/lib/hot-path-sql.ts),
// one synchronous transaction each, prepared statements, WAL with synchronous=NORMAL (as the server runs).
// It also makes the same decision with the engine's pure routing core, so its event rows carry the same
// explanation. It is run by engine-throughput.ts, interleaved with the engine on copies of the same database.
import { openRaw } from "./lib/db";
import { assignSync, prepareStatements } from "./lib/hot-path-sql";
import { round, type Summary, summarize } from "./lib/stats";

export interface ThroughputResult {
  assignments: number;
  seconds: number;
  perSecond: number;
  latencyMs: Summary;
}

export function runFloor(file: string, queueId: string, seconds: number, warmup: number): ThroughputResult {
  const db = openRaw(file);
  try {
    const statements = prepareStatements(db);
    let n = 0;
    const assign = db.transaction(() => {
      const done = assignSync(statements, { customerName: `Customer ${n}`, queueId });
      if (!done) throw new Error("floor: nobody eligible (capacity too small for the run?)");
    });
    for (let i = 0; i < warmup; i++, n++) assign();
    const latencies: number[] = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    let count = 0;
    for (let t = start; t < end; count++, n++) {
      assign();
      const after = performance.now();
      latencies.push(after - t);
      t = after;
    }
    const elapsed = (performance.now() - start) / 1000;
    return {
      assignments: count,
      seconds: round(elapsed),
      perSecond: Math.round(count / elapsed),
      latencyMs: summarize(latencies),
    };
  } finally {
    db.close();
  }
}
