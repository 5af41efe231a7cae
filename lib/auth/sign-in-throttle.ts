import { now as clockNow } from "@/lib/clock";
import { lockKey, retriedTransaction, type Tx } from "@/lib/db/transaction";
import { addressBucket } from "@/lib/http/client-address";
import { type SignInLimits, serverLimits } from "@/lib/http/limits";
import { logger } from "@/lib/logger";

/**
 * The sign-in throttle: failed sign-ins are counted per account (the email, whether or not it exists) and per
 * client address. Once an account or an address has used up its free failures, each further failure locks it for
 * twice as long as the last (up to a maximum); while locked, no password is checked at all. Successful sign-ins
 * are never counted, so an office signing in correctly at 9:00 is never locked out by its own numbers.
 *
 * Two details make it hold under attack:
 * - an account's attempt is counted *before* its password is checked (and taken back when it succeeds), so
 *   guesses sent all at once are judged one after another: exactly the free ones get through;
 * - the address is the one the server saw (lib/http/client-address.ts), so a made-up `x-forwarded-for` gains
 *   nothing — and the account's count holds whatever the address.
 */
export interface FailureRecord {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** The lock after the `failures`-th failure: none while free, then the backoff doubling from there. */
export function lockSeconds(failures: number, free: number, limits: SignInLimits): number {
  if (failures < free) return 0;
  return Math.min(limits.backoffMaxSeconds, limits.backoffSeconds * 2 ** Math.min(failures - free, 30));
}

/** Failures are forgotten after a quiet spell — never while a lock still runs. */
export function isForgotten(record: FailureRecord, limits: SignInLimits, at: Date): boolean {
  const quietUntil = record.lastFailureAt.getTime() + limits.forgetAfterSeconds * 1000;
  return at.getTime() >= Math.max(quietUntil, record.lockedUntil?.getTime() ?? 0);
}

/** The record after one more failure at `at`. */
export function withFailure(record: FailureRecord | null, free: number, limits: SignInLimits, at: Date): FailureRecord {
  const failures = (record && !isForgotten(record, limits, at) ? record.failures : 0) + 1;
  const seconds = lockSeconds(failures, free, limits);
  return { failures, lastFailureAt: at, lockedUntil: seconds ? new Date(at.getTime() + seconds * 1000) : null };
}

/** Whole seconds until the lock ends (0: not locked). */
export function secondsLocked(record: FailureRecord | null, at: Date): number {
  const until = record?.lockedUntil?.getTime() ?? 0;
  return until > at.getTime() ? Math.ceil((until - at.getTime()) / 1000) : 0;
}

export interface SignInAttempt {
  /** As typed; null when the request carried no usable email (the endpoint then refuses it as malformed). */
  email: string | null;
  address: string;
}

export type Admission =
  | { admitted: true }
  | { admitted: false; scope: "account" | "address"; retryAfterSeconds: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${addressBucket(address)}`;

const read = async (tx: Tx, key: string): Promise<FailureRecord | null> =>
  tx.signInFailure.findUnique({ where: { key }, select: { failures: true, lastFailureAt: true, lockedUntil: true } });

const write = (tx: Tx, key: string, record: FailureRecord) =>
  tx.signInFailure.upsert({ where: { key }, create: { key, ...record }, update: record });

/**
 * Before the password is checked: refused while the account or the address is locked; otherwise admitted, with
 * the attempt already counted against the account (`settleSignIn` takes it back if it succeeds).
 */
export async function admitSignIn(attempt: SignInAttempt, at: Date = clockNow()): Promise<Admission> {
  const limits = serverLimits().signIn;
  return retriedTransaction(async (tx) => {
    // Read, decide, write: on PostgreSQL concurrent guesses would each read the same count, so they take turns here
    // (SQLite's single writer already serializes them).
    await lockKey(tx, addressKey(attempt.address));
    if (attempt.email) await lockKey(tx, accountKey(attempt.email));
    const address = await read(tx, addressKey(attempt.address));
    const account = attempt.email ? await read(tx, accountKey(attempt.email)) : null;
    const accountWait = secondsLocked(account, at);
    const addressWait = secondsLocked(address, at);
    if (accountWait || addressWait) {
      return {
        admitted: false,
        scope: accountWait >= addressWait ? "account" : "address",
        retryAfterSeconds: Math.max(accountWait, addressWait),
      } as const;
    }
    if (attempt.email) {
      await write(tx, accountKey(attempt.email), withFailure(account, limits.failuresPerAccount, limits, at));
    }
    return { admitted: true } as const;
  });
}

/**
 * After the password was checked. A success clears the account's failures (its counted attempt included); a
 * wrong email or password also counts against the address. Anything else (a malformed request) leaves the
 * account's counted attempt standing: it was an attempt.
 */
export async function settleSignIn(
  attempt: SignInAttempt,
  outcome: "signed_in" | "wrong_credentials" | "refused_otherwise",
  at: Date = clockNow(),
): Promise<void> {
  const limits = serverLimits().signIn;
  if (outcome === "signed_in") {
    if (attempt.email)
      await retriedTransaction((tx) =>
        tx.signInFailure.deleteMany({ where: { key: accountKey(attempt.email as string) } }),
      );
    return;
  }
  if (outcome !== "wrong_credentials") return;
  const { address, account } = await retriedTransaction(async (tx) => {
    const key = addressKey(attempt.address);
    await lockKey(tx, key);
    if (attempt.email) await lockKey(tx, accountKey(attempt.email));
    const address = withFailure(await read(tx, key), limits.failuresPerAddress, limits, at);
    await write(tx, key, address);
    return { address, account: attempt.email ? await read(tx, accountKey(attempt.email)) : null };
  });
  // Logged once the failure is certain (the account's attempt was counted before its password was checked).
  if (secondsLocked(account, at)) locked("account", attempt, account as FailureRecord);
  if (address.lockedUntil) locked("address", attempt, address);
  await forgetOldFailures(limits, at);
}

/** What an operator looking at the logs needs: who was locked, from where, for how long. */
function locked(scope: "account" | "address", attempt: SignInAttempt, record: FailureRecord) {
  logger.warn(
    { scope, email: attempt.email, address: attempt.address, failures: record.failures, until: record.lockedUntil },
    "sign-in locked after repeated failures",
  );
}

let lastSweep = 0;

/** Drops what is forgotten anyway, at most once a minute: made-up emails must not pile up for ever. */
async function forgetOldFailures(limits: SignInLimits, at: Date): Promise<void> {
  if (at.getTime() - lastSweep < 60_000) return;
  lastSweep = at.getTime();
  const quietSince = new Date(at.getTime() - limits.forgetAfterSeconds * 1000);
  await retriedTransaction((tx) =>
    tx.signInFailure.deleteMany({
      where: { lastFailureAt: { lt: quietSince }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }] },
    }),
  );
}
