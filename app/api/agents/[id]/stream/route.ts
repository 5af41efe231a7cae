import { getAgentOrThrow } from "@/lib/agents/list-agents";
import { requireSelfOrSupervisor } from "@/lib/auth/access";
import { getBus, topics } from "@/lib/events/bus";
import { route } from "@/lib/http/handle";
import { sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * A representative's inbox, live: an `inbox` frame whenever a conversation is assigned to or leaves them. No history:
 * the client refetches when the stream opens, so on a resync the stream just ends and the client reconnects.
 */
export const GET = route<Params>(async (request, { id }) => {
  await getAgentOrThrow(id);
  await requireSelfOrSupervisor(request, id);
  const bus = getBus();
  return sseResponse(request, {
    kind: "agent",
    subscribe: (push) => bus.subscribe(topics.agent(id), (data) => push({ event: "inbox", data })),
  });
});
