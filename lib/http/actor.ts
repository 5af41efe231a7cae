import { hashCustomerToken } from "@/lib/conversations/customer-token";
import { getDb } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { type Actor, agentActor, customerActor } from "@/lib/timeline/types";

/** The customer's bearer token, from the Authorization header or (for EventSource, which cannot set headers) ?token=. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim() || null;
  return new URL(request.url).searchParams.get("token");
}

export async function isCustomerOf(request: Request, conversationId: string): Promise<boolean> {
  const token = bearerToken(request);
  if (!token) return false;
  const conversation = await getDb().conversation.findUnique({
    where: { id: conversationId },
    select: { customerTokenHash: true },
  });
  return conversation?.customerTokenHash === hashCustomerToken(token);
}

/**
 * Who is acting. Until sign-in exists, an agent's action names the agent
 * (`byAgentId`); an action naming nobody is a supervisor's. A bearer token
 * must be the conversation's own customer token.
 */
export async function resolveActor(
  request: Request,
  conversationId: string,
  byAgentId: string | undefined,
): Promise<Actor> {
  if (bearerToken(request)) {
    if (await isCustomerOf(request, conversationId)) return customerActor;
    const exists = await getDb().conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    if (!exists) throw notFound("conversation", conversationId);
    throw new AppError("unauthorized", "the bearer token is not this conversation's customer token");
  }
  if (byAgentId) {
    const agent = await getDb().agent.findUnique({ where: { id: byAgentId }, select: { id: true } });
    if (!agent) throw notFound("agent", byAgentId);
    return agentActor(byAgentId);
  }
  return { type: "supervisor", id: null };
}

