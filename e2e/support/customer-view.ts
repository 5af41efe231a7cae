import { expect } from "@playwright/test";

/**
 * What a customer may be sent, written out independently of the server's
 * schemas: the keys each object may have, by what it is. A test walks every
 * object in a customer's answer and fails on any other key.
 */
const speaker = ["name", "kind"];
export const customerShapes = {
  conversation: ["id", "status", "answering", "waiting"],
  waiting: ["position", "estimatedWaitSeconds"],
  speaker,
  message: ["id", "text", "at", "sender"],
  /** Only on an AI agent's line that offers buttons (a survey's 1 to 5). */
  messageChoices: ["choices"],
  choice: ["label", "value"],
  sender: ["type", ...speaker],
  started: ["conversation", "customerToken"],
  events: {
    message: ["seq", "at", "type", "message"],
    "agent.joined": ["seq", "at", "type", "agent"],
    "agent.left": ["seq", "at", "type", "agent"],
    queued: ["seq", "at", "type", "position"],
    ended: ["seq", "at", "type", "agent"],
    closed: ["seq", "at", "type", "by"],
  } as Record<string, string[]>,
};

/** Every key that may appear anywhere in a customer's answer. */
const anyCustomerKey = new Set([
  ...customerShapes.conversation,
  ...customerShapes.waiting,
  ...customerShapes.message,
  ...customerShapes.messageChoices,
  ...customerShapes.choice,
  ...customerShapes.sender,
  ...customerShapes.started,
  ...Object.values(customerShapes.events).flat(),
]);

/** Every key path in a JSON value (arrays as `[]`). */
export function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, inner]) => [
      `${prefix}.${key}`,
      ...keyPaths(inner, `${prefix}.${key}`),
    ]);
  return [];
}

/** (a) Only whitelisted keys, at any depth. */
export function expectOnlyCustomerKeys(value: unknown, where: string) {
  const stray = keyPaths(value).filter((path) => !anyCustomerKey.has(path.split(".").at(-1) as string));
  expect(stray, `${where}: keys a customer must not be sent`).toEqual([]);
}

const sorted = (keys: string[]) => [...keys].sort();

/** Exactly the keys of a customer conversation (and of what it nests). */
export function expectCustomerConversation(conversation: any, where: string) {
  expect(sorted(Object.keys(conversation)), where).toEqual(sorted(customerShapes.conversation));
  if (conversation.answering)
    expect(sorted(Object.keys(conversation.answering)), `${where}.answering`).toEqual(sorted(speaker));
  if (conversation.waiting)
    expect(sorted(Object.keys(conversation.waiting)), `${where}.waiting`).toEqual(sorted(customerShapes.waiting));
}

export function expectCustomerMessage(message: any, where: string) {
  const offersChoices = message.sender?.type === "agent" && "choices" in message;
  const keys = offersChoices ? [...customerShapes.message, ...customerShapes.messageChoices] : customerShapes.message;
  expect(sorted(Object.keys(message)), where).toEqual(sorted(keys));
  for (const [index, choice] of (offersChoices ? message.choices : []).entries())
    expect(sorted(Object.keys(choice)), `${where}.choices[${index}]`).toEqual(sorted(customerShapes.choice));
  const senderKeys = message.sender.type === "agent" ? ["type", ...speaker] : ["type"];
  expect(sorted(Object.keys(message.sender)), `${where}.sender`).toEqual(sorted(senderKeys));
}

/** Exactly the keys of its type, for each event; no type outside the customer's vocabulary. */
export function expectCustomerEvents(events: any[], where: string) {
  for (const [index, event] of events.entries()) {
    const at = `${where}[${index}] (${event.type})`;
    const shape = customerShapes.events[event.type];
    expect(shape, `${at}: not a customer event type`).toBeDefined();
    expect(sorted(Object.keys(event)), at).toEqual(sorted(shape));
    if (event.message) expectCustomerMessage(event.message, `${at}.message`);
    if (event.agent) expect(sorted(Object.keys(event.agent)), `${at}.agent`).toEqual(sorted(speaker));
  }
  expectOnlyCustomerKeys(events, where);
}

/**
 * (b) None of the secrets anywhere in what was sent — as written, and as JSON
 * escapes it (a secret with quotes in it reads differently inside a JSON string).
 * Words are matched case-insensitively.
 */
export function expectNoSecrets(raw: string, secrets: string[], where: string) {
  const text = raw.toLowerCase();
  const found = secrets.filter((secret) =>
    [secret, JSON.stringify(secret).slice(1, -1)].some((form) => text.includes(form.toLowerCase())),
  );
  expect(found, `${where} carries staff-only text`).toEqual([]);
}
