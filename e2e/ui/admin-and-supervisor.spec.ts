import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { Api } from "../support/api";
import { signInAsRepresentative, signInAsStaff } from "../support/sign-in";
import { deskPage, expectAccessible, noHorizontalScroll, screenshot } from "../support/ui";

/**
 * The admin console (setting up the one-queue hand-back flow, with the
 * configuration checker catching a capacity order that would break it) and
 * the supervisor console (a conversation appearing live, its routing
 * explained, a hand-back to an AI agent, the timeline exported). Each
 * surface and dialog on the way gets a WCAG 2.1 AA scan (axe-core).
 */
test.use({ viewport: { width: 1280, height: 800 } });

const tagged = () => Math.random().toString(36).slice(2, 6);

async function createAiAgent(
  page: Page,
  fields: { name: string; capacity: string; queue: string; escalatesTo?: string },
  { scan = false } = {},
) {
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "AI agents" }).click();
  await page.getByRole("link", { name: "New AI agent" }).click();
  await expect(page.getByRole("heading", { name: "New AI agent" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(fields.name);
  await page.getByLabel("Capacity", { exact: true }).fill(fields.capacity);
  await page.getByRole("checkbox", { name: fields.queue }).check();
  await page.getByLabel("Greeting").fill("Hi {customerName}, I'm {agentName}.");
  if (fields.escalatesTo) {
    await page.getByRole("combobox", { name: "Escalation queue" }).click();
    await page.getByRole("option", { name: fields.escalatesTo }).click();
  }
  if (scan) await expectAccessible(page, "the new AI agent form");
  await page.getByRole("button", { name: "Create AI agent" }).click();
  await expect(page).toHaveURL(/\/admin\/agents$/);
  await expect(page.getByRole("rowheader", { name: fields.name })).toBeVisible();
  if (scan) await expectAccessible(page, "the AI agents list");
}

test("[ADMIN] sets up a one-queue hand-back; the checker flags the capacity order until it is fixed in place", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000); // five accessibility scans; slow when the machine is shared
  const tag = tagged();
  const queueName = `Orders ${tag}`;
  const agentA = `Agent A ${tag}`;
  const agentB = `Agent B ${tag}`;
  const rep = `Riley ${tag}`;
  await signInAsStaff(page, "admin");

  // A queue, created through the form; with no members the checker already speaks up.
  await page.goto("/admin");
  await page.getByRole("button", { name: "New queue" }).click();
  const dialog = page.getByRole("dialog", { name: "New queue" });
  await dialog.getByLabel("Name").fill(queueName);
  await expectAccessible(page, "the new queue dialog");
  await dialog.getByRole("button", { name: "Create queue" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: queueName })).toBeVisible();
  const check = page.getByTestId("queue-check");
  await expect(check.locator("[data-code=no_eligible_member]")).toBeVisible();

  // Agent A escalates into this queue (highest capacity); Agent B is the hand-back target (lowest).
  await createAiAgent(page, { name: agentA, capacity: "10", queue: queueName, escalatesTo: queueName }, { scan: true });
  await createAiAgent(page, { name: agentB, capacity: "2", queue: queueName });

  // A representative whose capacity (1) is below Agent B's: escalations would go to Agent B.
  await page.getByRole("link", { name: "Representatives" }).click();
  await page.getByLabel("Name", { exact: true }).fill(rep);
  await page.getByLabel("Capacity", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Add representative" }).click();
  await expect(page.getByRole("rowheader", { name: rep })).toBeVisible();
  await expectAccessible(page, "the representatives page");

  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Queues" }).click();
  await page
    .getByRole("navigation", { name: "Queues" })
    .getByRole("link", { name: new RegExp(queueName) })
    .click();
  // The list opens on its first queue: wait until ours is the one shown before adding to it.
  await expect(page.getByRole("heading", { level: 2, name: queueName })).toBeVisible();
  await page.getByRole("combobox", { name: "Add member" }).click();
  await page.getByRole("option", { name: rep }).click();
  await page.getByRole("button", { name: "Add to queue" }).click();
  await expect(page.getByRole("rowheader", { name: new RegExp(rep) })).toBeVisible();

  const warning = check.locator("[data-code=hand_back_capacity_order]");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(`${rep} (1) is not above ${agentB} (2)`);
  await expect(check.locator("[data-code=no_eligible_member]")).toHaveCount(0);
  await noHorizontalScroll(page);
  await expectAccessible(page, "a queue with the checker's warning");
  await screenshot(page, testInfo, "admin-checker-warning", { dismissToasts: true });

  // Fixed where it is shown: the representative's capacity, edited in place.
  const capacity = page.getByLabel(`Capacity of ${rep}`);
  await capacity.fill("5");
  await expect(capacity).toHaveValue("5"); // typed into the live row, not one a refetch replaced
  await capacity.press("Enter");
  await expect(warning).toHaveCount(0);
  await expect(check).toContainText("No problems found");
  await expect(page.getByLabel(`Capacity of ${rep}`)).toHaveValue("5");
  const members = page.getByRole("table", { name: `Members of ${queueName}` }).getByRole("rowheader");
  await expect(members).toHaveText([new RegExp(agentA), new RegExp(rep), new RegExp(agentB)]);
  await screenshot(page, testInfo, "admin", { dismissToasts: true });
});

