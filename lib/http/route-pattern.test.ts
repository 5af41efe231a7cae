import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

describe("routePattern", () => {
  it("puts each parameter's name where its value was, so every conversation shares one label", () => {
    expect(routePattern("/api/conversations/c_123/messages", { id: "c_123" })).toBe("/api/conversations/[id]/messages");
    expect(routePattern("/api/queues/q1/members/a1", { id: "q1", agentId: "a1" })).toBe(
      "/api/queues/[id]/members/[agentId]",
    );
    expect(routePattern("/api/health", {})).toBe("/api/health");
  });

  it("matches the decoded values Next.js hands over against the encoded path", () => {
    expect(routePattern("/api/agents/a%20b/stream", { id: "a b" })).toBe("/api/agents/[id]/stream");
  });

  it("names catch-alls, and leaves an empty optional catch-all out", () => {
    const base = "/api/bot-channel/ag/key/v3/conversations/cv/activities";
    const params = { agentId: "ag", key: "key", conversationId: "cv" };
    expect(routePattern(`${base}/r1`, { ...params, replyToId: ["r1"] })).toBe(
      "/api/bot-channel/[agentId]/[key]/v3/conversations/[conversationId]/activities/[...replyToId]",
    );
    expect(routePattern(base, { ...params, replyToId: undefined })).toBe(
      "/api/bot-channel/[agentId]/[key]/v3/conversations/[conversationId]/activities",
    );
    expect(routePattern("/api/auth/sign-in/email", { all: ["sign-in", "email"] })).toBe("/api/auth/[...all]");
  });

  it("two parameters with the same value each take their own segment, in order", () => {
    expect(routePattern("/api/queues/x/members/x", { id: "x", agentId: "x" })).toBe(
      "/api/queues/[id]/members/[agentId]",
    );
  });

  it("never lets a value through: one it cannot place makes the whole label 'other'", () => {
    expect(routePattern("/api/conversations/c_123/messages", { id: "c_999" })).toBe("other");
    expect(routePattern("/api/conversations/%E0%A4%A/messages", { id: "%E0%A4%A" })).toBe("other");
  });
});
