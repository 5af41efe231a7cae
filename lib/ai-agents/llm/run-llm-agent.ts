import type { Agent } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { toTimelineEvent } from "@/lib/timeline/append-events";
import type { TimelineEvent } from "@/lib/timeline/types";
import { type Activity, requestHumanEventName } from "../activities";
import { asksForPerson } from "../asks-for-person";
import { buildAgentContext } from "../build-context";
import { escalateFailedAgent } from "../escalate-failed-agent";
import { handleAgentActivity } from "../handle-agent-activity";
import { armReplyTimer } from "../reply-timer";
import { startDraft } from "./draft";
import { historyFromTimeline } from "./history-from-timeline";
import { liveToolPort } from "./live-tools";
import { type LlmConfig, llmConfigOf } from "./llm-config";
import type { HistoryLine } from "./prompt";
import { recordUsage } from "./record-usage";
import { runTurn, type TurnResult } from "./run-turn";
import { type Brief, briefSummary } from "./tools";

/**
 * A language-model agent in a live conversation: the same activities in as the other kinds (`agent.added` needs no
 * answer; `context.set` → the greeting; a customer's message → a reply), the same messages and commands out through
 * handle-agent-activity.ts. Called by dispatch.ts in the background, one activity at a time per conversation.
 *
 * Failure is never silence: a time-out, an HTTP error, a refused key, a malformed tool call, a turn that says
 * nothing, or a limit reached escalates to the agent's escalation queue with a note saying why (escalate-failed-
 * agent.ts). The customer's messages were stored before any of this ran: nothing they wrote is lost. A request for
 * a person escalates whatever the model says.
 */
export async function runLlmAgent(agent: Agent, conversationId: string, incoming: Activity): Promise<void> {
  const mode = modeOf(incoming);
  if (!mode) return;
  const turn = await readTurn(agent, conversationId, incoming);
  if (!turn) return; // moved on while queued
  const { config } = turn;

  if (mode === "greeting" && config.greeting) {
    const text = config.greeting
      .replaceAll("{customerName}", turn.context.customer.name)
      .replaceAll("{agentName}", agent.name);
    await say(agent.id, conversationId, { type: "message", text, replyToId: incoming.id });
    return;
  }
  // The chat's button (a requestHuman event), or words that ask for a person.
  const personRequested = mode === "person" || (mode === "reply" && asksForPerson(incoming.text ?? ""));
  const limit = limitReached(config, turn.usage);
  if (limit && !personRequested) {
    await escalateFailedAgent(conversationId, agent.id, `${agent.name} ${limit}`);
    return;
  }

  // This turn may have waited behind earlier ones: the backstop timer counts from now.
  if (mode === "reply") await inTransaction((tx) => armReplyTimer(tx, conversationId, agent, now()));
  const port = liveToolPort(agent, conversationId);
  const draft = personRequested ? null : startDraft(conversationId, agent.name);
  const result: TurnResult | null = limit
    ? null // a person was asked for and the model may not be called again: escalate without it
    : await runTurn({
        config,
        context: turn.context,
        history: turn.history,
        mode: personRequested ? "person_requested" : mode,
        port,
        hasKnowledge: turn.hasKnowledge,
        onText: draft ? (delta) => draft.push(delta) : undefined,
      });
  try {
    if (result) await recordUsage(conversationId, agent.id, result.usage);
    if (port.movedOn()) return;
    if (personRequested) await escalateForPerson(agent.id, conversationId, incoming, result, turn.history);
    else if (result?.failure) await escalateFailedAgent(conversationId, agent.id, `${agent.name} ${result.failure}`);
    else if (result) await carryOut(agent.id, conversationId, incoming, result);
  } finally {
    draft?.end();
  }
}

function modeOf(activity: Activity): "greeting" | "reply" | "person" | null {
  if (activity.type === "event" && activity.name === "omnichannelSetContext") return "greeting";
  if (activity.type === "event" && activity.name === requestHumanEventName) return "person";
  if (activity.type === "message" && activity.text?.trim()) return "reply";
  return null;
}

interface TurnData {
  config: LlmConfig;
  context: ReturnType<typeof buildAgentContext>;
  history: HistoryLine[];
  usage: { turns: number; inputTokens: number; outputTokens: number };
  hasKnowledge: boolean;
}

/** Events read per turn (the newest): the prompt keeps fewer lines still (prompt.ts HISTORY_LINES). */
const EVENTS_READ = 400;
const HISTORY_TYPES = ["message.sent", "agent.assigned", "conversation.transferred", "context.set"];

/**
 * Everything one turn needs, read in one transaction (on SQLite's shared connection a bare read could see another
 * unit's uncommitted writes). Null when the agent no longer holds the conversation. The history ends where the
 * activity was sent: a customer's message, or this assignment's set-context event — a message written meanwhile gets
 * its own turn, in order.
 */
