import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { afterTools, ModelServer } from "@/e2e/support/model-server";
import { getDb } from "@/lib/db/client";
import { buildLlmAgent, buildQueue } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { addKnowledge } from "./knowledge/add-knowledge";
import { tryAgent } from "./try-agent";

/** The admin's sandbox: the real turn against a real model server, with nothing stored and nothing routed. */
let model: ModelServer;
beforeEach(async () => {
  await resetDatabase();
  model = await ModelServer.start();
});
afterEach(() => model.stop());

describe("[LLM] Try it: a sandbox conversation that never enters a queue", () => {
  it("greets, shows the tools it called, keeps facts in the sandbox, and only reports decisions", async () => {
    const billing = await buildQueue({ name: "Billing" });
    const agent = await buildLlmAgent({ name: "Ava", baseUrl: model.url, transferQueueIds: [billing.id] });
    await addKnowledge(agent.id, { kind: "faq", question: "Opening hours?", answer: "9 to 5, Monday to Friday." });

    model.setScript([{ text: "Hi, I'm Ava!" }]);
    const greeting = await tryAgent(agent.id, { messages: [] });
    expect(greeting).toMatchObject({ reply: "Hi, I'm Ava!", decision: null, failure: null, toolCalls: [] });

    model.setScript((request) =>
      afterTools(request)
        ? { text: "We're open 9 to 5." }
        : {
            toolCalls: [
              { name: "search_knowledge", arguments: { query: "opening hours" } },
              { name: "record_fact", arguments: { key: "askedAbout", value: "hours" } },
            ],
          },
    );
    const answer = await tryAgent(agent.id, {
      messages: [
        { role: "agent", text: "Hi, I'm Ava!" },
        { role: "customer", text: "When are you open?" },
      ],
    });
    expect(answer.reply).toBe("We're open 9 to 5.");
    expect(answer.facts).toEqual({ askedAbout: "hours" });
    expect(answer.toolCalls.map((c) => c.tool).sort()).toEqual(["record_fact", "search_knowledge"]);
    expect(answer.toolCalls.find((c) => c.tool === "search_knowledge")?.result).toContain("9 to 5, Monday to Friday.");

    model.setScript([{ toolCalls: [{ name: "transfer", arguments: { queue: "Billing", reason: "Invoice" } }] }]);
    const transfer = await tryAgent(agent.id, { messages: [{ role: "customer", text: "About my invoice" }] });
    expect(transfer.decision).toEqual({ kind: "transfer", detail: "Would transfer to Billing: Invoice" });

    const person = await tryAgent(agent.id, { messages: [{ role: "customer", text: "Let me talk to a human" }] });
    expect(person).toMatchObject({ personRequested: true, decision: { kind: "escalate" } });

    model.setScript([{ status: 401 }]);
    const refused = await tryAgent(agent.id, { messages: [{ role: "customer", text: "Hello?" }] });
    expect(refused.failure).toMatch(/API key was not accepted \(HTTP 401\)/);

    // Nothing of it was stored, and nothing was routed.
    expect(await getDb().conversation.count()).toBe(0);
    expect(await getDb().modelUsage.count()).toBe(0);
  });

  it("refuses a sandbox turn that does not end with the customer, and agents that are not language models", async () => {
    const agent = await buildLlmAgent({ baseUrl: model.url });
    await expect(tryAgent(agent.id, { messages: [{ role: "agent", text: "Hi" }] })).rejects.toMatchObject({
      code: "invalid_state",
    });
    expect(model.requests).toHaveLength(0);
  });
});
