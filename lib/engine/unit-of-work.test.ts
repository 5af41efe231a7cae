import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ClaimLostError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/reset-database";
import { installEffects } from "./apply-effects";
import { type Effects, inSqliteTransaction, inTransaction, setAfterCommit } from "./unit-of-work";

const queueRow = (name: string) => ({ name, assignmentMethod: "highest_capacity", priority: 100 }) as const;

beforeEach(() => resetDatabase());
afterEach(() => installEffects()); // as lib/testing/worker-setup.ts left it

describe("[ENGINE] the after-commit seam", () => {
  it("refuses to write, with nothing written, when no entry point registered the after-commit hook", async () => {
    setAfterCommit(undefined);
    const write = () => inTransaction((tx) => tx.queue.create({ data: queueRow("Never written") }));
    await expect(write()).rejects.toThrow(/No after-commit hook: call installEffects\(\)/);
    await expect(inSqliteTransaction(() => 1)).rejects.toThrow(/installEffects/);
    expect(await getDb().queue.count({ where: { name: "Never written" } })).toBe(0);
  });

  it("runs only the effects of the attempt that committed, once, after the commit", async () => {
    const applied: { events: number; queues: string[]; committed: boolean }[] = [];
    setAfterCommit(async (fx: Effects) => {
      const committed = (await getDb().queue.count({ where: { name: "Second attempt" } })) === 1;
      applied.push({ events: fx.events.length, queues: [...fx.queuesChanged], committed });
    });
    let attempt = 0;
    await inTransaction(async (tx, fx) => {
      attempt++;
      fx.queuesChanged.add(`attempt ${attempt}`);
      if (attempt === 1) throw new ClaimLostError("lost the first claim"); // retried from scratch
      await tx.queue.create({ data: queueRow("Second attempt") });
    });
    expect(applied).toEqual([{ events: 0, queues: ["attempt 2"], committed: true }]);
  });

  it("runs no effects when the unit of work fails for good", async () => {
    const applied: Effects[] = [];
    setAfterCommit(async (fx) => {
      applied.push(fx);
    });
    const failing = inTransaction(async (tx, fx) => {
      fx.queuesToServe.add("q");
      await tx.queue.create({ data: queueRow("Rolled back") });
      throw new Error("the use case refused");
    });
    await expect(failing).rejects.toThrow("the use case refused");
    expect(applied).toEqual([]);
    expect(await getDb().queue.count({ where: { name: "Rolled back" } })).toBe(0);
  });
});