test("[ADMIN] a capacity below what a representative holds is refused in place; the typed value stays beside the reason", async ({
  page,
  request,
}, testInfo) => {
  // Riley holds 3 conversations (3 units) with a capacity of 5.
  const api = new Api(request);
  const rep = await api.rep({ name: `Riley Chen ${tagged()}`, capacity: 5 });
  const queue = await api.queue();
  await api.join(queue.id, rep.id);
  for (let i = 0; i < 3; i++) await api.start({ queueId: queue.id });
  await signInAsStaff(page, "admin");
  await page.goto("/admin/representatives");
  const row = page.getByRole("row", { name: new RegExp(rep.name) });
  await expect(row).toContainText("3 of 5");

  // Lowered to 1 (Enter): refused, said plainly, the 1 kept in the field, nothing changed.
  const capacity = page.getByLabel(`Capacity of ${rep.name}`);
  await capacity.fill("1");
  await capacity.press("Enter");
  const reason = row.getByRole("alert");
  await expect(reason).toHaveText(`${rep.name} holds 3 units; capacity can't go below 3 until they finish`);
  await expect(capacity).toHaveValue("1");
  await expect(capacity).toHaveAttribute("aria-invalid", "true");
  await expect(row).toContainText("3 of 5");
  await expectAccessible(page, "a refused capacity");
  await screenshot(page, testInfo, "admin-capacity-refused");

  // Leaving the field (blur) with another value below the load: refused the same way, the typed value kept.
  await capacity.fill("2");
  await capacity.blur();
  await expect(reason).toHaveText(`${rep.name} holds 3 units; capacity can't go below 3 until they finish`);
  await expect(capacity).toHaveValue("2");
  expect((await api.ok("GET", `/api/agents/${rep.id}`)).capacity).toBe(5);

  // Exactly the load is allowed.
  await capacity.fill("3");
  await capacity.press("Enter");
  await expect(row).toContainText("3 of 3");
  await expect(reason).toHaveCount(0);
  await expect(capacity).not.toHaveAttribute("aria-invalid", "true");
  expect((await api.ok("GET", `/api/agents/${rep.id}`)).capacity).toBe(3);
});

