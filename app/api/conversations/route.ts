import { isSupervisor, requireStaff } from "@/lib/auth/principal";
import { listConversations } from "@/lib/conversations/get-conversation";
import { listConversationsQuery, startConversationSchema } from "@/lib/conversations/schemas";
import { startConversation } from "@/lib/conversations/start-conversation";
import { json, readJson, readQuery, route } from "@/lib/http/handle";
import { takeConversationStart } from "@/lib/http/start-limits";

/** Supervisors and admins list everything; a representative only what is assigned to them. */
export const GET = route(async (request) => {
  const staff = await requireStaff(request);
  const filter = readQuery(request, listConversationsQuery);
  return json(await listConversations(isSupervisor(staff) ? filter : { ...filter, assigneeId: staff.agentId ?? "-" }));
});

/** A customer starts a chat. The returned `customerToken` alone lets them read and write in it. */
export const POST = route(async (request) => {
  takeConversationStart(request); // 429 past SWITCHBOARD_LIMIT_STARTS_PER_MINUTE from one client address
  const { conversation, customerToken } = await startConversation(await readJson(request, startConversationSchema));
  return json({ conversation, customerToken }, 201);
});
