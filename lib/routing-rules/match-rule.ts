import { z } from "zod";

/**
 * Routing rules, pure: ordered conditions on the conversation's topic and
 * context; the first rule whose conditions all hold names the queue.
 */
export const conditionSchema = z
  .object({
    field: z.string().regex(/^(topic|context\.[A-Za-z0-9_.-]+)$/, 'must be "topic" or "context.<key>"'),
    op: z.enum(["equals", "contains", "in"]),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
  })
  // An empty value was once saved and then matched nothing (or, with "contains", everything): refused, and named.
  .superRefine((condition, context) => {
    const problem = emptyValueProblem(condition);
    if (problem) context.addIssue({ code: "custom", path: ["value"], message: problem });
  });

/** Why a condition's value is empty, in words for the admin; null when it has one. */
export function emptyValueProblem(condition: Pick<Condition, "op" | "value">): string | null {
  const blank = (v: unknown) => typeof v === "string" && v.trim() === "";
  if (Array.isArray(condition.value)) {
    if (condition.value.length === 0) return "must list at least one value";
    if (condition.value.some(blank)) return "must not contain an empty value";
    return null;
  }
  return blank(condition.value) ? "must not be empty" : null;
}
export type Condition = z.infer<typeof conditionSchema>;

export interface RuleForMatching {
  id: string;
  name: string;
  position: number;
  queueId: string;
  conditions: Condition[];
}

export interface MatchInput {
  topic: string | null;
  context: Record<string, unknown>;
}

function fieldValue(field: string, input: MatchInput): unknown {
  if (field === "topic") return input.topic;
  let value: unknown = input.context;
  for (const key of field.slice("context.".length).split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const normalise = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : value);

export function conditionHolds(condition: Condition, input: MatchInput): boolean {
  const actual = normalise(fieldValue(condition.field, input));
  if (actual === undefined || actual === null) return false;
  switch (condition.op) {
    case "equals":
      return actual === normalise(condition.value);
    case "contains":
      return typeof actual === "string" && actual.includes(String(normalise(condition.value)));
    case "in":
      return Array.isArray(condition.value) && condition.value.map(normalise).includes(actual);
  }
}

/** The first rule (by position) whose every condition holds; a rule with no conditions always matches. */
export function matchRule<T extends RuleForMatching>(rules: T[], input: MatchInput): T | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  return ordered.find((rule) => rule.conditions.every((c) => conditionHolds(c, input))) ?? null;
}
