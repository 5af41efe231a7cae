import type { Conversation } from "@/generated/prisma/client";
import type { AgentDelivery } from "@/lib/ai-agents/activities";
import type { Effects } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import { type NewEvent, storedEventData } from "@/lib/timeline/append-events";
import type { CandidateSource } from "./candidate-source";
import { type Reading, read } from "./reading";
import type { AgentKind } from "./types";

/**
 * An assignment plan (docs/decisions/013-assignment-plans.md): every write one step of a conversation's routing makes,
 * as data — decided and numbered before anything is written. An applier per kind of connection
 * (apply-plan-sqlite.ts, apply-plan-prisma.ts) executes it and decides nothing; its only judgement is whether each
 * compare-and-set still holds, else ClaimLostError and the unit of work retries from fresh reads.
 *
 * A step may hand over (a transfer's release), route, and assign; the parts a step does not make are null or empty.
 */
export interface AssignmentPlan {
  conversationId: string;
  /** Whoever held the conversation is disconnected (a transfer; a close). */
  release: Release | null;
  /** The winner's side: a representative's capacity, taken only if it still fits; an AI agent's stamp. */
  claim: Claim | null;
  /** The winner's turn in the queue (round robin). */
  membership: { queueId: string; agentId: string; at: Date } | null;
  conversation: ConversationWrite;
  participant: ParticipantRow | null;
  /** Lines in the transcript from Switchboard itself ("connecting you to a person"). */
  messages: MessageRow[];
  /** The conversation's timers that no longer apply. */
  dropTimers: TimerKind[];
  /** Timeline events, numbered from the conversation's lastSeq as read. */
  events: EventRow[];
  /** What runs after commit. */
  after: AfterCommit;
}

export type TimerKind = "overflow" | "wrap_up" | "bot_reply" | "person_request";

export interface Claim {
  agentId: string;
  kind: AgentKind;
  /** Capacity units taken: 0 for an AI agent, whose capacity only ranks it. */
  units: number;
  /** The capacity the decision read: a capacity edited since cannot be filled at its old size (ARCHITECTURE.md). */
  capacityRead: number;
  at: Date;
}

export interface Release {
  participantId: string;
  agentId: string;
  /** Capacity units given back (0 for an AI agent). */
  units: number;
  leftReason: string;
  /** The customer went away while a representative held it: their wrap-up is still to do (record-wrap-up.ts). */
  wrapUpPending: boolean;
  at: Date;
}

/** The fields routing changes. A compare-and-set writes all of them, as they stand after the step. */
export const routingFields = [
  "status",
  "queueId",
  "assigneeId",
  "handoff",
  "transferredFromId",
  "viaTransfer",
  "queuedAt",
  "overflowCount",
  "closedAt",
] as const;
export type RoutingFields = Pick<Conversation, (typeof routingFields)[number]>;

export type ConversationWrite =
  /** A new conversation, stored once in the state the step leaves it in. */
  | { kind: "insert"; row: Conversation }
  /** Only if nobody changed it (its version) or appended to its timeline (its lastSeq) since it was read. */
  | {
      kind: "compareAndSet";
      id: string;
      expected: { version: number; lastSeq: number };
      set: RoutingFields & { version: number; lastSeq: number; updatedAt: Date };
    };

export interface ParticipantRow {
  id: string;
  conversationId: string;
  agentId: string;
  kind: AgentKind;
  queueId: string | null;
  units: number;
  joinedAt: Date;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  authorType: "system";
  agentId: null;
  text: string;
  createdAt: Date;
}

