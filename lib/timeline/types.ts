export const timelineEventTypes = [
  "conversation.started",
  "conversation.routed",
  "conversation.queued",
  "agent.assigned",
  "agent.added",
  "context.set",
  "message.sent",
  /** A language-model agent used a tool (staff only: what it searched, recorded, decided). */
  "agent.tool_called",
  "conversation.transferred",
  "agent.removed",
  "conversation.overflowed",
  "conversation.ended",
  "conversation.closed",
  /** The customer's first stream opened (or one opened again after they were away): lib/conversations/customer-presence.ts. */
  "customer.connected",
  /** The customer's last stream closed, or its server stopped renewing it: nobody is reading the chat. */
  "customer.away",
  /** A representative's wrap-up (notes) after the customer went away and the conversation closed under them. */
  "conversation.wrapped_up",
] as const;

export type TimelineEventType = (typeof timelineEventTypes)[number];

export type ActorType = "customer" | "agent" | "supervisor" | "system";

export interface Actor {
  type: ActorType;
  /** The agent's id for agents; null for the customer and the system. */
  id: string | null;
  /** Who pressed the button when someone acted for an agent (a supervisor's key, later). */
  onBehalfOf?: string;
}

export const systemActor: Actor = { type: "system", id: null };
export const customerActor: Actor = { type: "customer", id: null };
export const agentActor = (id: string): Actor => ({ type: "agent", id });

/** A timeline event as stored and as streamed. */
export interface TimelineEvent {
  id: number;
  conversationId: string;
  seq: number;
  type: TimelineEventType;
  actorType: ActorType;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}
