import type { Activity, AgentContext } from "./activities";

/**
 * The built-in scripted AI agent, as a pure function: given its configuration,
 * an incoming activity and what it knows of the conversation, what it sends
 * back. It speaks the same activities as a Bot Framework bot, so the runtime
 * treats both alike.
 */
export interface FaqEntry {
  keywords: string[];
  answer: string;
}
export interface SurveyQuestion {
  id: string;
  question: string;
}
export interface BuiltinAgentConfig {
  name: string;
  greeting: string | null;
  faq: FaqEntry[];
  surveyQuestions: SurveyQuestion[];
}

/** Survey progress, kept in the conversation's custom context so any agent (and the supervisor) can see it. */
export interface SurveyState {
  answers: Record<string, string>;
  next: number;
  done: boolean;
}

export interface BuiltinTurn {
  context: AgentContext | null;
  /** The customer's recent messages, oldest first, for the hand-off summary. */
  recentCustomerMessages: string[];
}

export type BuiltinReply = {
  activities: Activity[];
  /** Keys to merge into the conversation's custom context. */
  contextPatch?: Record<string, unknown>;
};

const wantsPerson = /\b(human|person|agent|representative|someone real|operator|talk to (a |an )?(person|human))\b/i;
const saysGoodbye = /\b(bye|goodbye|that's all|that is all|no more questions)\b/i;

const message = (text: string): Activity => ({ type: "message", text });

export function respond(config: BuiltinAgentConfig, incoming: Activity, turn: BuiltinTurn): BuiltinReply {
  if (incoming.type === "event" && incoming.name === "omnichannelSetContext") return greet(config, turn);
  if (incoming.type !== "message" || !incoming.text) return { activities: [] };
  const text = incoming.text;
  const survey = surveyState(turn);

  if (survey && !survey.done && config.surveyQuestions.length > 0) return answerSurvey(config, survey, text);
  if (wantsPerson.test(text)) {
    const summary = summarise(turn.recentCustomerMessages);
    return {
      activities: [
        message("Of course — I'm connecting you to a person now. They'll see our conversation so far."),
        { type: "message", channelData: { command: { type: "Escalate", value: { summary } } } },
      ],
    };
  }
  if (saysGoodbye.test(text)) {
    return {
      activities: [
        message("Thanks for chatting with us. Goodbye!"),
        { type: "message", channelData: { command: { type: "EndConversation" } } },
      ],
    };
  }
  const faq = config.faq.find((entry) => entry.keywords.some((k) => text.toLowerCase().includes(k.toLowerCase())));
  if (faq) return { activities: [message(faq.answer)] };
  return {
    activities: [
      message(
        'I\'m not sure I can help with that. Ask me another question, or say "talk to a person" to reach our team.',
      ),
    ],
  };
}

function greet(config: BuiltinAgentConfig, turn: BuiltinTurn): BuiltinReply {
  const name = turn.context?.customer.name ?? "there";
  const greeting = (config.greeting ?? "Hi {customerName}, I'm {agentName}. How can I help?")
    .replaceAll("{customerName}", name)
    .replaceAll("{agentName}", config.name);
  const activities = [message(greeting)];
  // Handed back by a person: the survey is what we are here for (the reference document's use case).
  const fromPerson = turn.context?.handoff?.fromKind === "human";
  if (fromPerson && config.surveyQuestions.length > 0 && !surveyState(turn)?.done) {
    const first = config.surveyQuestions[0];
    if (first) activities.push(message(first.question));
    return { activities, contextPatch: { survey: { answers: {}, next: 0, done: false } satisfies SurveyState } };
  }
  return { activities };
}

function answerSurvey(config: BuiltinAgentConfig, survey: SurveyState, text: string): BuiltinReply {
  const question = config.surveyQuestions[survey.next];
  if (!question) return { activities: [], contextPatch: { survey: { ...survey, done: true } } };
  const answers = { ...survey.answers, [question.id]: text };
  const next = survey.next + 1;
  const following = config.surveyQuestions[next];
  if (following) {
    return { activities: [message(following.question)], contextPatch: { survey: { answers, next, done: false } } };
  }
  return {
    activities: [message("Thank you for your answers! Is there anything else I can help with?")],
    contextPatch: { survey: { answers, next, done: true } },
  };
}

function surveyState(turn: BuiltinTurn): SurveyState | null {
  const survey = turn.context?.custom.survey;
  return survey && typeof survey === "object" ? (survey as SurveyState) : null;
}

/** A short hand-off summary for the representative: what the customer said, most recent last. */
export function summarise(messages: string[]): string {
  const recent = messages.slice(-3).map((m) => (m.length > 160 ? `${m.slice(0, 157)}…` : m));
  return recent.length
    ? `Customer said: ${recent.map((m) => `"${m}"`).join(" · ")}`
    : "No messages before the hand-off.";
}
