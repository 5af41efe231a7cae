import { bearerToken, requireConversationReader } from "@/lib/auth/access";
import { streamConversation } from "@/lib/conversations/stream-conversation";
import { route } from "@/lib/http/handle";
import { holdCustomerStreamSlot } from "@/lib/http/stream-limits";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The conversation's timeline, live, for its customer or for staff (lib/conversations/stream-conversation.ts). */
export const GET = route<Params>(async (request, { id }) => {
  const audience = await requireConversationReader(request, id);
  // A customer's stream (their token was accepted above) takes a slot; staff streams are signed in (stream-limits.ts).
  const holdSlot = bearerToken(request) ? () => holdCustomerStreamSlot(request, id) : undefined;
  // While a customer's stream is open, the customer is there: their presence, in the database for every server
  // (customer-presence.ts).
  return streamConversation(request, { conversationId: id, audience, holdSlot, trackPresence: Boolean(holdSlot) });
});
