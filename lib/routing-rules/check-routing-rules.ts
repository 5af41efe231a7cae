import { getDb } from "@/lib/db/client";
import { type Condition, emptyValueProblem } from "./match-rule";

/**
 * The routing rules' checker: rules that can never send a conversation anywhere, found from the rules alone —
 * one whose conditions can never all hold (an empty value saved before it was refused, "topic equals a" and
 * "topic equals b" together, …), and one shadowed by an earlier rule that matches every conversation it would
 * (the first match wins, so it is never reached). Pure: `checkRoutingRules` takes the rules as plain data.
 *
 * Sound rather than complete: it reports only what follows from the conditions as written (a rule it does not
 * report may still be unreachable for reasons outside them, e.g. a context key no entry point ever sets).
 */
export type RuleCheckCode = "rule_never_matches" | "rule_shadowed";

export interface RuleWarning {
  ruleId: string;
  code: RuleCheckCode;
  severity: "error" | "warning";
  message: string;
}

export interface CheckedRule {
  id: string;
  name: string;
  position: number;
  conditions: Condition[];
}

type Scalar = string | number | boolean;
/** As matching compares (match-rule.ts): text trimmed and lower-cased. */
const norm = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : value);
const named = (c: Condition, index: number) => `condition ${index + 1} (${c.field} ${c.op} ${JSON.stringify(c.value)})`;

/** Why the rule's conditions can never all hold, or null. */
export function whyNeverMatches(conditions: Condition[]): string | null {
  for (const [index, c] of conditions.entries()) {
    const empty = emptyValueProblem(c);
    if (empty) return `${named(c, index)} has an empty value`;
    if (c.op === "in" && !Array.isArray(c.value)) return `${named(c, index)} needs a list of values`;
    if (c.op !== "in" && Array.isArray(c.value)) return `${named(c, index)} compares with a list; use "is one of"`;
    if (c.field === "topic" && c.op !== "in" && typeof c.value !== "string")
      return `${named(c, index)}: the topic is text, and never equals ${JSON.stringify(c.value)}`;
  }
  // Conditions on one field must agree: the values each allows must overlap.
  for (const field of new Set(conditions.map((c) => c.field))) {
    const allowed = allowedValues(conditions.filter((c) => c.field === field));
    if (allowed && allowed.length === 0) return `no value of ${field} satisfies all of its conditions`;
  }
  return null;
}

/**
 * The exact values a field may take under its "equals" and "is one of" conditions (null: any), narrowed by its
 * "contains" conditions. Empty: the conditions contradict each other.
 */
function allowedValues(conditions: Condition[]): Scalar[] | null {
  let allowed: Scalar[] | null = null;
  for (const c of conditions) {
    const values =
      c.op === "equals"
        ? [norm(c.value) as Scalar]
        : c.op === "in"
          ? (c.value as Scalar[]).map((v) => norm(v) as Scalar)
          : null;
    if (!values) continue;
    allowed = allowed === null ? [...new Set(values)] : allowed.filter((v) => values.includes(v));
  }
  if (allowed === null) return null;
  const needles = conditions.filter((c) => c.op === "contains").map((c) => String(norm(c.value)));
  return allowed.filter((v) => needles.every((needle) => typeof v === "string" && v.includes(needle)));
}

/** Whether every conversation that satisfies `later` also satisfies `earlier` (one condition of the earlier rule). */
function implies(later: Condition[], earlier: Condition): boolean {
  const on = later.filter((c) => c.field === earlier.field);
  if (on.length === 0) return false;
  const allowed = allowedValues(on);
  const want = earlier.op === "in" ? (earlier.value as Scalar[]).map(norm) : [norm(earlier.value)];
  if (allowed !== null) {
    // Every value the later rule lets through passes the earlier condition.
    return allowed.every((v) =>
      earlier.op === "contains" ? typeof v === "string" && v.includes(String(want[0])) : want.includes(v),
    );
  }
  // Only "contains" conditions on the field: a longer needle that holds the earlier one implies it.
  return (
    earlier.op === "contains" && on.some((c) => c.op === "contains" && String(norm(c.value)).includes(String(want[0])))
  );
}

export function checkRoutingRules(rules: CheckedRule[]): RuleWarning[] {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  const warnings: RuleWarning[] = [];
  const reachable: CheckedRule[] = [];
  for (const rule of ordered) {
    const never = whyNeverMatches(rule.conditions);
    if (never) {
      warnings.push({
        ruleId: rule.id,
        code: "rule_never_matches",
        severity: "error",
        message: `“${rule.name}” can never match: ${never}. Fix or delete it.`,
      });
      continue;
    }
    const shadow = reachable.find((earlier) => earlier.conditions.every((c) => implies(rule.conditions, c)));
    if (shadow) {
      warnings.push({
        ruleId: rule.id,
        code: "rule_shadowed",
        severity: "warning",
        message:
          shadow.conditions.length === 0
            ? `“${rule.name}” is never reached: “${shadow.name}” comes first and, with no conditions, takes every conversation. Move “${rule.name}” above it.`
            : `“${rule.name}” is never reached: “${shadow.name}” comes first and matches every conversation it would. Move “${rule.name}” above it, or narrow “${shadow.name}”.`,
      });
      continue;
    }
    reachable.push(rule);
  }
  return warnings;
}

/** Loads the rules and checks them. */
export async function loadRoutingRulesCheck(): Promise<{ warnings: RuleWarning[] }> {
  const rules = await getDb().routingRule.findMany({
    select: { id: true, name: true, position: true, conditions: true },
    orderBy: { position: "asc" },
  });
  return { warnings: checkRoutingRules(rules.map((r) => ({ ...r, conditions: r.conditions as Condition[] }))) };
}
