import { describe, expect, it } from "vitest";
import { type CheckedRule, checkRoutingRules } from "./check-routing-rules";
import type { Condition } from "./match-rule";

let position = 0;
function rule(name: string, ...conditions: Condition[]): CheckedRule {
  position += 10;
  return { id: name, name, position, conditions };
}
const topic = (op: Condition["op"], value: Condition["value"]): Condition => ({ field: "topic", op, value });
const plan = (op: Condition["op"], value: Condition["value"]): Condition => ({ field: "context.plan", op, value });
const found = (rules: CheckedRule[]) => checkRoutingRules(rules).map((w) => [w.ruleId, w.code]);

describe("[CHECKER] routing rules that can never match", () => {
  it("flags an empty value saved before it was refused, in each of its forms", () => {
    expect(
      found([
        rule("Blank", topic("equals", "")),
        rule("Spaces", topic("contains", "  ")),
        rule("No list", topic("in", [])),
      ]),
    ).toEqual([
      ["Blank", "rule_never_matches"],
      ["Spaces", "rule_never_matches"],
      ["No list", "rule_never_matches"],
    ]);
    expect(checkRoutingRules([rule("Blank", topic("equals", ""))])[0]?.message).toBe(
      '“Blank” can never match: condition 1 (topic equals "") has an empty value. Fix or delete it.',
    );
  });

  it("flags conditions on one field that contradict each other, and a topic compared with a number", () => {
    expect(
      found([
        rule("Two topics", topic("equals", "sales"), topic("equals", "billing")),
        rule("Not in the list", topic("equals", "sales"), topic("in", ["billing", "refund"])),
        rule("Disjoint lists", plan("in", ["pro", "team"]), plan("in", ["free"])),
        rule("Does not contain", topic("equals", "sales"), topic("contains", "refund")),
        rule("Number topic", topic("equals", 5)),
      ]),
    ).toEqual([
      ["Two topics", "rule_never_matches"],
      ["Not in the list", "rule_never_matches"],
      ["Disjoint lists", "rule_never_matches"],
      ["Does not contain", "rule_never_matches"],
      ["Number topic", "rule_never_matches"],
    ]);
  });

  it("accepts conditions that can hold together, as matching compares them (case and spaces ignored)", () => {
    expect(
      found([
        rule("Agree", topic("equals", "Sales "), topic("in", ["sales", "pricing"]), topic("contains", "ale")),
        rule("Two fields", topic("equals", "billing"), plan("equals", "pro")),
      ]),
    ).toEqual([]);
  });
});

describe("[CHECKER] routing rules shadowed by an earlier one", () => {
  it("flags every rule after one with no conditions", () => {
    const warnings = checkRoutingRules([rule("Everything"), rule("Sales", topic("equals", "sales"))]);
    expect(warnings.map((w) => [w.ruleId, w.code])).toEqual([["Sales", "rule_shadowed"]]);
    expect(warnings[0]?.message).toContain(
      "“Everything” comes first and, with no conditions, takes every conversation",
    );
  });

  it("flags a rule whose conversations an earlier, broader rule already takes", () => {
    expect(
      found([
        rule("Sales topics", topic("in", ["sales", "pricing", "quote"])),
        rule("Pricing", topic("equals", "pricing")),
        rule("Pro pricing", topic("equals", "Pricing"), plan("equals", "pro")),
        rule("Quote or sales", topic("in", ["quote", "sales"])),
        rule("Refunds", topic("contains", "refund")),
        rule("Refund requests", topic("contains", "refund request")),
        rule("Refund for Pro", topic("equals", "refund"), plan("equals", "pro")),
      ]),
    ).toEqual([
      ["Pricing", "rule_shadowed"],
      ["Pro pricing", "rule_shadowed"],
      ["Quote or sales", "rule_shadowed"],
      ["Refund requests", "rule_shadowed"],
      ["Refund for Pro", "rule_shadowed"],
    ]);
  });

  it("does not flag a narrower rule that comes first, nor rules that only overlap", () => {
    expect(
      found([
        rule("Pro pricing", topic("equals", "pricing"), plan("equals", "pro")),
        rule("Pricing", topic("equals", "pricing")),
        rule("Sales or pricing", topic("in", ["sales", "pricing"])),
        rule("Pro plan", plan("equals", "pro")),
      ]),
    ).toEqual([]);
  });

  it("does not count a rule that can never match as shadowing the ones after it", () => {
    expect(found([rule("Broken", topic("in", [])), rule("Sales", topic("equals", "sales"))])).toEqual([
      ["Broken", "rule_never_matches"],
    ]);
  });
});
