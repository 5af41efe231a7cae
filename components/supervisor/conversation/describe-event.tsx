import type { ReactNode } from "react";
import { methodLabel } from "@/components/admin/labels";
import { describeToolCall } from "@/components/chat/build-transcript";
import type { TimelineEvent } from "@/lib/client/supervisor";
import { formatDateTime } from "../format";
import { RoutingExplanation } from "./routing-explanation";

/** A timeline event in words: a headline, an optional body, and a tone for its marker. */
export interface Described {
  title: string;
  body?: ReactNode;
  tone: "slate" | "blue" | "violet" | "emerald" | "amber" | "red";
  /** The raw payload (Bot Framework activity, context), shown on request. */
  raw?: unknown;
}

const kindWord = (kind: unknown) => (kind === "ai" ? "AI agent" : "representative");
const leftReason: Record<string, string> = {
  transferred: "transferred the conversation",
  escalated: "escalated to a person",
  ended: "ended the conversation",
  closed: "the conversation was closed",
  customer_left: "the customer left",
  customer_inactive: "the customer was away too long",
  overflowed: "the conversation overflowed",
};

const Sentence = ({ children }: { children: ReactNode }) => <p className="mt-1 text-sm text-slate-700">{children}</p>;
const Quote = ({ label, text }: { label: string; text: unknown }) =>
  typeof text === "string" && text ? (
    <p className="mt-1 text-sm text-slate-700">
      <span className="font-medium text-slate-900">{label}:</span> {text}
    </p>
  ) : null;

export function describeEvent(event: TimelineEvent, customerName: string): Described {
  const d = event.data as Record<string, any>;
  switch (event.type) {
    case "conversation.started":
      return {
        title: `${d.customerName ?? customerName} started the conversation`,
        tone: "slate",
        body: d.topic ? <Sentence>Topic: {d.topic}</Sentence> : undefined,
        raw: Object.keys(d.context ?? {}).length ? d.context : undefined,
      };
    case "conversation.routed":
      return {
        title: `Routed to ${d.queueName}`,
        tone: "slate",
        body: d.reason ? <Sentence>{capitalise(d.reason)}</Sentence> : undefined,
      };
    case "conversation.queued":
      return {
        title: `Waiting in ${d.queueName}, position ${d.position}`,
        tone: "amber",
        body: (
          <>
            <Sentence>{d.explanation}</Sentence>
            <RoutingExplanation ranked={[]} excluded={d.excluded ?? []} />
          </>
        ),
      };
    case "agent.assigned":
      return {
        title: `Assigned to ${d.agentName} (${kindWord(d.agentKind)})`,
        tone: "emerald",
        body: (
          <>
            <p className="mt-0.5 text-xs text-slate-500">
              {d.via === "queue"
                ? `Through ${d.queueName} · ${methodLabel[d.method] ?? d.method}`
                : d.via === "direct"
                  ? "Chosen directly"
                  : `Via ${d.via}`}
            </p>
            <Sentence>{d.explanation}</Sentence>
            <RoutingExplanation ranked={d.ranked ?? []} excluded={d.excluded ?? []} />
          </>
        ),
      };
    case "agent.added":
      return {
        title: `${d.agentName} joined`,
        tone: "violet",
        body: <Sentence>Sent “agent added” (conversationUpdate, membersAdded).</Sentence>,
        raw: d.activity,
      };
    case "context.set":
      return {
        title: "Context sent to the AI agent",
        tone: "violet",
        body: (
          <>
            <Sentence>Sent the omnichannelSetContext event.</Sentence>
            {d.context?.handoff && (
              <Quote
                label={`Hand-over from ${d.context.handoff.fromAgentName ?? "a supervisor"}`}
                text={d.context.handoff.note ?? d.context.handoff.reason}
              />
            )}
          </>
        ),
        raw: d.context,
      };
    case "message.sent":
      return {
        title: d.authorType === "system" ? "System message" : "Message",
        tone: "slate",
        body: (
          <>
            <p className="mt-1 line-clamp-2 text-sm text-slate-700">“{d.text}”</p>
            {Array.isArray(d.citations) && d.citations.length > 0 && (
              <Quote label="From knowledge" text={d.citations.map((c: { title: string }) => c.title).join(" · ")} />
            )}
          </>
        ),
      };
    case "agent.tool_called": {
      const call = describeToolCall(d);
      return {
        title: call.text,
        tone: d.ok ? "violet" : "amber",
        body: call.detail ? <Sentence>{call.detail}</Sentence> : undefined,
        raw: { tool: d.tool, input: d.input, result: d.result },
      };
    }
    case "conversation.transferred": {
      const from = d.from?.name ?? (d.by?.onBehalfOf ? `${d.by.onBehalfOf} (supervisor)` : "A supervisor");
      const verb = d.reason === "escalation" ? "escalated" : "transferred";
      const to = d.to?.kind ? `${d.to.name} (${kindWord(d.to.kind)})` : `the ${d.to?.name} queue`;
      return {
        title: `${from} ${verb} it to ${to}`,
        tone: "blue",
        body: (
          <>
            <Quote label="Note" text={d.note} />
            <Quote label="Summary" text={d.summary} />
          </>
        ),
      };
    }
    case "agent.removed":
      return {
        title: `${d.agentName} left`,
        tone: "slate",
        body: (
          <Sentence>
            {capitalise(leftReason[d.reason] ?? d.reason)}
            {d.unitsReleased ? ` · ${d.unitsReleased} capacity released` : ""}.
          </Sentence>
        ),
      };
    case "conversation.overflowed":
      return {
        title:
          d.action === "transfer"
            ? `Overflowed from ${d.fromQueueName} to ${d.toQueueName}`
            : `Overflow ended it in ${d.fromQueueName}`,
        tone: "amber",
        body: <Sentence>{capitalise(d.why)}.</Sentence>,
      };
    case "conversation.ended":
      return {
        title: `${d.agentName} ended the conversation`,
        tone: "blue",
        body: (
          <>
            <Sentence>Wrap-up: up to {d.wrapUpSeconds} s.</Sentence>
            <Quote label="Notes" text={d.notes} />
          </>
        ),
      };
    case "conversation.closed":
      return {
        title: "Conversation closed",
        tone: "red",
        body: (
          <>
            <Sentence>{capitalise(d.reason ?? "closed")}.</Sentence>
            <Quote label="Notes" text={d.notes} />
          </>
        ),
      };
    case "customer.connected":
      return { title: "Customer connected", tone: "emerald", body: <Sentence>They have the chat open.</Sentence> };
    case "customer.away":
      return {
        title: "Customer went away",
        tone: "amber",
        body: (
          <Sentence>
            {d.why === "lease_expired"
              ? "The server holding their chat stopped, and they did not reconnect."
              : "Their last chat window closed."}
            {d.lastSeenAt ? ` Last seen ${formatDateTime(d.lastSeenAt)}.` : ""}
          </Sentence>
        ),
      };
    case "conversation.wrapped_up":
      return {
        title: `${d.agentName} wrapped up`,
        tone: "blue",
        body: <Quote label="Notes" text={d.notes} />,
      };
    default:
      return { title: event.type, tone: "slate", raw: d };
  }
}

function capitalise(text: unknown): string {
  const s = String(text ?? "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
