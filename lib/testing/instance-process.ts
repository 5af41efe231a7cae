import { setPresence } from "@/lib/agents/set-presence";
import { updateAgent } from "@/lib/agents/update-agent";
import { settleBotDeliveries } from "@/lib/ai-agents/dispatch";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { disconnectDb } from "@/lib/db/client";
import { applyEffects } from "@/lib/engine/apply-effects";
import { setAfterCommit } from "@/lib/engine/unit-of-work";
import { startSafetySweep } from "@/lib/routing/safety-sweep";
import type { Presence } from "@/lib/routing/types";
import { customerActor } from "@/lib/timeline/types";
import { startTimerLoop } from "@/lib/timers/scheduler";

/**
 * One server instance without its HTTP front, for the tests that run several on one database
 * (lib/routing/sweeps-across-instances.test.ts): the engine, its after-commit effects (so its own changes wake its
 * own sweeps), the timer loop and the safety sweep, as lib/boot.ts starts them. It makes the changes it is given in
 * INSTANCE_OPS (JSON) all at once, as concurrent requests would, then keeps running until its stdin closes.
 *
 * It reports on stdout, one JSON line each, written synchronously (a pipe on Linux), so what a test reads survives a
 * SIGKILL: `{"ready":true}`; `{"assigned":{conversationId,agentId}}` for every assignment it COMMITTED, written after
 * the commit and before anything else happens; `{"ack":i}` / `{"refused":i,"code":…}` as each change returns;
 * `{"opsDone":true}`; and `{"exit":{"assigned":n}}` last.
 */
export type InstanceOp =
  | { op: "presence"; agentId: string; presence: Presence }
  | { op: "capacity"; agentId: string; capacity: number }
  | { op: "leave"; conversationId: string };

const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

function perform(op: InstanceOp): Promise<unknown> {
  switch (op.op) {
    case "presence":
      return setPresence(op.agentId, op.presence);
    case "capacity":
      return updateAgent(op.agentId, { capacity: op.capacity });
    case "leave":
      return closeConversation({ conversationId: op.conversationId, actor: customerActor });
  }
}

async function main() {
  let assigned = 0;
  setAfterCommit(async (fx) => {
    for (const event of fx.events) {
      if (event.type !== "agent.assigned") continue;
      assigned++;
      say({ assigned: { conversationId: event.conversationId, agentId: (event.data as { agentId: string }).agentId } });
    }
    await applyEffects(fx);
  });
  const stopTimers = startTimerLoop();
  const stopSweeps = startSafetySweep();
  const finished = new Promise<void>((resolve) => {
    process.stdin.on("end", resolve);
    process.stdin.resume();
  });
  say({ ready: true });

  const ops = JSON.parse(process.env.INSTANCE_OPS ?? "[]") as InstanceOp[];
  await Promise.all(
    ops.map((op, i) =>
      perform(op).then(
        () => say({ ack: i }),
        (error: { code?: string; message?: string }) => say({ refused: i, code: error.code ?? error.message }),
      ),
    ),
  );
  say({ opsDone: true });

  await finished;
  stopTimers();
  stopSweeps();
  await settleBotDeliveries();
  await disconnectDb();
  say({ exit: { assigned } });
  process.exit(0); // nothing of ours is left to run; don't wait on a handle some library keeps open
}

main().catch(async (error) => {
  console.error(error);
  await disconnectDb();
  process.exit(1);
});
