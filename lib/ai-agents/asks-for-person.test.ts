import { describe, expect, it } from "vitest";
import { asksForPerson } from "./asks-for-person";

/** What customers write. Each line: the words, and whether they ask for a person. */
const asks = [
  "Talk to a person",
  "I'd like to talk to a person, please.",
  "TALK TO A HUMAN",
  "Can I talk to someone?",
  "I want to speak to a representative",
  "speak to an agent",
  "Let me speak with an agent about my invoice",
  "I want to chat with a real human",
  "real person please",
  "I want a real person, not a bot",
  "human please",
  "Human, please!",
  "operator",
  "Operator!",
  "agent",
  "AGENT!!!",
  "representative please",
  "A person, please.",
  "connect me to an agent",
  "transfer me to a human",
  "put me through to someone",
  "get me a human",
  "I need a human",
  "I need a human now",
  "Can I get a live agent?",
  "is there a human I can talk to?",
  "I want to speak to a manager",
  "This is useless. Human please",
  "Sorry, a human please",
  "No thanks, agent please",
  "I’d like to speak to someone from sales",
  "Can I talk to one of your representatives?",
];

const doesNotAsk = [
  "I am a travel agent, what does the Pro plan cost?",
  "I am a travel agent, please tell me the price",
  "Thanks, agent Smith sent me",
  "I'm a real estate agent looking for pricing",
  "Our agents need 20 seats",
  "How much is an agent license?",
  "I need an agent license for my team",
  "Does the plan include human resources features?",
  "My user agent string looks odd in the logs",
  "Is the personal plan cheaper?",
  "Someone told me there is a discount",
  "Can someone on my team use the same login?",
  "The operator field is required in the API",
  "Agent Smith is my favourite character",
  "I talked to a person at your booth yesterday",
  "What does a human agent seat cost per month?",
  "We have 5 people in support",
  "Is agent-based pricing available?",
  "What are your opening hours?",
  "Hello, anyone?",
  "5",
  "",
];

describe("[ESCALATION] words that ask for a person", () => {
  it.each(asks)("%j asks for a person", (text) => {
    expect(asksForPerson(text)).toBe(true);
  });
  it.each(doesNotAsk)("%j does not", (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});
