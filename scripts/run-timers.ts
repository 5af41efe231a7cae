import { settleBotDeliveries } from "@/lib/ai-agents/dispatch";
import { now } from "@/lib/clock";
import { databaseUrl, disconnectDb, getDb } from "@/lib/db/client";
import { installEffects } from "@/lib/engine/apply-effects";
import { startBus } from "@/lib/events/start-bus";
import { runDueTimers } from "@/lib/timers/run-due-timers";

/**
 * npx tsx scripts/run-timers.ts
 * Fires every timer due in DATABASE_URL (wrap-ups, silent bots, overflows) until none is due, lets the deliveries
 * they set off finish, and prints `{"fired": n}`. The same engine the server's timer loop runs, without the server:
 * for an operator draining timers after an outage, and for the crash test (lib/timers/timers-crash.test.ts), which
 * runs it with SWITCHBOARD_TEST_CRASH_AT set (lib/diagnostics/crash-point.ts). Safe beside running servers and other
 * copies of itself: on PostgreSQL they split the due timers (docs/decisions/012-timers-and-sweeps-across-instances.md).
 */
const MAX_ROUNDS = 1_000; // a timer that keeps failing is postponed, not retried at once; never loop forever
/** A round that fired nothing while timers are still due: another server holds them; look again shortly. */
const HELD_ELSEWHERE_PAUSE_MS = 50;

async function main() {
  installEffects(); // what a fired timer sets off (deliveries, live events, serving the queue) runs after commit
  // On PostgreSQL, the servers' open streams see what this process writes (LISTEN/NOTIFY), as if a server fired it.
  const bus = await startBus(databaseUrl());
  let fired = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const firedNow = await runDueTimers();
    fired += firedNow;
    const stillDue = await getDb().timer.count({ where: { dueAt: { lte: now() } } });
    if (stillDue === 0) break;
    if (firedNow === 0) await new Promise((resolve) => setTimeout(resolve, HELD_ELSEWHERE_PAUSE_MS));
  }
  await settleBotDeliveries();
  await bus.close();
  await disconnectDb();
  process.stdout.write(`${JSON.stringify({ fired })}\n`);
}

main().catch(async (error) => {
  console.error(error);
  await disconnectDb();
  process.exit(1);
});
