import { describe, expect, it } from "vitest";
import { suggestedChoices } from "./activities";

describe("[AI] suggested actions shown as buttons in the chat", () => {
  it("keeps actions that send text back, labelled by their title, and drops the rest", () => {
    const choices = suggestedChoices({
      type: "message",
      text: "How was it?",
      suggestedActions: {
        actions: [
          { type: "imBack", title: "1", value: "1" },
          { type: "postBack", title: "Very good", value: "5" },
          { type: "messageBack", title: "Meh", text: "3", displayText: "Meh" },
          { type: "openUrl", title: "Our site", value: "https://example.com" },
          { type: "imBack", title: "", value: { not: "text" } },
        ],
      },
    });
    expect(choices).toEqual([
      { label: "1", value: "1" },
      { label: "Very good", value: "5" },
      { label: "Meh", value: "3" },
    ]);
  });

  it("offers nothing when the message has no suggested actions, and at most twelve when it has many", () => {
    expect(suggestedChoices({ type: "message", text: "hi" })).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => ({ type: "imBack", title: String(i), value: String(i) }));
    expect(suggestedChoices({ type: "message", suggestedActions: { actions: many } })).toHaveLength(12);
  });
});
