/**
 * A named point where a test can make this process die as `kill -9` would: no `finally`, no rollback sent, no
 * effects. `SWITCHBOARD_TEST_CRASH_AT=<point>` crashes the first time the point is reached,
 * `<point>:<n>` the n-th time. Unset (always, in production), `crashPoint` is an empty function chosen once at
 * start-up, so the production path only pays for a call that does nothing.
 *
 * Points: `timer-claimed` (lib/timers/run-due-timers.ts: a timer's row is deleted, its action not yet committed;
 * the crash test is lib/timers/timers-crash.test.ts); `waiting-served` (lib/routing/serve-waiting.ts, the general
 * path: a sweep has written a waiting conversation's assignment, not yet committed; lib/routing/sweeps-across-instances.test.ts).
 */
export const crashAtVariable = "SWITCHBOARD_TEST_CRASH_AT";

function crasher(spec: string): (point: string) => void {
  const [name, nth] = spec.split(":");
  let remaining = Number(nth ?? 1);
  return (point) => {
    if (point !== name || --remaining > 0) return;
    process.kill(process.pid, "SIGKILL");
    // SIGKILL to oneself is not caught and ends the process at once; should the kernel take a moment, block here
    // so no further line of JavaScript runs.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}

const spec = process.env[crashAtVariable];
export const crashPoint: (point: string) => void = spec ? crasher(spec) : () => {};