function readTurn(agent: Agent, conversationId: string, incoming: Activity): Promise<TurnData | null> {
  return inTransaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: conversationId }, include: { queue: true } });
    if (conversation?.status !== "active" || conversation.assigneeId !== agent.id) return null;
    const fresh = await tx.agent.findUniqueOrThrow({ where: { id: agent.id } });
    const [config, rows, usage, sources] = await Promise.all([
      llmConfigOf(tx, fresh),
      tx.event.findMany({
        where: { conversationId, type: { in: HISTORY_TYPES } },
        orderBy: { seq: "desc" },
        take: EVENTS_READ,
      }),
      tx.modelUsage.findUnique({ where: { conversationId_agentId: { conversationId, agentId: agent.id } } }),
      tx.knowledgeSource.count({ where: { agentId: agent.id } }),
    ]);
    const events = upTo(rows.reverse().map(toTimelineEvent), agent.id, incoming);
    return {
      config,
      context: buildAgentContext(conversation, conversation.queue),
      history: historyFromTimeline(events, agent.id),
      usage: usage ?? { turns: 0, inputTokens: 0, outputTokens: 0 },
      hasKnowledge: sources > 0,
    };
  });
}

function upTo(events: TimelineEvent[], agentId: string, incoming: Activity): TimelineEvent[] {
  // A request for a person by the button comes after everything said so far: the summary sees it all.
  if (incoming.type === "event" && incoming.name === requestHumanEventName) return events;
  const end =
    incoming.type === "message"
      ? events.findIndex((e) => e.type === "message.sent" && e.data.messageId === incoming.id)
      : events.findLastIndex((e) => e.type === "context.set" && e.data.agentId === agentId);
  return end === -1 ? events : events.slice(0, end + 1);
}

/** The sentence that follows the agent's name in the escalation note, or null while within its limits. */
function limitReached(config: LlmConfig, usage: TurnData["usage"]): string | null {
  if (config.maxTurns !== null && usage.turns >= config.maxTurns) {
    return `reached its limit of ${config.maxTurns} turns in this conversation`;
  }
  const tokens = usage.inputTokens + usage.outputTokens;
  if (config.maxTokens !== null && tokens >= config.maxTokens) {
    return `reached its limit of ${config.maxTokens} tokens in this conversation (${tokens} used)`;
  }
  return null;
}

const say = (agentId: string, conversationId: string, activity: Activity, citations?: TurnResult["citations"]) =>
  handleAgentActivity({ agentId, conversationId, activity, citations });

const command = (value: Activity["channelData"]): Activity => ({ type: "message", channelData: value });

/** The reply, then what the model decided: the same messages and commands any AI agent sends. */
async function carryOut(agentId: string, conversationId: string, incoming: Activity, result: TurnResult) {
  const decision = result.decision;
  const fallback =
    decision?.kind === "escalate"
      ? "I'm connecting you to a person now. They'll see our conversation so far."
      : decision?.kind === "transfer"
        ? `I'm passing you to our ${decision.queue.name} team.`
        : decision?.kind === "end"
          ? "Thanks for chatting with us. Goodbye!"
          : "";
  const text = result.text.trim() || fallback;
  if (text) await say(agentId, conversationId, { type: "message", text, replyToId: incoming.id }, result.citations);
  if (decision?.kind === "escalate") {
    await say(agentId, conversationId, escalation(decision.brief));
  } else if (decision?.kind === "transfer") {
    const value = { queueId: decision.queue.id, summary: decision.reason };
    await say(agentId, conversationId, command({ command: { type: "Escalate", value } }));
  } else if (decision?.kind === "end") {
    await say(agentId, conversationId, command({ command: { type: "EndConversation" } }));
  }
}

const escalation = (brief: Brief) =>
  command({ command: { type: "Escalate", value: { summary: briefSummary(brief), brief } } });

/**
 * The customer asked for a person: they get one, whatever the model did. The model's summary is used when it gave
 * one (it was told to, and given a shorter time); otherwise the customer's own recent words stand in.
 */
async function escalateForPerson(
  agentId: string,
  conversationId: string,
  incoming: Activity,
  result: TurnResult | null,
  history: HistoryLine[],
) {
  const fromModel = result?.decision?.kind === "escalate" ? result.decision.brief : null;
  const brief: Brief = fromModel
    ? { ...fromModel, reason: `The customer asked for a person. ${fromModel.reason}`.trim() }
    : {
        reason: "The customer asked for a person.",
        wants: recentCustomerWords(history),
        tried: "—",
        mood: "unknown",
      };
  const text = "Of course — I'm connecting you to a person now. They'll see our conversation so far.";
  await say(agentId, conversationId, { type: "message", text, replyToId: incoming.id });
  await say(agentId, conversationId, escalation(brief));
}

function recentCustomerWords(history: HistoryLine[]): string {
  const said = history.flatMap((line) => (line.kind === "customer" ? [line.text] : [])).slice(-3);
  return said.map((text) => `"${text.length > 160 ? `${text.slice(0, 157)}…` : text}"`).join(" · ") || "—";
}
