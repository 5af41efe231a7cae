// `DATABASE_URL=file:… npx tsx lib/testing/seed-copy-source.ts`: a SQLite database as a running Switchboard leaves
// it, written through the engine (the SQLite fast path included), for the copy to PostgreSQL to move
// (copy-to-postgres.test.ts): the demo (queues, agents, staff accounts), an API key, and conversations that were
// assigned, messaged, transferred to an AI agent, ended into wrap-up, left waiting (overflow timers) and closed —
// then one closed conversation deleted, as a retention clean-up would, so SQLite's AUTOINCREMENT counter is past the
// timeline's highest id. A process of its own: the test's engine is on PostgreSQL.
import Database from "better-sqlite3";
import { issueApiKey } from "@/lib/auth/create-staff-account";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { endConversation } from "@/lib/conversations/end-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { databaseUrl, disconnectDb, getDb } from "@/lib/db/client";
import { resolveDatabaseFile } from "@/lib/db/migrate";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { seedDemo } from "@/lib/demo/seed-demo";
import { installEffects } from "@/lib/engine/apply-effects";
import { updateQueue } from "@/lib/queues/save-queue";
import { agentActor, customerActor } from "@/lib/timeline/types";
import { buildAiAgent, buildQueue, buildRep } from "./builders";

async function main() {
  const url = databaseUrl();
  await migrateDatabase(url);
  installEffects();
  await seedDemo();
  const admin = await getDb().user.findFirstOrThrow({ where: { role: "admin" } });
  await issueApiKey(admin.id, "automation");

  // Two queues overflowing into each other (a reference each way), with wrap-up and overflow long enough to stay.
  const spare = await buildQueue({ name: "Copy spare" });
  const main = await buildQueue({
    name: "Copy main",
    wrapUpSeconds: 600,
    overflowAfterSeconds: 900,
    overflowAction: "transfer",
    overflowQueueId: spare.id,
  });
  await updateQueue(spare.id, { overflowAfterSeconds: 900, overflowAction: "transfer", overflowQueueId: main.id });
  await buildRep({ name: "Copy Riley", capacity: 2, queues: [main.id] });
  await buildRep({ name: "Copy Sam", capacity: 1, queues: [main.id] });
  await buildAiAgent({ name: "Copy Sky", greeting: "Hi {name}, Sky here.", queues: [spare.id] });

  const started = [];
  for (let i = 0; i < 6; i++) {
    const { conversation } = await startConversation({
      customer: { name: `Customer ${i}` },
      topic: i % 2 ? "billing" : "orders",
      context: { orderId: `A-${1000 + i}`, vip: i === 0, tags: ["copy", i] },
      queueId: main.id,
    });
    started.push(conversation);
  }
  const [first, second, third, ...waiting] = started; // Riley holds two, Sam one; three wait
  for (const conversation of [first, second, third]) {
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Where is my order? ✓ ünïcode" });
    const holder = conversation.assignee?.id ?? "";
    await postMessage({ conversationId: conversation.id, actor: agentActor(holder), text: "Looking into it." });
  }
  // Riley hands one to the AI agent's queue: Riley frees up and takes a waiting one.
  await transferConversation({
    conversationId: first.id,
    actor: agentActor(first.assignee?.id ?? ""),
    target: { queueId: spare.id },
    note: "Asked about returns",
  });
  // Its holder finishes: wrap-up, with its timer.
  await endConversation({ conversationId: third.id, actor: agentActor(third.assignee?.id ?? ""), notes: "Solved" });
  await closeConversation({ conversationId: waiting[2].id, actor: customerActor });
  // One more that is closed and then deleted: its events had the highest ids.
  const { conversation: gone } = await startConversation({ customer: { name: "Gone" }, queueId: main.id });
  await closeConversation({ conversationId: gone.id, actor: customerActor });
  await disconnectDb();

  const db = new Database(resolveDatabaseFile(url));
  db.pragma("foreign_keys = ON");
  db.prepare("DELETE FROM Conversation WHERE id = ?").run(gone.id);
  db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
