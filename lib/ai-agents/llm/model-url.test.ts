import { afterEach, describe, expect, it } from "vitest";
import { toAdminAgentView, toStaffAgentView } from "@/lib/agents/agent-view";
import { createAgent } from "@/lib/agents/create-agent";
import { createAgentSchema, updateAgentSchema } from "@/lib/agents/schemas";
import { updateAgent } from "@/lib/agents/update-agent";
import { AppError } from "@/lib/errors";
import { botHostsVariable } from "../bot-hosts";
import { normaliseModelBaseUrl } from "./model-url";

afterEach(() => {
  delete process.env[botHostsVariable];
});

describe("[LLM] the model's base URL, with or without /v1", () => {
  it.each([
    ["http://localhost:11434", "http://localhost:11434/v1"], // Ollama as typed
    ["http://localhost:11434/", "http://localhost:11434/v1"],
    ["http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1"], // llama.cpp's server
    ["http://localhost:1234/v1", "http://localhost:1234/v1"], // LM Studio, vLLM
    ["https://api.openai.com/v1/chat/completions", "https://api.openai.com/v1"], // pasted whole
    ["https://openrouter.ai/api", "https://openrouter.ai/api/v1"],
    ["https://example.openai.azure.com/openai/v1/", "https://example.openai.azure.com/openai/v1"],
    [
      "https://generativelanguage.googleapis.com/v1beta/openai/",
      "https://generativelanguage.googleapis.com/v1beta/openai",
    ],
    ["https://user:pw@models.example.com/x?y=1#z", "https://models.example.com/x/v1"], // credentials and query dropped
  ])("%s → %s", (typed, used) => {
    expect(normaliseModelBaseUrl(typed)).toBe(used);
  });
});

describe("[LLM] an LLM agent's configuration", () => {
  const input = (fields: Record<string, unknown> = {}) =>
    createAgentSchema.parse({
      kind: "ai",
      botType: "llm",
      name: "Ava",
      modelBaseUrl: "http://127.0.0.1:11434",
      modelName: "llama3.2",
      modelApiKey: "sk-test-key-that-must-never-come-back",
      instructions: "Be kind.",
      ...fields,
    });

  it("stores the base URL as used and the key write-only: no view returns it, admins see only that one is set", async () => {
    const { agent } = await createAgent(input());
    expect(agent.modelBaseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(agent.replyTimeoutMs).toBe(30_000); // a model's default is longer than a bot's
    const admin = toAdminAgentView(agent);
    const staff = toStaffAgentView(agent);
    expect(admin).toMatchObject({
      hasApiKey: true,
      modelBaseUrl: "http://127.0.0.1:11434/v1",
      instructions: "Be kind.",
    });
    expect(JSON.stringify(admin)).not.toContain("sk-test-key");
    expect(JSON.stringify(staff)).not.toContain("sk-test-key");
    expect(staff).not.toHaveProperty("modelBaseUrl");
    expect(staff).not.toHaveProperty("instructions");

    const edited = await updateAgent(agent.id, updateAgentSchema.parse({ modelBaseUrl: "http://127.0.0.1:8080/" }));
    expect(edited.modelBaseUrl).toBe("http://127.0.0.1:8080/v1");
    expect(edited.modelApiKey).toBe("sk-test-key-that-must-never-come-back"); // untouched unless given
    const removed = await updateAgent(agent.id, updateAgentSchema.parse({ modelApiKey: null }));
    expect(toAdminAgentView(removed).hasApiKey).toBe(false);
  });

  it("refuses a model host off the allow-list (400 naming modelBaseUrl), model fields on other kinds (409), unknown transfer queues (404)", async () => {
    process.env[botHostsVariable] = "models.example.com";
    await expect(createAgent(input())).rejects.toMatchObject({
      code: "validation_failed",
      details: { fields: { modelBaseUrl: [expect.stringContaining("not an allowed bot host")] } },
    });
    delete process.env[botHostsVariable];
    const { agent: builtin } = await createAgent(
      createAgentSchema.parse({ kind: "ai", botType: "builtin", name: "B" }),
    );
    await expect(updateAgent(builtin.id, { modelName: "x" })).rejects.toMatchObject({
      code: "invalid_state",
      details: { field: "modelName" },
    });
    const refused = await createAgent(input({ transferQueueIds: ["no-such-queue"] })).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("not_found");
  });
});
