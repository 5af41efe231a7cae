import { describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/create-agent";
import { createAgentSchema } from "@/lib/agents/schemas";
import { addKnowledge } from "./add-knowledge";
import { documentChunks } from "./chunk-text";
import { deleteKnowledge } from "./delete-knowledge";
import { listKnowledge } from "./list-knowledge";
import { searchKnowledge, searchWords } from "./search-knowledge";

/** Knowledge against the real database's full-text index: FTS5 on SQLite, tsvector on PostgreSQL (project postgres). */
async function llmAgent(name: string) {
  const { agent } = await createAgent(
    createAgentSchema.parse({
      kind: "ai",
      botType: "llm",
      name,
      modelBaseUrl: "http://127.0.0.1:9/v1",
      modelName: "m",
    }),
  );
  return agent;
}

const handbook = `# Returns

You can return any item within 30 days of delivery.

## Refunds

Refunds are paid to the original card within 5 working days after we receive the parcel.

# Shipping

Standard shipping takes 2 to 4 days. Express shipping arrives the next day if ordered before 2 pm.`;

describe("[LLM] knowledge: FAQ entries and documents, searched with the database's full-text index", () => {
  it("chunks a document at its headings, each piece carrying them", () => {
    const chunks = documentChunks("Handbook", handbook);
    expect(chunks).toHaveLength(3);
    expect(chunks[1]).toMatch(/^Handbook › Returns › Refunds\n\nRefunds are paid/);
    expect(chunks[2]).toMatch(/^Handbook › Shipping\n\nStandard shipping/);
    const long = documentChunks("Long", `${"A sentence that goes on. ".repeat(200)}`, 500);
    expect(long.every((chunk) => chunk.length <= 500 + "Long\n\n".length)).toBe(true);
  });

  it("finds by stem, ranks the best piece first, keeps each agent's knowledge apart, and forgets deleted sources", async () => {
    const agent = await llmAgent("Knows");
    const other = await llmAgent("Knows other things");
    const faq = await addKnowledge(agent.id, {
      kind: "faq",
      question: "Do you ship abroad?",
      answer: "Yes, to every country in the EU.",
    });
    const doc = await addKnowledge(agent.id, { kind: "document", title: "Handbook", text: handbook });
    await addKnowledge(other.id, { kind: "faq", question: "Refund policy?", answer: "Refunds within 90 days." });
    expect(doc.chunks).toBe(3);

    const refunds = await searchKnowledge(agent.id, "When is my refund paid back?");
    expect(refunds[0]).toMatchObject({ sourceId: doc.id, title: "Handbook", kind: "document" });
    expect(refunds[0].text).toContain("original card");
    expect(refunds.every((hit) => hit.sourceId !== faq.id && !hit.text.includes("90 days"))).toBe(true);

    const abroad = await searchKnowledge(agent.id, "shipping abroad");
    expect(abroad.map((hit) => hit.sourceId)).toContain(faq.id);

    // Index syntax cannot come in through a query: quotes, operators and column filters are just words.
    expect(searchWords('text:refund" OR * NEAR(')).toEqual(["text", "refund", "near"]);
    await expect(searchKnowledge(agent.id, '") OR ("')).resolves.toEqual([]);

    await deleteKnowledge(agent.id, doc.id);
    expect(await searchKnowledge(agent.id, "refunds")).toEqual([]);
    expect((await listKnowledge(agent.id)).map((source) => source.id)).toEqual([faq.id]);
    await expect(deleteKnowledge(other.id, faq.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
