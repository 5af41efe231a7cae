import { logger } from "@/lib/logger";
import { runDueTimers } from "./run-due-timers";

/** Polls for due timers. One loop per server process; ticks never overlap. */
export function startTimerLoop(intervalMs = Number(process.env.TIMER_INTERVAL_MS ?? 250)): () => void {
  let busy = false;
  const handle = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await runDueTimers();
    } catch (error) {
      logger.error({ err: error }, "timer loop failed");
    } finally {
      busy = false;
    }
  }, intervalMs);
  handle.unref();
  return () => clearInterval(handle);
}
