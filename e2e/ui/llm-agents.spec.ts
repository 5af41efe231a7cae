import { expect, test } from "@playwright/test";
import { Api, unique } from "../support/api";
import { afterTools, type ChatRequest, ModelServer, textOf } from "../support/model-server";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, expectAccessible, phonePage, screenshot } from "../support/ui";

/**
 * Language-model agents in Chromium: the admin creates one, gives it knowledge and tries it in the sandbox panel;
 * a customer sees its greeting written as it streams; a representative gets its summary on the hand-off card.
 * The model is a real local HTTP server speaking the OpenAI protocol, scripted per test (e2e/support/model-server.ts).
 */
const models: ModelServer[] = [];
test.afterEach(async () => {
  await Promise.all(models.splice(0).map((model) => model.stop().catch(() => undefined)));
});

const greetingAsked = (request: ChatRequest) => /Write your greeting/.test(textOf(request.messages.at(-1)));

test("[ADMIN LLM] creates a language-model agent, gives it knowledge, and tries it in the sandbox", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const model = await ModelServer.start((req) => {
    if (greetingAsked(req)) return { text: "Hello! I'm the returns assistant." };
    if (!afterTools(req)) return { toolCalls: [{ name: "search_knowledge", arguments: { query: "return window" } }] };
    const found = req.messages
      .filter((m) => m.role === "tool")
      .map(textOf)
      .join("\n");
    return { text: found.includes("30 days") ? "You have 30 days to return it." : "I don't know." };
  });
  models.push(model);
  const api = new Api(request);
  const queue = await api.queue({ name: unique("Returns") });
  const name = unique("Returns bot");
  const page = await deskPage(browser);
  await signInAsStaff(page, "admin");

  await page.goto("/admin/agents/new");
  await page.getByRole("radio", { name: /Language model/ }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: queue.name, exact: true }).check();
  await page.getByLabel("Base URL").fill(model.url);
  await page.getByLabel("Model", { exact: true }).fill("llama3.2");
  await page.getByLabel("API key").fill("sk-ui-secret-key");
  await page.getByLabel("Instructions").fill("You answer questions about returns, briefly.");
  await page.getByLabel("Turns per conversation").fill("30");
  await expectAccessible(page, "the new language-model agent form");
  await page.getByRole("button", { name: "Create AI agent" }).click();
  await expect(page).toHaveURL(/\/admin\/agents$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Language model");

  // Edit: the URL as used (with /v1), the key never shown.
  await row.getByRole("link", { name: `Edit ${name}` }).click();
  await expect(page.getByLabel("Base URL")).toHaveValue(`${model.url}/v1`);
  await expect(page.getByLabel("API key")).toHaveValue("");
  await expect(page.getByLabel("API key")).toHaveAttribute("placeholder", /stored/);
  expect(await page.content()).not.toContain("sk-ui-secret-key");

  // Knowledge: a FAQ entry typed in, a Markdown file uploaded.
  const knowledge = page.getByRole("region", { name: "Knowledge" });
  await knowledge.getByLabel("Question").fill("Can I pay by invoice?");
  await knowledge.getByLabel("Answer").fill("Yes, for business customers.");
  await knowledge.getByRole("button", { name: "Add FAQ entry" }).click();
  await expect(knowledge.getByRole("list", { name: "Knowledge" })).toContainText("Can I pay by invoice?");
  await knowledge.getByLabel("Or upload a .md or .txt file").setInputFiles({
    name: "returns.md",
    mimeType: "text/markdown",
    buffer: Buffer.from("# Returns\n\nYou can return any item within 30 days of delivery.\n"),
  });
  await expect(knowledge.getByLabel("Title")).toHaveValue("returns.md");
  await knowledge.getByRole("button", { name: "Add document" }).click();
  await expect(knowledge.getByRole("list", { name: "Knowledge" })).toContainText("returns.md");

  // Try it: the greeting, then a question answered from the knowledge, with the tool call shown.
  const tryIt = page.getByRole("region", { name: "Try it" });
  await tryIt.getByRole("button", { name: "Start: greeting" }).click();
  const sandbox = tryIt.getByRole("list", { name: "Sandbox conversation" });
  await expect(sandbox).toContainText("Hello! I'm the returns assistant.");
  await tryIt.getByLabel("As the customer").fill("How long can I return a jacket?");
  await tryIt.getByRole("button", { name: "Send" }).click();
  await expect(sandbox).toContainText("You have 30 days to return it.");
  await expect(tryIt.getByTestId("try-tool-call")).toContainText('search_knowledge({"query":"return window"})');
  await expect(tryIt.getByTestId("try-tool-call")).toContainText("returns.md");
  await expectAccessible(page, "the language-model agent's knowledge and Try it panels");
  await screenshot(page, testInfo, "admin-llm-try-it");

  // Nothing of the sandbox was stored: no usage.
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage.getByRole("definition").first()).toHaveText("0");
});

