import { afterEach, describe, expect, it, vi } from "vitest";
import { endConversation } from "@/lib/conversations/end-conversation";
import { startConversation } from "@/lib/conversations/start-conversation";
import { disconnectDb, getDb } from "@/lib/db/client";
import { topics } from "@/lib/events/bus";
import { createPostgresBus, type PostgresBus } from "@/lib/events/postgres-bus";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { killChildren, spawnScript } from "@/lib/testing/child-process";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getEventsById } from "@/lib/timeline/get-events-by-id";
import { agentActor } from "@/lib/timeline/types";

// scripts/run-timers.ts beside running servers on PostgreSQL: what it fires reaches their open streams. The bus here
// plays a server instance; the script is a real process of its own. Runs in the `postgres` project only.
const onPostgres = process.env.SWITCHBOARD_TEST_DIALECT === "postgres";

let server: PostgresBus | null = null;
afterEach(async () => {
  killChildren();
  await server?.close();
  server = null;
});

describe.runIf(onPostgres)("scripts/run-timers.ts on PostgreSQL", () => {
  it("publishes what it fires across instances: a server's subscriber sees the wrap-up end", async () => {
    await resetDatabase();
    const queue = await buildQueue({ name: "Wrap-ups", wrapUpSeconds: 60 });
    const rep = await buildRep({ name: "Rep", capacity: 1, queues: [queue.id] });
    const { conversation } = await startConversation({ customer: { name: "C" }, queueId: queue.id });
    await endConversation({ conversationId: conversation.id, actor: agentActor(rep.id) });
    await getDb().timer.updateMany({ data: { dueAt: new Date(Date.now() - 1_000) } });
    await disconnectDb(); // the script owns the database from here

    server = createPostgresBus({ url: process.env.DATABASE_URL as string, loadEvents: getEventsById });
    await server.start();
    const seen: string[] = [];
    server.subscribe(topics.conversation(conversation.id), (event) => seen.push((event as { type: string }).type));

    const result = await spawnScript("scripts/run-timers.ts").exited;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ fired: 1 });
    // Sent before the script exited (its bus flushes on close); delivered here as soon as this session reads it.
    await vi.waitFor(() => expect(seen).toContain("conversation.closed"), { timeout: 10_000 });
  }, 60_000);
});
