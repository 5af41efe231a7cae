import { requireAdmin } from "@/lib/auth/principal";
import { json, noContent, route } from "@/lib/http/handle";
import { addMember, removeMember } from "@/lib/queues/memberships";

type Params = { id: string; agentId: string };

/** Adds the agent to the queue (idempotent: 201 when added, 200 when already a member). */
export const PUT = route<Params>(async (request, { id, agentId }) => {
  await requireAdmin(request);
  const { membership, created } = await addMember(id, agentId);
  return json(membership, created ? 201 : 200);
});

export const DELETE = route<Params>(async (request, { id, agentId }) => {
  await requireAdmin(request);
  await removeMember(id, agentId);
  return noContent();
});
