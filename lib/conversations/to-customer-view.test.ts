import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/timeline/types";
import {
  type CustomerEventMapping,
  customerEventMappings,
  toCustomerEvent,
  toCustomerEvents,
} from "./to-customer-view";

/**
 * The customer's view is a whitelist: these tests feed it what staff events
 * hold (and worse) and check that only the declared fields come out.
 */
let seq = 0;
function event(type: string, data: Record<string, unknown>, actorType = "system"): TimelineEvent {
  return {
    id: 1000 + ++seq,
    conversationId: "c1",
    seq,
    type: type as TimelineEvent["type"],
    actorType: actorType as TimelineEvent["actorType"],
    actorId: "agent-secret-id",
    data,
    createdAt: "2026-01-02T03:04:05.000Z",
  };
}

const staffOnly = {
  note: "SECRET NOTE",
  summary: "SECRET SUMMARY",
  explanation: "Excluded Sam: at capacity 3/3",
  excluded: [{ agentId: "a2", name: "Sam", reason: "at_capacity" }],
  ranked: [{ agentId: "a3", name: "Kim", freeUnits: 2 }],
  context: { vip: "SECRET CONTEXT" },
  onBehalfOf: "Supervisor Sue",
  queueName: "Escalations (internal)",
};

/** Every key anywhere in a value, recursively. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

describe("[AUDIENCE] the customer's view of timeline events", () => {
  it("maps each customer-facing type to exactly its whitelisted fields, dropping everything staff-only", () => {
    const events = [
      event("message.sent", {
        messageId: "m1",
        authorType: "agent",
        agentId: "a1",
        agentName: "Riley",
        agentKind: "human",
        text: "Hello Dana",
        ...staffOnly,
      }),
      event("agent.assigned", { agentId: "a1", agentName: "Riley", agentKind: "human", units: 1, ...staffOnly }),
      event("agent.removed", { agentId: "a1", agentName: "Riley", agentKind: "human", unitsReleased: 1, ...staffOnly }),
      event("conversation.queued", { queueId: "q1", position: 2, ...staffOnly }),
      event("conversation.ended", { agentId: "a1", agentName: "Riley", agentKind: "human", notes: "SECRET NOTE" }),
      event("conversation.closed", { reason: "customer left", notes: "SECRET NOTE" }, "customer"),
    ];
    const seen = toCustomerEvents(events);
    expect(seen.map((e) => e.type)).toEqual(["message", "agent.joined", "agent.left", "queued", "ended", "closed"]);
    expect(seen[0]).toEqual({
      seq: events[0].seq,
      at: "2026-01-02T03:04:05.000Z",
      type: "message",
      message: {
        id: "m1",
        text: "Hello Dana",
        at: "2026-01-02T03:04:05.000Z",
        sender: { type: "agent", name: "Riley", kind: "human" },
      },
    });
    expect(seen[1]).toMatchObject({ type: "agent.joined", agent: { name: "Riley", kind: "human" } });
    expect(seen[3]).toMatchObject({ type: "queued", position: 2 });
    expect(seen[5]).toMatchObject({ type: "closed", by: "customer" });
    const allowed = new Set([
      "seq",
      "at",
      "type",
      "message",
      "agent",
      "position",
      "by",
      "id",
      "text",
      "sender",
      "name",
      "kind",
    ]);
    for (const key of keysOf(seen)) expect(allowed.has(key), key).toBe(true);
    const raw = JSON.stringify(seen);
    for (const secret of ["SECRET", "Excluded", "Sam", "Kim", "Supervisor Sue", "internal", "agent-secret-id", "a1"])
      expect(raw).not.toContain(secret);
  });

  it("passes an AI agent's buttons as label and value only, and never a customer's or a system line's", () => {
    const [offered, fromCustomer] = toCustomerEvents([
      event("message.sent", {
        messageId: "m9",
        authorType: "agent",
        agentId: "a1",
        agentName: "Quinn",
        agentKind: "ai",
        text: "On a scale of 1 to 5?",
        choices: [
          { label: "1", value: "1", note: "SECRET NOTE" },
          { label: "5", value: "5" },
        ],
        ...staffOnly,
      }),
      event("message.sent", {
        messageId: "m10",
        authorType: "customer",
        text: "hi",
        choices: [{ label: "x", value: "x" }],
      }),
    ]);
    expect(offered?.type === "message" && offered.message.choices).toEqual([
      { label: "1", value: "1" },
      { label: "5", value: "5" },
    ]);
    expect(fromCustomer?.type === "message" && "choices" in fromCustomer.message).toBe(false);
    expect(JSON.stringify(offered)).not.toContain("SECRET");
  });

  it("sends nothing of staff-only types, nor of a type it does not know", () => {
    const hidden = [
      event("conversation.started", { customerName: "Dana", context: { vip: true } }),
      event("conversation.routed", { queueId: "q1", queueName: "Q", reason: "rule" }),
      event("agent.added", { agentId: "a1", activity: {} }),
      event("context.set", { agentId: "a1", context: { note: "SECRET NOTE" } }),
      event("conversation.transferred", { note: "SECRET NOTE", summary: "SECRET SUMMARY" }),
      event("conversation.overflowed", { why: "nobody", action: "transfer" }),
      event("internal.note", { text: "SECRET NOTE", authorType: "customer" }),
      // Names that exist on every object's prototype must not find a mapping either.
      event("constructor", { text: "SECRET" }),
      event("__proto__", { text: "SECRET" }),
    ];
    for (const e of hidden) expect(toCustomerEvent(e), e.type).toBeNull();
  });

  it("a mapping that copies more than the schema allows is refused whole, not trimmed and sent", () => {
    const careless: CustomerEventMapping = (_event, data) =>
      ({ type: "agent.joined", agent: { name: "Riley", kind: "human", ...data } }) as never;
    const mappings = new Map([["agent.assigned", careless]]);
    expect(toCustomerEvent(event("agent.assigned", { explanation: "SECRET" }), mappings)).toBeNull();
    const topLevel: CustomerEventMapping = (_event, data) =>
      ({ type: "queued", position: 1, note: data.note }) as never;
    expect(
      toCustomerEvent(event("conversation.queued", { note: "SECRET" }), new Map([["conversation.queued", topLevel]])),
    ).toBeNull();
  });

  it("says who wrote each line without ids, and who closed the chat without the reason", () => {
    const lines = toCustomerEvents([
      event("message.sent", { messageId: "m2", authorType: "customer", agentId: null, text: "hi" }, "customer"),
      event("message.sent", { messageId: "m3", authorType: "system", agentId: null, text: "Connecting you" }),
      event("message.sent", {
        messageId: "m4",
        authorType: "agent",
        agentId: "a9",
        agentName: "Aria",
        agentKind: "ai",
        text: "Hi",
      }),
      event("conversation.closed", { reason: "force-closed by a supervisor" }, "supervisor"),
    ]);
    expect(lines.map((e) => (e.type === "message" ? e.message.sender : e))).toEqual([
      { type: "customer" },
      { type: "system" },
      { type: "agent", name: "Aria", kind: "ai" },
      expect.objectContaining({ type: "closed", by: "support" }),
    ]);
  });

  it("maps only types that exist on the timeline", async () => {
    const { timelineEventTypes } = await import("@/lib/timeline/types");
    for (const type of customerEventMappings.keys()) expect(timelineEventTypes).toContain(type);
  });
});
