import { randomUUID } from "node:crypto";

/**
 * Bot Framework-shaped activities: what AI agents receive and send. Built-in
 * agents and Bot Framework bots speak exactly these, so one runtime serves both.
 */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: "bot" | "user";
}

export interface Activity {
  type: "message" | "conversationUpdate" | "event" | "endOfConversation" | "typing" | string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  timestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  conversation?: { id: string };
  membersAdded?: ChannelAccount[];
  replyToId?: string;
  channelData?: { command?: AgentCommand; [key: string]: unknown };
  /** Buttons offered with a message (Bot Framework's suggested actions); the customer may still type. */
  suggestedActions?: { to?: string[]; actions: CardAction[] };
}

/** One suggested action. Switchboard shows `imBack`/`postBack`/`messageBack` ones whose value is text. */
export interface CardAction {
  type: string;
  title?: string;
  value?: unknown;
  text?: string;
  displayText?: string;
}

/**
 * The event an AI agent receives when the customer asks for a person (the chat's "Talk to a person" button, or
 * words that ask for one): `{type:"event", name:"requestHuman", value:{source, text}}`. A request for a person
 * always wins: an agent should answer it with an Escalate command, and one that does not is escalated for after
 * its reply time-out (docs/ARCHITECTURE.md, "AI agents").
 */
const choiceActionTypes = new Set(["imBack", "postBack", "messageBack"]);
const MAX_CHOICES = 12;
const MAX_CHOICE_CHARS = 200;

/**
 * The buttons a message offers, as the chat shows them: suggested actions that send text back (imBack, postBack,
 * messageBack), labelled by their title. Others (open a URL, sign in…) are not shown: the chat has no place for them.
 */
export function suggestedChoices(activity: Activity): { label: string; value: string }[] {
  const actions = activity.suggestedActions?.actions;
  if (!Array.isArray(actions)) return [];
  return actions
    .filter((action) => action && choiceActionTypes.has(action.type))
    .map((action) => {
      const value = [action.value, action.text, action.title].find((v): v is string => typeof v === "string" && !!v);
      const label = [action.title, action.displayText, value].find((v): v is string => typeof v === "string" && !!v);
      return {
        label: label?.trim().slice(0, MAX_CHOICE_CHARS) ?? "",
        value: value?.trim().slice(0, MAX_CHOICE_CHARS) ?? "",
      };
    })
    .filter((choice) => choice.label && choice.value)
    .slice(0, MAX_CHOICES);
}

export const requestHumanEventName = "requestHuman";
export type PersonRequestSource = "button" | "words";

/** The hand-off commands of the reference product's newer SDK. */
export type AgentCommand =
  | { type: "Escalate"; value?: { queueId?: string; summary?: string; [key: string]: unknown } }
  | { type: "EndConversation"; value?: Record<string, unknown> };

/** What the returning (or first) AI agent is told in `omnichannelSetContext`. */
export interface AgentContext {
  conversationId: string;
  customer: { name: string };
  topic: string | null;
  queue: { id: string; name: string } | null;
  /** Who handed it over and why; null for a new conversation. */
  handoff: {
    fromAgentId: string | null;
    fromAgentName: string | null;
    fromKind: "ai" | "human" | "system" | null;
    reason: string;
    note: string | null;
    summary: string | null;
  } | null;
  /** Custom context collected so far: pre-chat answers, survey state. */
  custom: Record<string, unknown>;
}

/** Activities queued for one AI agent, sent after the transaction that produced them commits. */
export interface AgentDelivery {
  agentId: string;
  conversationId: string;
  activities: Activity[];
}

export const channelId = "switchboard";

const base = (conversationId: string, agent: { id: string; name: string }, customerName: string) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  channelId,
  conversation: { id: conversationId },
  from: { id: `customer:${conversationId}`, name: customerName, role: "user" as const },
  recipient: { id: agent.id, name: agent.name, role: "bot" as const },
});

export function agentAddedActivity(
  conversationId: string,
  agent: { id: string; name: string },
  customerName: string,
): Activity {
  return {
    ...base(conversationId, agent, customerName),
    type: "conversationUpdate",
    membersAdded: [{ id: agent.id, name: agent.name, role: "bot" }],
  };
}

export function setContextActivity(
  conversationId: string,
  agent: { id: string; name: string },
  context: AgentContext,
): Activity {
  return {
    ...base(conversationId, agent, context.customer.name),
    type: "event",
    name: "omnichannelSetContext",
    value: context,
  };
}

export function requestHumanActivity(
  conversationId: string,
  agent: { id: string; name: string },
  customerName: string,
  request: { source: PersonRequestSource; text: string },
): Activity {
  return {
    ...base(conversationId, agent, customerName),
    type: "event",
    name: requestHumanEventName,
    value: { source: request.source, text: request.text },
  };
}

export function customerMessageActivity(
  conversationId: string,
  agent: { id: string; name: string },
  customerName: string,
  message: { id: string; text: string },
): Activity {
  return { ...base(conversationId, agent, customerName), id: message.id, type: "message", text: message.text };
}