export interface EventRow {
  seq: number;
  type: NewEvent["type"];
  actorType: NewEvent["actor"]["type"];
  actorId: string | null;
  /** As stored: the event's data, plus whom the actor acted for. */
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface AfterCommit {
  deliveries: AgentDelivery[];
  agentsChanged: string[];
  queuesChanged: string[];
  /** Queues whose waiting conversations deserve another try (capacity came back). */
  queuesToServe: string[];
}

/**
 * A plan being built, step by step, and the conversation as it will stand once applied. Each step below is pure:
 * a draft in, a longer draft out.
 */
export interface Draft {
  plan: AssignmentPlan;
  conversation: Conversation;
  at: Date;
}

const emptyPlan = (conversationId: string, conversation: ConversationWrite): AssignmentPlan => ({
  conversationId,
  release: null,
  claim: null,
  membership: null,
  conversation,
  participant: null,
  messages: [],
  dropTimers: [],
  events: [],
  after: { deliveries: [], agentsChanged: [], queuesChanged: [], queuesToServe: [] },
});

/** A step on a conversation as read: its compare-and-set expects the version and lastSeq it had. */
export function draftFor(conversation: Conversation, at: Date): Draft {
  const { version, lastSeq } = conversation;
  const write: ConversationWrite = {
    kind: "compareAndSet",
    id: conversation.id,
    expected: { version, lastSeq },
    set: { ...pickRoutingFields(conversation), version, lastSeq, updatedAt: at },
  };
  return { plan: emptyPlan(conversation.id, write), conversation, at };
}

/** A conversation that does not exist yet: it is inserted once, in the state the whole step leaves it in. */
export function draftForNew(conversation: Conversation, at: Date): Draft {
  return { plan: emptyPlan(conversation.id, { kind: "insert", row: conversation }), conversation, at };
}

/** One change of state (one version, as updateConversation counts them). */
export function changeState(draft: Draft, fields: Partial<RoutingFields>): Draft {
  const conversation = { ...draft.conversation, ...fields, version: draft.conversation.version + 1 };
  return { ...draft, conversation, plan: { ...draft.plan, conversation: written(draft, conversation) } };
}

/** Appends events to the timeline, numbered after the last one. */
export function appendToTimeline(draft: Draft, events: NewEvent[]): Draft {
  const first = draft.conversation.lastSeq + 1;
  const rows: EventRow[] = events.map((event, index) => ({
    seq: first + index,
    type: event.type,
    actorType: event.actor.type,
    actorId: event.actor.id,
    data: storedEventData(event),
    createdAt: draft.at,
  }));
  const conversation = { ...draft.conversation, lastSeq: draft.conversation.lastSeq + events.length };
  return {
    ...draft,
    conversation,
    plan: { ...draft.plan, conversation: written(draft, conversation), events: [...draft.plan.events, ...rows] },
  };
}

/** Adds to the plan's other parts (a release, a claim, timers, effects …): whatever the step writes besides. */
export function addToPlan(draft: Draft, parts: Partial<Omit<AssignmentPlan, "conversation" | "events">>): Draft {
  const plan = draft.plan;
  const after = parts.after;
  return {
    ...draft,
    plan: {
      ...plan,
      ...parts,
      messages: [...plan.messages, ...(parts.messages ?? [])],
      dropTimers: union(plan.dropTimers, parts.dropTimers) as TimerKind[],
      after: {
        deliveries: [...plan.after.deliveries, ...(after?.deliveries ?? [])],
        agentsChanged: union(plan.after.agentsChanged, after?.agentsChanged),
        queuesChanged: union(plan.after.queuesChanged, after?.queuesChanged),
        queuesToServe: union(plan.after.queuesToServe, after?.queuesToServe),
      },
    },
  };
}

/**
 * A step planned on a conversation the caller already holds: planned on the row as it is now, if nobody changed its
 * state since the caller read it (its version). Its timeline may have grown meanwhile — the caller's own events, which
 * its copy does not count — and the plan's events follow them.
 */
export function* draftOnCurrent(source: CandidateSource, held: Conversation, at: Date): Reading<Draft> {
  const current = yield* read(source.conversation(held.id));
  if (!current || current.version !== held.version)
    throw new ClaimLostError(`conversation ${held.id} changed concurrently`);
  return draftFor(current, at);
}

/** Only an open conversation can be assigned: a plan made on one that is not lost a race (its read was stale). */
export function requireOpen(draft: Draft): void {
  if (draft.conversation.status !== "open") throw new ClaimLostError("conversation is no longer open");
}

/** Once the plan is written: its effects go to the unit of work, for after commit (the events, with their ids, are the appliers' to add). */
export function handOnEffects(fx: Effects, after: AfterCommit): void {
  fx.deliveries.push(...after.deliveries);
  for (const id of after.agentsChanged) fx.agentsChanged.add(id);
  for (const id of after.queuesChanged) fx.queuesChanged.add(id);
  for (const id of after.queuesToServe) fx.queuesToServe.add(id);
}

const union = (a: string[], b: string[] = []) => (b.length ? [...a, ...b.filter((id) => !a.includes(id))] : a);

function pickRoutingFields(conversation: Conversation): RoutingFields {
  const { status, queueId, assigneeId, handoff, transferredFromId, viaTransfer, queuedAt, overflowCount, closedAt } =
    conversation;
  return { status, queueId, assigneeId, handoff, transferredFromId, viaTransfer, queuedAt, overflowCount, closedAt };
}

function written(draft: Draft, conversation: Conversation): ConversationWrite {
  const current = draft.plan.conversation;
  if (current.kind === "insert") return { kind: "insert", row: conversation };
  const { version, lastSeq } = conversation;
  return { ...current, set: { ...pickRoutingFields(conversation), version, lastSeq, updatedAt: draft.at } };
}
