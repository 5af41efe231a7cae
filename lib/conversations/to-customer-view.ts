import { logger } from "@/lib/logger";
import type { TimelineEvent, TimelineEventType } from "@/lib/timeline/types";
import {
  type CustomerChoice,
  type CustomerConversation,
  type CustomerDraft,
  type CustomerEvent,
  type CustomerMessage,
  type CustomerSender,
  type CustomerSpeaker,
  type CustomerWaiting,
  customerConversationSchema,
  customerDraftSchema,
  customerEventSchema,
  customerMessageSchema,
  customerWaitingSchema,
} from "./customer-view";

/**
 * Builds the customer's view from staff data, field by field (see customer-view.ts).
 * Nothing is copied wholesale: each mapping names what it takes. The result is
 * checked against the strict schema, and whatever does not fit is dropped (and
 * logged) rather than sent — a mistake here hides a line, it never leaks one.
 */
type Data = Record<string, unknown>;
type CustomerEventBody = CustomerEvent extends infer E
  ? E extends CustomerEvent
    ? Omit<E, "seq" | "at">
    : never
  : never;
export type CustomerEventMapping = (event: TimelineEvent, data: Data) => CustomerEventBody;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * Events recorded before names and kinds travelled with them have neither: a
 * line is still better shown under a neutral name than dropped.
 */
function speaker(name: unknown, kind: unknown): CustomerSpeaker {
  return { name: text(name) ?? "Agent", kind: kind === "ai" ? "ai" : "human" };
}

/** An AI agent's buttons, label and value only (whatever else its card action carried stays behind). */
function choicesOf(data: Data): { choices?: CustomerChoice[] } {
  if (data.authorType !== "agent" || !Array.isArray(data.choices) || data.choices.length === 0) return {};
  return {
    choices: data.choices.map((choice: { label?: unknown; value?: unknown }) => ({
      label: text(choice?.label) as string,
      value: text(choice?.value) as string,
    })),
  };
}

function senderOf(data: Data): CustomerSender {
  if (data.authorType === "customer") return { type: "customer" };
  if (data.authorType === "agent") return { type: "agent", ...speaker(data.agentName, data.agentKind) };
  // Every system line in the transcript is written for the customer (add-system-message.ts).
  return { type: "system" };
}

/**
 * The timeline event types a customer sees, and what of each. Everything else —
 * conversation.started (the context they will be routed with), conversation.routed,
 * agent.added and context.set (what AI agents are sent), conversation.transferred
 * (notes, summary, who handed over to whom), conversation.overflowed — is staff-only,
 * as is any type added later until it is given a mapping here.
 */
export const customerEventMappings: ReadonlyMap<TimelineEventType, CustomerEventMapping> = new Map<
  TimelineEventType,
  CustomerEventMapping
>([
  [
    "message.sent",
    (event, data) => ({
      type: "message",
      // A line without its id or text is refused by the schema below rather than shown empty.
      message: {
        id: text(data.messageId) as string,
        text: text(data.text) as string,
        at: event.createdAt,
        sender: senderOf(data),
        ...choicesOf(data),
      },
    }),
  ],
  ["agent.assigned", (_event, data) => ({ type: "agent.joined", agent: speaker(data.agentName, data.agentKind) })],
  ["agent.removed", (_event, data) => ({ type: "agent.left", agent: speaker(data.agentName, data.agentKind) })],
  ["conversation.queued", (_event, data) => ({ type: "queued", position: Number(data.position) })],
  ["conversation.ended", (_event, data) => ({ type: "ended", agent: speaker(data.agentName, data.agentKind) })],
  ["conversation.closed", (event, data) => ({ type: "closed", by: closedBy(event, data) })],
]);

/** Who closed the chat, in the customer's words: never the reason text (it may carry staff notes' wording). */
function closedBy(event: TimelineEvent, data: Data): "customer" | "support" | "inactivity" {
  if (event.actorType === "customer") return "customer";
  return data.cause === "customer_inactive" ? "inactivity" : "support";
}

/** The customer's version of one timeline event, or null when customers do not see it. */
export function toCustomerEvent(
  event: TimelineEvent,
  mappings: ReadonlyMap<string, CustomerEventMapping> = customerEventMappings,
): CustomerEvent | null {
  const mapping = mappings.get(event.type);
  if (!mapping) return null;
  const built = { seq: event.seq, at: event.createdAt, ...mapping(event, event.data ?? {}) };
  const checked = customerEventSchema.safeParse(built);
  if (checked.success) return checked.data;
  logger.error(
    { conversationId: event.conversationId, seq: event.seq, type: event.type, issues: checked.error.issues.length },
    "a timeline event did not fit the customer view; it was not sent",
  );
  return null;
}

export const toCustomerEvents = (events: TimelineEvent[]): CustomerEvent[] =>
  events.flatMap((event) => toCustomerEvent(event) ?? []);

export function toCustomerWaiting(waiting: { position: number; estimatedWaitSeconds: number | null }): CustomerWaiting {
  return customerWaitingSchema.parse({
    position: waiting.position,
    estimatedWaitSeconds: waiting.estimatedWaitSeconds,
  });
}

export function toCustomerConversation(conversation: {
  id: string;
  status: string;
  assignee: { name: string; kind: string } | null;
  waiting: { position: number; estimatedWaitSeconds: number | null } | null;
}): CustomerConversation {
  return customerConversationSchema.parse({
    id: conversation.id,
    status: conversation.status,
    answering:
      conversation.assignee && conversation.status !== "open"
        ? speaker(conversation.assignee.name, conversation.assignee.kind)
        : null,
    waiting: conversation.waiting ? toCustomerWaiting(conversation.waiting) : null,
  });
}

export function toCustomerMessage(message: {
  id: string;
  text: string;
  authorType: string;
  createdAt: Date;
  agent: { name: string; kind: string } | null;
}): CustomerMessage {
  return customerMessageSchema.parse({
    id: message.id,
    text: message.text,
    at: message.createdAt.toISOString(),
    sender: senderOf({
      authorType: message.authorType,
      agentName: message.agent?.name,
      agentKind: message.agent?.kind,
    }),
  });
}

/**
 * A draft frame of a reply being written (lib/ai-agents/llm/draft.ts), field by field; anything that does not fit the
 * strict schema is dropped rather than sent.
 */
export function toCustomerDraft(frame: {
  draftId?: unknown;
  n?: unknown;
  text?: unknown;
  done?: unknown;
  agentName?: unknown;
}): CustomerDraft | null {
  const checked = customerDraftSchema.safeParse({
    draftId: frame.draftId,
    n: frame.n,
    text: frame.text,
    done: frame.done,
    sender: speaker(frame.agentName, "ai"),
  });
  return checked.success ? checked.data : null;
}