test("[CHAT LLM] the customer sees the greeting as it is written; the representative gets the model's summary", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const greeting = "Hi Dana! I'm Ava, the assistant of Example Ltd. Ask me anything about your order.";
  // The greeting waits until the customer's chat is on screen (and its stream open), then is written slowly.
  let release = () => {};
  const chatShown = new Promise<void>((resolve) => {
    release = resolve;
  });
  const model = await ModelServer.start(async (req) => {
    if (greetingAsked(req)) {
      await chatShown;
      return { text: greeting, chunkSize: 3, chunkDelayMs: 100 };
    }
    if (typeof req.tool_choice === "object") {
      // A request for a person: the escalate tool is required (the AI SDK sends "auto" otherwise).
      return {
        toolCalls: [
          {
            name: "escalate",
            arguments: {
              reason: "Asked for a person.",
              wants: "A refund for a damaged parcel",
              tried: "Explained the refund policy",
              mood: "Annoyed",
            },
          },
        ],
      };
    }
    return { text: "I'm sorry about that. Could you tell me your order number?" };
  });
  models.push(model);
  const api = new Api(request);
  const tag = Math.random().toString(36).slice(2, 6);
  const entry = await api.queue({ name: `Chat ${tag}` });
  const people = await api.queue({ name: `People ${tag}` });
  const rep = await api.rep({ name: `Riley ${tag}`, capacity: 3, presence: "offline" });
  await api.join(people.id, rep.id);
  const ava = await api.ok("POST", "/api/agents", {
    kind: "ai",
    botType: "llm",
    name: `Ava ${tag}`,
    modelBaseUrl: model.url,
    modelName: "test-model",
    escalationQueueId: people.id,
  });
  await api.join(entry.id, ava.id);

  const desk = await deskPage(browser);
  await signInAsRepresentative(desk, api, rep);
  await desk.goto("/workspace");
  await desk.getByRole("combobox", { name: "Presence" }).click();
  await desk.getByRole("option", { name: /^Available/ }).click();
  await expect(desk.getByRole("combobox", { name: "Presence" })).toHaveText(/Available/);

  const phone = await phonePage(browser);
  await phone.goto(`/chat?queue=${entry.id}`);
  await phone.getByLabel("Your name").fill("Dana");
  await phone.getByLabel("What is it about?").fill("Damaged parcel");
  await phone.getByRole("button", { name: "Start chat" }).click();
  const chat = phone.getByRole("log", { name: "Conversation" });
  await expect(chat).toContainText(`Ava ${tag} joined the chat`);
  release();

  // The reply grows on screen before it is stored; then the stored message replaces it, once.
  const draft = phone.getByTestId("draft-reply");
  await expect(draft).toBeVisible();
  await screenshot(phone, testInfo, "chat-llm-greeting-streaming");
  await expect(chat.locator("li", { hasText: greeting })).toHaveCount(1);
  await expect(draft).toHaveCount(0);

  const composer = phone.getByRole("textbox", { name: "Message" });
  await composer.fill("My parcel arrived broken.");
  await composer.press("Enter");
  await expect(chat).toContainText("Could you tell me your order number?");
  await phone.getByRole("button", { name: "Talk to a person" }).click();
  await expect(chat).toContainText("connecting you to a person");

  // The representative's hand-off card: the model's summary, not the customer's last lines quoted.
  const item = desk.getByRole("navigation", { name: "Inbox" }).getByRole("button", { name: /Dana/ });
  await item.click();
  const card = desk.getByRole("region", { name: "Hand-off" }).getByTestId("handoff-brief");
  await expect(card).toContainText("The customer asked for a person. Asked for a person.");
  await expect(card).toContainText("A refund for a damaged parcel");
  await expect(card).toContainText("Explained the refund policy");
  await expect(card).toContainText("Annoyed");
  const deskLog = desk.getByRole("log", { name: "Conversation" });
  await expect(deskLog).toContainText(greeting);
  await expect(deskLog).toContainText(`Ava ${tag} escalated`);
  await expectAccessible(desk, "the workspace with a language model's hand-off summary");
  await screenshot(desk, testInfo, "workspace-llm-handoff-summary");
});
