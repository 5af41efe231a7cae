import { describe, expect, it } from "vitest";
import { asksForPerson } from "./asks-for-person";

describe("[AI AGENTS] a request for a person", () => {
  it.each([
    "I'd like to talk to a person, please.",
    "Can I speak to someone?",
    "connect me with a human",
    "put me through to an agent",
    "I want a real person",
    "get me a representative",
    "human please",
    "Agent!",
    "I need to speak with a live agent now",
  ])("asks: %s", (text) => expect(asksForPerson(text)).toBe(true));

  it.each([
    "I am a travel agent",
    "my agent number is 4",
    "Where is my parcel?",
    "the person who delivered it was rude",
    "Thanks, that helps",
    "What does your team do?",
  ])("does not ask: %s", (text) => expect(asksForPerson(text)).toBe(false));
});
