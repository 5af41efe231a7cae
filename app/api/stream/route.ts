import { requireSupervisor } from "@/lib/auth/principal";
import { getBus, topics } from "@/lib/events/bus";
import { route } from "@/lib/http/handle";
import { sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

/**
 * Everything, live, for supervisors: every timeline event (default frames),
 * plus `agent` and `queue` frames when an agent's load or presence or a
 * queue's line changes. No history: pages load it, then listen here (and load it again when the stream reopens —
 * which is what ends it on a resync, lib/http/sse.ts).
 */
export const GET = route(async (request) => {
  await requireSupervisor(request);
  const bus = getBus();
  return sseResponse(request, {
    kind: "supervisor",
    subscribe(push) {
      const offAll = bus.subscribe(topics.all, (data) => push({ data }));
      const offChanges = bus.subscribe(topics.changes, (data) => {
        const change = data as { type: string };
        push({ event: change.type === "agent.changed" ? "agent" : "queue", data });
      });
      return () => {
        offAll();
        offChanges();
      };
    },
  });
});
