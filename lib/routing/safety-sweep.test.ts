import { beforeEach, describe, expect, it } from "vitest";
import { startConversation } from "@/lib/conversations/start-conversation";
import { databaseUrl, getDb } from "@/lib/db/client";
import { retriedTransaction } from "@/lib/db/transaction";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { DEFAULT_SWEEP_INTERVAL_MS, servableQueueIds, sweepIntervalMs, sweepServableQueues } from "./safety-sweep";

beforeEach(resetDatabase);

const start = (queueId: string, name = "Customer") => startConversation({ customer: { name }, queueId });

/**
 * A change written without its wake-up — what a server killed between its commit and its sweep leaves behind (the
 * multi-server version, with real processes, is lib/routing/sweeps-across-instances.test.ts).
 */
const setPresenceSilently = (agentId: string, presence: string) =>
  retriedTransaction((tx) => tx.agent.update({ where: { id: agentId }, data: { presence } }));

describe("[ROUTING] the safety sweep", () => {
  it("serves a queue whose wake-up was missed, oldest first, as far as capacity goes", async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ presence: "offline", capacity: 2, queues: [queue.id] });
    const waiting = [];
    for (const name of ["First", "Second", "Third"]) waiting.push((await start(queue.id, name)).conversation.id);

    await setPresenceSilently(rep.id, "available");
    expect(await getDb().conversation.count({ where: { status: "open" } })).toBe(3); // nobody woke the queue
    expect(await servableQueueIds()).toEqual([queue.id]);

    expect(await sweepServableQueues()).toBe(1);
    const after = await getDb().conversation.findMany({ where: { id: { in: waiting } } });
    const statusOf = (id: string) => after.find((c) => c.id === id)?.status;
    expect(waiting.map(statusOf)).toEqual(["active", "active", "open"]);
    expect(await servableQueueIds()).toEqual([]); // the one left waits for capacity, as it should
    expect(await checkDatabaseInvariants(databaseUrl())).toEqual([]);
  });

  it("finds only queues where someone waits and a member could take work now", async () => {
    const full = await buildQueue({ name: "Full" });
    const empty = await buildQueue({ name: "Nobody waiting" });
    const bigUnits = await buildQueue({ name: "Needs two units", capacityUnits: 2 });
    const withBot = await buildQueue({ name: "Bot" });
    const fullRep = await buildRep({ capacity: 1, queues: [full.id] });
    await start(full.id); // takes fullRep's only unit
    await start(full.id); // waits
    const spare = await buildRep({ presence: "offline", capacity: 3, queues: [empty.id, bigUnits.id] });
    const oneUnit = await buildRep({ presence: "offline", capacity: 1, queues: [bigUnits.id] });
    await start(bigUnits.id); // waits: nobody available
    const bot = await buildAiAgent({ presence: "offline", queues: [withBot.id] });
    await start(withBot.id); // waits: the bot is off
    expect(await servableQueueIds()).toEqual([]);

    await setPresenceSilently(oneUnit.id, "available"); // one free unit where two are needed: still nothing
    await setPresenceSilently(fullRep.id, "busy"); // busy still takes work, but has no room
    expect(await servableQueueIds()).toEqual([]);

    await setPresenceSilently(bot.id, "available");
    await setPresenceSilently(spare.id, "busy");
    expect((await servableQueueIds()).sort()).toEqual([bigUnits.id, withBot.id].sort());
  });

  it("takes its interval from SWITCHBOARD_SWEEP_INTERVAL_MS: 0 turns it off, anything but a whole number stops the start", () => {
    expect(sweepIntervalMs({})).toBe(DEFAULT_SWEEP_INTERVAL_MS);
    expect(sweepIntervalMs({ SWITCHBOARD_SWEEP_INTERVAL_MS: " 750 " })).toBe(750);
    expect(sweepIntervalMs({ SWITCHBOARD_SWEEP_INTERVAL_MS: "0" })).toBe(0);
    for (const bad of ["-5", "1.5", "5s", "fast"]) {
      expect(() => sweepIntervalMs({ SWITCHBOARD_SWEEP_INTERVAL_MS: bad })).toThrow(/SWITCHBOARD_SWEEP_INTERVAL_MS/);
    }
  });
});
