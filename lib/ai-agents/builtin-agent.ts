import { type Activity, type AgentContext, requestHumanEventName } from "./activities";
import { asksForPerson } from "./asks-for-person";

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

const saysGoodbye = /\b(bye|goodbye|that's all|that is all|no more questions)\b/i;

const message = (text: string): Activity => ({ type: "message", text });

export function respond(config: BuiltinAgentConfig, incoming: Activity, turn: BuiltinTurn): BuiltinReply {
  if (incoming.type === "event" && incoming.name === "omnichannelSetContext") return greet(config, turn);
  // A request for a person wins over everything else, a survey included: the chat's button arrives as this event.
  if (incoming.type === "event" && incoming.name === requestHumanEventName) return escalate(turn);
  if (incoming.type !== "message" || !incoming.text) return { activities: [] };
  const text = incoming.text;
  if (asksForPerson(text)) return escalate(turn);

  const survey = surveyState(turn);
  if (survey && !survey.done && config.surveyQuestions.length > 0) return answerSurvey(config, survey, text);
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

function escalate(turn: BuiltinTurn): BuiltinReply {
  const summary = summarise(turn.recentCustomerMessages);
  return {
    activities: [
      message("Of course — I'm connecting you to a person now. They'll see our conversation so far."),
      { type: "message", channelData: { command: { type: "Escalate", value: { summary } } } },
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
    if (first) activities.push(ask(first));
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
    return { activities: [ask(following)], contextPatch: { survey: { answers, next, done: false } } };
  }
  return {
    activities: [message("Thank you for your answers! Is there anything else I can help with?")],
    contextPatch: { survey: { answers, next, done: true } },
  };
}

/** A survey question, with one button per answer when it asks for a number on a scale ("1 to 5"). */
function ask(question: SurveyQuestion): Activity {
  const choices = scaleChoices(question.question);
  if (!choices) return message(question.question);
  return {
    ...message(question.question),
    suggestedActions: { actions: choices.map((choice) => ({ type: "imBack", title: choice, value: choice })) },
  };
}

/**
 * The answers of a question on a small numeric scale — "On a scale of 1 to 5", "rate us 1–5", "0-10" — or null.
 * The customer may still type whatever they like; the buttons only save typing on a phone.
 */
export function scaleChoices(question: string): string[] | null {
  const scale = /\b(\d{1,2})\s*(?:to|-|–|—)\s*(\d{1,2})\b/i.exec(question);
  if (!scale) return null;
  const [low, high] = [Number(scale[1]), Number(scale[2])];
  if (!(low < high) || high - low > 10) return null;
  return Array.from({ length: high - low + 1 }, (_, i) => String(low + i));
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
