/**
 * Whether a customer's words ask for a person. "Requests for a person always win" (domain rules): whatever a
 * language model would answer, such a message escalates. Words that merely contain one of the words do not: "I am a
 * travel agent", "my agent number is 4".
 *
 * The language-model runtime calls this (lib/ai-agents/llm/run-llm-agent.ts). The built-in agent still has its own
 * pattern in builtin-agent.ts, being rewritten for issue 10 ("conversations end cleanly"): when that lands, one matcher
 * should serve both — this file is where it belongs.
 */
const article = String.raw`(?:(?:a|an|the|some|real|live|actual)\s+)*`;
const someone =
  "(?:human|humans|person|people|agent|representative|rep|operator|someone|somebody|staff|advisor|team member)";
const reach = "(?:talk|speak|chat|connect|transfer|put|pass|hand|escalate)";

const patterns: RegExp[] = [
  // "talk to a person", "connect me with a human", "put me through to someone"
  new RegExp(String.raw`\b${reach}\b[^.?!]{0,30}?\b(?:to|with)\s+${article}${someone}\b`, "i"),
  // "I want a human", "can I have a real person", "get me an agent"
  new RegExp(
    String.raw`\b(?:want|need|like|get|give|have|request)\b(?:\s+(?:me|to\s+(?:talk|speak)\s+(?:to|with)))?\s+${article}${someone}\b`,
    "i",
  ),
  // "a real person", "live agent", "actual human" anywhere
  /\b(?:real|live|actual)\s+(?:person|human|agent|representative)\b/i,
  // the whole message is the request: "human", "agent please", "representative!"
  new RegExp(String.raw`^\s*${article}(?:human|person|agent|representative|operator)(?:\s+please)?\s*[.!?]*\s*$`, "i"),
];

export function asksForPerson(text: string): boolean {
  return patterns.some((pattern) => pattern.test(text));
}
