import type { Message } from "@/generated/prisma/client";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { Actor } from "@/lib/timeline/types";
import { getConversation, listMessages } from "./get-conversation";
import { toCustomerConversation, toCustomerEvents, toCustomerMessage } from "./to-customer-view";

/**
 * Who a response is for. A customer (their conversation's token) reads the
 * customer view (customer-view.ts); staff (session or API key) read
 * everything their role lets them open. Each read below answers in the view of
 * its audience, so a route cannot hand a customer the staff view by forgetting
 * to convert it.
 */
export type Audience = "customer" | "staff";

export const audienceOf = (actor: Actor): Audience => (actor.type === "customer" ? "customer" : "staff");

export async function readConversation(audience: Audience, id: string) {
  const conversation = await getConversation(id);
  return audience === "customer" ? toCustomerConversation(conversation) : conversation;
}

export async function readTimeline(audience: Audience, id: string, afterSeq = 0) {
  const events = await getTimeline(id, afterSeq);
  return audience === "customer" ? toCustomerEvents(events) : events;
}

export async function readMessages(audience: Audience, id: string) {
  const messages = await listMessages(id);
  return audience === "customer" ? messages.map(toCustomerMessage) : messages;
}

/** A message just written, as its author's audience sees it. */
export const messageFor = (audience: Audience, message: Message) =>
  audience === "customer" ? toCustomerMessage({ ...message, agent: null }) : message;
