import { describe, expect, it } from "vitest";
import type { Activity, AgentContext } from "./activities";
import { type BuiltinAgentConfig, type BuiltinTurn, respond, type SurveyState, scaleChoices } from "./builtin-agent";

const config: BuiltinAgentConfig = {
  name: "Quinn",
  greeting: null,
  faq: [{ keywords: ["price", "cost"], answer: "Plans start at $29 per seat per month." }],
  surveyQuestions: [
    { id: "satisfaction", question: "On a scale of 1 to 5, how satisfied are you with the help you received?" },
    { id: "comment", question: "Anything we could do better?" },
  ],
};

const context = (custom: Record<string, unknown> = {}, fromKind: "ai" | "human" | null = null): AgentContext => ({
  conversationId: "c1",
  customer: { name: "Dana" },
  topic: null,
  queue: null,
  handoff: fromKind
    ? { fromAgentId: "r1", fromAgentName: "Riley", fromKind, reason: "transfer", note: null, summary: null }
    : null,
  custom,
});
const midSurvey = (next: number): BuiltinTurn => ({
  context: context({ survey: { answers: {}, next, done: false } satisfies SurveyState }),
  recentCustomerMessages: ["Thanks for the help"],
});
const says = (text: string): Activity => ({ type: "message", text });
const escalates = (activities: Activity[]) => activities.some((a) => a.channelData?.command?.type === "Escalate");

describe("[AI] the built-in agent: a request for a person always wins", () => {
  it("escalates on the chat's button (the requestHuman event) in the middle of a survey", () => {
    const reply = respond(config, { type: "event", name: "requestHuman", value: { source: "button" } }, midSurvey(0));
    expect(escalates(reply.activities)).toBe(true);
    expect(reply.contextPatch).toBeUndefined(); // not stored as an answer
  });

  it("escalates on words that ask for a person in the middle of a survey, instead of storing them as the answer", () => {
    const reply = respond(config, says("Talk to a person"), midSurvey(0));
    expect(escalates(reply.activities)).toBe(true);
    expect(reply.contextPatch).toBeUndefined();
  });

  it("still takes a survey answer that is an answer", () => {
    const reply = respond(config, says("4"), midSurvey(0));
    expect(escalates(reply.activities)).toBe(false);
    expect(reply.contextPatch).toEqual({ survey: { answers: { satisfaction: "4" }, next: 1, done: false } });
    expect(reply.activities[0]?.text).toBe("Anything we could do better?");
  });

  it("answers a travel agent's question about the price instead of escalating", () => {
    const reply = respond(config, says("I am a travel agent, what does the Pro plan cost?"), {
      context: context(),
      recentCustomerMessages: [],
    });
    expect(escalates(reply.activities)).toBe(false);
    expect(reply.activities[0]?.text).toBe("Plans start at $29 per seat per month.");
  });
});

describe("[AI] survey questions on a 1–5 scale come with buttons", () => {
  it("offers 1 to 5 with the first question after a hand-back, and none with a free-text question", () => {
    const greeting = respond(
      config,
      { type: "event", name: "omnichannelSetContext" },
      {
        context: context({}, "human"),
        recentCustomerMessages: [],
      },
    );
    const question = greeting.activities.at(-1);
    expect(question?.text).toContain("On a scale of 1 to 5");
    expect(question?.suggestedActions?.actions.map((a) => [a.type, a.title, a.value])).toEqual(
      ["1", "2", "3", "4", "5"].map((n) => ["imBack", n, n]),
    );
    const next = respond(config, says("5"), midSurvey(0));
    expect(next.activities[0]?.suggestedActions).toBeUndefined();
  });

  it.each([
    ["On a scale of 1 to 5, how satisfied are you?", ["1", "2", "3", "4", "5"]],
    ["How would you rate the help you got, 1–5?", ["1", "2", "3", "4", "5"]],
    ["How likely are you to recommend us (0-10)?", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]],
    ["Anything we could do better?", null],
    ["Rate us from 5 to 1", null],
    ["Which of our 10 to 50 seat plans do you use?", null],
  ])("%j → %j", (question, choices) => {
    expect(scaleChoices(question)).toEqual(choices);
  });
});
