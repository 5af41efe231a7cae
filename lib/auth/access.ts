import { hashCustomerToken } from "@/lib/conversations/customer-token";
import type { Audience } from "@/lib/conversations/read-for-audience";
import { getDb } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { type Actor, agentActor, customerActor } from "@/lib/timeline/types";
import { currentStaff, isSupervisor, requireStaff, type Staff } from "./principal";

/**
 * Who may see and act on a conversation:
 * - its customer, with the conversation's token (Authorization: Bearer, or ?token= for EventSource);
 * - a supervisor or admin: everything; they may act for a named agent (byAgentId), recorded as on behalf of them;
 * - a representative: only the conversations assigned to them, always as their own agent.
 */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim() || null;
  return new URL(request.url).searchParams.get("token");
}

async function conversationOrThrow(conversationId: string) {
  const conversation = await getDb().conversation.findUnique({
    where: { id: conversationId },
    select: { id: true, customerTokenHash: true, assigneeId: true },
  });
  if (!conversation) throw notFound("conversation", conversationId);
  return conversation;
}

/** The customer if the token is theirs; 401 for someone else's token; null when no token was sent. */
async function customerOf(request: Request, conversation: { customerTokenHash: string }): Promise<boolean | null> {
  const token = bearerToken(request);
  if (!token) return null;
  if (conversation.customerTokenHash === hashCustomerToken(token)) return true;
  throw new AppError("unauthorized", "the bearer token is not this conversation's customer token");
}

function requireHolder(staff: Staff, conversation: { assigneeId: string | null }) {
  if (isSupervisor(staff)) return;
  if (!staff.agentId || conversation.assigneeId !== staff.agentId) {
    throw new AppError("forbidden", "representatives see only the conversations assigned to them");
  }
}

/** Who may read the conversation, and so which view they get: its customer's, or the staff's. */
export async function requireConversationReader(request: Request, conversationId: string): Promise<Audience> {
  const conversation = await conversationOrThrow(conversationId);
  if (await customerOf(request, conversation)) return "customer";
  requireHolder(await requireStaff(request), conversation);
  return "staff";
}

/**
 * Who starts a conversation: a signed-in staff member (session or API key) gets
 * the staff view back; anyone else is the customer and gets the customer view.
 * Failing towards the customer is safe: a refused key, or no credentials at all
 * (checked first, without a session lookup, on the busiest entry point), is a customer.
 */
export async function starterAudience(request: Request): Promise<Audience> {
  if (!request.headers.has("cookie") && !request.headers.has("x-api-key")) return "customer";
  const staff = await currentStaff(request).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    throw error;
  });
  return staff ? "staff" : "customer";
}

/** Whom an action on the conversation is recorded as (the engine still checks what that actor may do). */
export async function actorFor(
  request: Request,
  conversationId: string,
  byAgentId: string | undefined,
): Promise<Actor> {
  const conversation = await conversationOrThrow(conversationId);
  if (await customerOf(request, conversation)) return customerActor;
  const staff = await requireStaff(request);
  if (!isSupervisor(staff)) {
    if (byAgentId && byAgentId !== staff.agentId)
      throw new AppError("forbidden", "representatives act only as themselves");
    requireHolder(staff, conversation);
    return agentActor(staff.agentId as string);
  }
  if (!byAgentId) return { type: "supervisor", id: staff.userId, onBehalfOf: staff.name };
  const agent = await getDb().agent.findUnique({ where: { id: byAgentId }, select: { id: true } });
  if (!agent) throw notFound("agent", byAgentId);
  return { ...agentActor(byAgentId), onBehalfOf: `${staff.name} (${staff.role})` };
}

/** A representative may only see and change their own agent; supervisors and admins any. */
export async function requireSelfOrSupervisor(request: Request, agentId: string): Promise<Staff> {
  const staff = await requireStaff(request);
  if (!isSupervisor(staff) && staff.agentId !== agentId) {
    throw new AppError("forbidden", "representatives may only change their own presence and inbox");
  }
  return staff;
}
