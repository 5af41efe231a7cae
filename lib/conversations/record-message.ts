import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { appendEvent } from "@/lib/timeline/append-events";
import { type Actor, agentActor, customerActor, systemActor } from "@/lib/timeline/types";

export type AuthorType = "customer" | "agent" | "system";

/** A button offered with an AI agent's message: what it says, and the text sent when it is pressed. */
export interface MessageChoice {
  label: string;
  value: string;
}

export interface RecordMessageOptions {
  conversationId: string;
  authorType: AuthorType;
  agentId: string | null;
  text: string;
  /** Who is recorded as acting, when not simply the author (a supervisor writing for an agent). */
  actor?: Actor;
  /** Answers offered as buttons (an AI agent's suggested actions); kept on the line's event, where the chat reads it. */
  choices?: MessageChoice[];
  /** More for staff on the line's event (a language model's cited knowledge); the customer view never maps it. */
  staffData?: Record<string, unknown>;
}

/** Stores a transcript line and its `message.sent` event in the caller's transaction. */
export async function recordMessage(tx: Tx, fx: Effects, options: RecordMessageOptions) {
  const message = await tx.message.create({
    data: {
      conversationId: options.conversationId,
      authorType: options.authorType,
      agentId: options.agentId,
      text: options.text,
      createdAt: now(),
    },
  });
  const actor: Actor =
    options.actor ??
    (options.authorType === "agent" && options.agentId
      ? agentActor(options.agentId)
      : options.authorType === "customer"
        ? customerActor
        : systemActor);
  // The author's name and kind travel with the line, so a reader of the event alone (a customer's stream
  // resuming mid-conversation) can say who wrote it without being given anyone's id.
  const author = message.agentId
    ? await tx.agent.findUnique({ where: { id: message.agentId }, select: { name: true, kind: true } })
    : null;
  await appendEvent(tx, fx, options.conversationId, {
    type: "message.sent",
    actor,
    data: {
      ...messageSentData(message, author),
      ...(options.choices?.length ? { choices: options.choices } : {}),
      ...options.staffData,
    },
  });
  return message;
}

/** What message.sent records (also planned: a transfer's notice to the customer, transfer-conversation.ts). */
export function messageSentData(
  message: { id: string; authorType: string; agentId: string | null; text: string },
  author: { name: string; kind: string } | null,
) {
  return {
    messageId: message.id,
    authorType: message.authorType,
    agentId: message.agentId,
    agentName: author?.name ?? null,
    agentKind: author?.kind ?? null,
    text: message.text,
  };
}
