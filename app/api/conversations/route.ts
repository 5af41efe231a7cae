import { starterAudience } from "@/lib/auth/access";
import { isSupervisor, requireStaff } from "@/lib/auth/principal";
import { listConversations } from "@/lib/conversations/get-conversation";
import { listConversationsQuery, startConversationSchema } from "@/lib/conversations/schemas";
import { startConversation } from "@/lib/conversations/start-conversation";
import { toCustomerConversation } from "@/lib/conversations/to-customer-view";
import { json, readJson, readQuery, route } from "@/lib/http/handle";
import { takeConversationStart } from "@/lib/http/start-limits";

/** Supervisors and admins list everything; a representative only what is assigned to them. */
export const GET = route(async (request) => {
  const staff = await requireStaff(request);
  const filter = readQuery(request, listConversationsQuery);
  return json(await listConversations(isSupervisor(staff) ? filter : { ...filter, assigneeId: staff.agentId ?? "-" }));
});

/**
 * A customer starts a chat. The returned `customerToken` alone lets them read and write in it.
 * Anyone but signed-in staff is answered with the customer view.
 */
export const POST = route(async (request) => {
  takeConversationStart(request); // 429 past SWITCHBOARD_LIMIT_STARTS_PER_MINUTE from one client address
  const input = await readJson(request, startConversationSchema);
  const audience = await starterAudience(request);
  const { conversation, customerToken } = await startConversation(input);
  const view = audience === "staff" ? conversation : toCustomerConversation(conversation);
  return json({ conversation: view, customerToken }, 201);
});
