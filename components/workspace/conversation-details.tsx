import { AgentKindBadge } from "@/components/chat/agent-kind-badge";
import { formatTime } from "@/components/chat/format";
import type { Conversation } from "@/lib/client/conversations";

const reasons: Record<string, string> = {
  escalation: "Escalated by the AI agent",
  transfer: "Transferred",
  agent_failed: "The AI agent stopped responding",
};

/** What the representative needs before replying: the hand-off (summary and note) and the context collected so far. */
export function ConversationDetails({ conversation }: { conversation: Conversation }) {
  const { handoff } = conversation;
  const { survey, ...custom } = conversation.context ?? {};
  const entries = Object.entries(custom);
  return (
    <div className="flex flex-col gap-6 p-5">
      {handoff && (
        <section aria-labelledby="handoff-heading">
          <h3 id="handoff-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Hand-off
          </h3>
          <div className="mt-2 rounded-lg border border-violet-200 bg-violet-50/50 p-3">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
              <span>
                From <span className="font-semibold">{handoff.fromAgentName ?? "Switchboard"}</span>
              </span>
              {(handoff.fromKind === "ai" || handoff.fromKind === "human") && (
                <AgentKindBadge kind={handoff.fromKind} />
              )}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              {reasons[handoff.reason] ?? handoff.reason} · {formatTime(handoff.at)}
            </p>
            {handoff.summary && <Block title="Summary" text={handoff.summary} />}
            {handoff.note && <Block title="Note" text={handoff.note} />}
          </div>
        </section>
      )}
      <section aria-labelledby="customer-heading">
        <h3 id="customer-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Customer
        </h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <Row term="Name" value={conversation.customerName} />
          <Row term="Topic" value={conversation.topic || "—"} />
          <Row term="Queue" value={conversation.queue?.name ?? "—"} />
          <Row term="Started" value={formatTime(conversation.createdAt)} />
        </dl>
      </section>
      <section aria-labelledby="context-heading">
        <h3 id="context-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Collected context
        </h3>
        {entries.length === 0 && !survey ? (
          <p className="mt-2 text-sm text-slate-500">Nothing collected yet.</p>
        ) : (
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            {entries.map(([key, value]) => (
              <Row key={key} term={humanise(key)} value={show(value)} />
            ))}
            {isSurvey(survey) && (
              <>
                <Row term="Survey" value={survey.done ? "Completed" : "In progress"} />
                {Object.entries(survey.answers).map(([question, answer]) => (
                  <Row key={question} term={humanise(question)} value={answer} />
                ))}
              </>
            )}
          </dl>
        )}
      </section>
    </div>
  );
}

function Block({ title, text }: { title: string; text: string }) {
  return (
    <div className="mt-3">
      <p className="text-xs font-medium text-slate-500">{title}</p>
      <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-900 [overflow-wrap:anywhere]">{text}</p>
    </div>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
    </>
  );
}

interface Survey {
  answers: Record<string, string>;
  done: boolean;
}
const isSurvey = (value: unknown): value is Survey =>
  typeof value === "object" && value !== null && "answers" in value && typeof (value as Survey).answers === "object";

const humanise = (key: string) =>
  key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/^./, (c) => c.toUpperCase());

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