test("[SUPERVISOR] a conversation appears live, its routing is explained, it is handed back to an AI agent and exported", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000); // three accessibility scans; slow when the machine is shared
  const api = new Api(request);
  const tag = tagged();
  const queue = await api.queue({ name: `Support ${tag}` });
  const feedback = await api.queue({ name: `Feedback ${tag}` });
  const sky = await api.ai({
    name: `Sky ${tag}`,
    capacity: 10,
    escalationQueueId: queue.id,
    greeting: "Hi {customerName}, I'm Sky.",
  });
  const bea = await api.ai({ name: `Bea ${tag}`, greeting: "Hi again {customerName}, I'm Bea: two quick questions." });
  const riley = await api.rep({ name: `Riley ${tag}`, capacity: 3 });
  await api.join(queue.id, sky.id);
  await api.join(queue.id, riley.id);
  await api.join(feedback.id, bea.id);

  await signInAsStaff(page, "supervisor");
  await page.goto("/supervisor");
  const queueRow = page.getByTestId("queue-table").getByRole("row", { name: new RegExp(queue.name) });
  await expect(queueRow).toBeVisible();

  // A customer starts a chat and asks for a person: the dashboard follows without a reload.
  const customer = `Dana ${tag}`;
  const { conversation, customerToken } = await api.start({ customer: { name: customer }, queueId: queue.id });
  await api.say(conversation.id, customerToken, "Can I talk to a person please?");
  await api.ok("POST", `/api/conversations/${conversation.id}/messages`, {
    text: "Hi Dana, Riley here. Let me look into it.",
    byAgentId: riley.id,
  });
  const row = page.getByTestId("conversation-table").getByRole("row", { name: new RegExp(customer) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(riley.name);
  await expect(page.getByRole("meter", { name: `Load of ${riley.name}` })).toHaveJSProperty("value", 1);
  await noHorizontalScroll(page);
  await expectAccessible(page, "the supervisor dashboard");
  await screenshot(page, testInfo, "supervisor", { dismissToasts: true });

  // The conversation's timeline: why the representative got it, and why Sky did not.
  await row.getByRole("link", { name: customer }).click();
  await expect(page.getByRole("heading", { name: customer })).toBeVisible();
  const timeline = page.getByTestId("timeline");
  const assigned = timeline.locator("li[data-type='agent.assigned']").last();
  await expect(assigned).toContainText(`Assigned to ${riley.name} (representative)`);
  await expect(assigned).toContainText(`${riley.name} chosen by highest capacity`);
  const explanation = assigned.getByTestId("routing-explanation");
  await expect(explanation).toContainText("Eligible, best first");
  await expect(explanation).toContainText(`${sky.name}Sent it here`);
  await expect(explanation).toContainText("transferred this conversation here");
  await expect(page.getByTestId("transcript")).toContainText("Can I talk to a person please?");
  await expectAccessible(page, "the supervisor's conversation page");

  // Hand-back by the supervisor, straight to an AI agent, with a note.
  await page.getByRole("button", { name: "Transfer…" }).click();
  const transfer = page.getByRole("dialog", { name: "Transfer this conversation" });
  await transfer.getByRole("radio", { name: bea.name }).check();
  await transfer.getByLabel("Note for the next agent").fill("Please run the satisfaction survey.");
  await expectAccessible(page, "the supervisor's transfer dialog");
  await transfer.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(transfer).toBeHidden();
  await expect(timeline.locator("li[data-type='conversation.transferred']").last()).toContainText(
    `it to ${bea.name} (AI agent)`,
  );
  await expect(timeline.locator("li[data-type='context.set']").last()).toContainText(
    "Please run the satisfaction survey.",
  );
  await expect(page.getByTestId("transcript")).toContainText(`Hi again ${customer}, I'm Bea`);
  await noHorizontalScroll(page);
  await screenshot(page, testInfo, "supervisor-conversation", { dismissToasts: true });

  // Export: the whole timeline as JSON, the routing explanation included.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export timeline as JSON" }).click();
  const file = await (await download).path();
  const exported = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(exported.conversation.id).toBe(conversation.id);
  const types = exported.timeline.map((e: { type: string }) => e.type);
  expect(types[0]).toBe("conversation.started");
  expect(types).toContain("conversation.transferred");
  const toRiley = exported.timeline.find((e: any) => e.type === "agent.assigned" && e.data.agentId === riley.id);
  expect(toRiley.data.excluded).toEqual([expect.objectContaining({ agentId: sky.id, reason: "sender" })]);
  expect(exported.timeline.map((e: { seq: number }) => e.seq)).toEqual(types.map((_: string, i: number) => i + 1));
});

test("[ROLES] a console shows only to the roles that use it; others are sent on, not shown actions they cannot take", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000); // three sign-ins (each now also checked by the sign-in throttle) and a scan, on a shared machine
  const consoles = (page: Page) => page.getByRole("navigation", { name: "Consoles" }).getByRole("link");

  const api = new Api(request);
  await api.queue(); // the supervisor's queue table shows once there is a queue, whichever tests ran before
  // A supervisor: no admin console (no "New queue" to be refused), and the switcher does not offer it.
  const supervisor = await deskPage(browser);
  await signInAsStaff(supervisor, "supervisor");
  await supervisor.goto("/admin");
  await expect(supervisor.getByRole("heading", { name: "The admin console is not part of your role" })).toBeVisible();
  await expect(supervisor.getByRole("button", { name: "New queue" })).toHaveCount(0);
  await expect(supervisor.getByRole("navigation", { name: "Admin sections" })).toHaveCount(0);
  await expect(consoles(supervisor)).toHaveText(["Workspace", "Supervisor"]);
  await expectAccessible(supervisor, "the refused admin console");
  await supervisor.getByRole("link", { name: "Go to the supervisor console" }).click();
  await expect(supervisor).toHaveURL(/\/supervisor$/);
  await expect(supervisor.getByTestId("queue-table")).toBeVisible();

  // A representative: sent on from the supervisor console to their workspace.
  const rep = await api.rep({ name: `Robin ${tagged()}`, capacity: 2 });
  const representative = await deskPage(browser);
  await signInAsRepresentative(representative, api, rep);
  await representative.goto("/supervisor");
  await expect(
    representative.getByRole("heading", { name: "The supervisor console is not part of your role" }),
  ).toBeVisible();
  await expect(representative.getByTestId("queue-table")).toHaveCount(0);
  await expect(consoles(representative)).toHaveText(["Workspace"]);
  await representative.getByRole("link", { name: "Go to your workspace" }).click();
  await expect(representative).toHaveURL(/\/workspace$/);

  // The admin sees every console.
  const admin = await deskPage(browser);
  await signInAsStaff(admin, "admin");
  await admin.goto("/supervisor");
  await expect(consoles(admin)).toHaveText(["Workspace", "Supervisor", "Admin"]);
});
