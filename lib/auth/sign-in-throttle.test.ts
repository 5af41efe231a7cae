import { describe, expect, test } from "vitest";
import { getDb } from "@/lib/db/client";
import { serverLimits } from "@/lib/http/limits";
import { admitSignIn, lockSeconds, settleSignIn } from "./sign-in-throttle";

const limits = serverLimits().signIn; // the defaults: 5 per account, 50 per address, 30 s doubling to 900 s, 1 h
const t0 = new Date("2026-12-01T09:00:00Z");
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
let n = 0;
const email = () => `person-${++n}@example.test`;
const address = () => `198.51.100.${++n % 250}`;

/** One wrong guess, start to end. */
async function wrongGuess(attempt: { email: string; address: string }, at: Date) {
  const admission = await admitSignIn(attempt, at);
  if (admission.admitted) await settleSignIn(attempt, "wrong_credentials", at);
  return admission;
}

describe("[SIGN-IN] throttle", () => {
  test("five failures are free, then each locks twice as long as the last, up to 15 minutes", () => {
    const free = limits.failuresPerAccount;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40].map((f) => lockSeconds(f, free, limits))).toEqual([
      0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  test("guesses sent all at once are judged one after another: exactly the free ones get through", async () => {
    const victim = email();
    const admissions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => admitSignIn({ email: victim, address: `203.0.113.${i + 1}` }, t0)),
    );
    expect(admissions.filter((a) => a.admitted)).toHaveLength(5);
    expect(admissions.filter((a) => !a.admitted)).toEqual(
      Array(35).fill({ admitted: false, scope: "account", retryAfterSeconds: 30 }),
    );
  });

  test("a new address for every guess gains nothing: the account's count holds", async () => {
    const victim = email();
    for (let i = 0; i < 5; i++)
      expect((await wrongGuess({ email: victim, address: address() }, t0)).admitted).toBe(true);
    expect(await wrongGuess({ email: victim, address: address() }, later(1))).toEqual({
      admitted: false,
      scope: "account",
      retryAfterSeconds: 29,
    });
    // Waited out: one more guess is checked, and its failure locks for twice as long.
    expect((await wrongGuess({ email: victim, address: address() }, later(30))).admitted).toBe(true);
    expect(await admitSignIn({ email: victim, address: address() }, later(31))).toMatchObject({
      retryAfterSeconds: 59,
    });
  });

  test("a correct sign-in is never counted and clears the account's failures", async () => {
    const person = email();
    const office = address();
    for (let i = 0; i < 4; i++) await wrongGuess({ email: person, address: office }, t0);
    expect((await admitSignIn({ email: person, address: office }, t0)).admitted).toBe(true);
    await settleSignIn({ email: person, address: office }, "signed_in", t0);
    expect(await getDb().signInFailure.findUnique({ where: { key: `account:${person}` } })).toBeNull();
    // An office signing in correctly all morning: nothing is counted against its address.
    for (let i = 0; i < 50; i++) {
      const colleague = { email: email(), address: office };
      expect((await admitSignIn(colleague, t0)).admitted).toBe(true);
      await settleSignIn(colleague, "signed_in", t0);
    }
    const counted = await getDb().signInFailure.findUnique({ where: { key: `address:${office}` } });
    expect(counted?.failures).toBe(4);
  });

  test("an address that fails against many accounts is locked for all of them; another address is not", async () => {
    const sprayer = address();
    for (let i = 0; i < limits.failuresPerAddress; i++) {
      expect((await wrongGuess({ email: email(), address: sprayer }, t0)).admitted).toBe(true);
    }
    expect(await admitSignIn({ email: email(), address: sprayer }, t0)).toEqual({
      admitted: false,
      scope: "address",
      retryAfterSeconds: 30,
    });
    expect((await admitSignIn({ email: email(), address: address() }, t0)).admitted).toBe(true);
  });

  test("failures are forgotten after an hour without another", async () => {
    const person = email();
    for (let i = 0; i < 4; i++) await wrongGuess({ email: person, address: address() }, t0);
    // An hour and a second later, the count starts again: five more are free.
    for (let i = 0; i < 5; i++) {
      expect((await wrongGuess({ email: person, address: address() }, later(3601))).admitted).toBe(true);
    }
    expect((await admitSignIn({ email: person, address: address() }, later(3602))).admitted).toBe(false);
  });
});
