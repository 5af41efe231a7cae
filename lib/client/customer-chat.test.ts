import { describe, expect, it } from "vitest";
import { applyDraft, type CustomerDraft } from "./customer-chat";

const sender = { name: "Ava", kind: "ai" as const };
const frame = (draftId: string, n: number, text: string, done = false): CustomerDraft => ({
  draftId,
  n,
  text,
  done,
  sender,
});

describe("[CHAT] a reply as it is written (draft frames)", () => {
  it("adds frames in order, ends on done, and never shows a draft without its beginning", () => {
    let draft = applyDraft(null, frame("d1", 0, "Hel"));
    draft = applyDraft(draft, frame("d1", 1, "lo"));
    expect(draft?.text).toBe("Hello");
    expect(applyDraft(draft, frame("d1", 3, " there"))?.text).toBe("Hello"); // a missed frame freezes it
    expect(applyDraft(draft, frame("d1", 2, "", true))).toBeNull();
    expect(applyDraft(null, frame("d2", 4, "middle"))).toBeNull(); // joined mid-draft: nothing
    expect(applyDraft(draft, frame("other", 0, "", true))?.text).toBe("Hello"); // another draft's end
  });
});
