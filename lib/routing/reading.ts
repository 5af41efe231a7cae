/**
 * Reads answered at once or later, so that the assignment path is written ONCE and run two ways
 * (docs/decisions/013-assignment-plans.md):
 *   - synchronously, inside one better-sqlite3 transaction on Prisma's own connection: nothing may yield there, or
 *     another request's query would run on that connection in the middle of the transaction (ADR 003);
 *   - asynchronously, through Prisma (SQLite through its adapter, PostgreSQL).
 * The steps that load, decide and plan are generator functions that `yield*` each read of a `CandidateSource`;
 * `readAtOnce` hands them synchronous answers (and refuses a promise), `readLater` awaits each one. Babel's gensync
 * does the same for its synchronous and asynchronous APIs.
 */

/** What a source returns: the value itself (SQLite, synchronous) or a promise of it (Prisma). */
export type Loaded<T> = T | Promise<T>;

/** A step that reads through a source and returns `T`. */
export type Reading<T> = Generator<Loaded<unknown>, T, unknown>;

/** One read, typed: `const queue = yield* read(source.queue(id))`. */
export function* read<T>(value: Loaded<T>): Generator<Loaded<T>, T, unknown> {
  return (yield value) as T;
}

/** Runs a step whose every read is answered at once; a promise means the wrong source was given. */
export function readAtOnce<T>(reading: Reading<T>): T {
  let step = reading.next();
  while (!step.done) {
    if (step.value instanceof Promise) {
      // Swallow the orphaned promise's rejection; the error below says what went wrong.
      step.value.catch(() => {});
      throw new Error("readAtOnce was given a source that answers later: use readLater");
    }
    step = reading.next(step.value);
  }
  return step.value;
}

/** Runs a step, awaiting each read; a failed read is thrown where the step made it. */
export async function readLater<T>(reading: Reading<T>): Promise<T> {
  let step = reading.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = await step.value;
    } catch (error) {
      step = reading.throw(error);
      continue;
    }
    step = reading.next(answer);
  }
  return step.value;
}
