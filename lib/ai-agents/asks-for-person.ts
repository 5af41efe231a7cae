/**
 * Whether a customer's words ask for a person. A request for a person wins over whatever an AI agent is doing
 * (docs/ARCHITECTURE.md, "AI agents"), so this must catch the ways people ask — "talk to a human", "agent please",
 * "real person", a bare "operator" — and must not fire on words that merely contain "agent" or "person": a customer
 * who says "I am a travel agent, what does the Pro plan cost?" wants the price, not a representative.
 *
 * The shape of a request: a verb of talking or connecting aimed at a person ("speak to an agent", "connect me with
 * someone"), a wish for one ("I need a human"), a person who is real or live ("a real person"), or a message that is
 * nothing but the person asked for ("Operator!", "human please"). Pure; the unit test holds a table of phrases.
 */

// Who may be asked for. "people" and "anyone" read naturally after "talk to"; "manager" is a person too.
const who =
  "(?:persons?|humans?(?:\\s+beings?)?|someone|somebody|anyone|anybody|representatives?|reps?|agents?|operators?|managers?|supervisors?|staff(?:\\s+members?)?|team\\s+members?|people)";
// Alone in a clause, "anyone?" is a greeting ("Hello, anyone?"), not a request: left out there.
const whoAlone = who.replace("anyone|anybody|", "");
// "a", "an actual", "one of your", "a real live" … before who.
const article = "(?:(?:a|an|the|your|some|one\\s+of\\s+your|any)\\s+)?";
const adjectives = "(?:(?:real|live|actual|human|customer\\s+service|support|sales)\\s+)*";
// Compounds that name a thing, not a person: "agent license", "human resources", "user agent string", "agent-based".
const notAThing =
  "(?![\\s-]*(?:licen[cs]es?|accounts?|fees?|commissions?|plans?|seats?|roles?|logins?|portals?|discounts?|pric\\w*|programs?|codes?|tools?|dashboards?|resources|strings?|based|error|field|names?)\\b)";
const target = `${article}${adjectives}${who}\\b${notAThing}`;

const patterns: RegExp[] = [
  // "talk to a person", "speak with an agent about my invoice", "chat with a real human".
  new RegExp(`\\b(?:talk|speak|chat)(?:\\s+directly)?\\s+(?:to|with)\\s+${target}`, "i"),
  // "connect me to an agent", "transfer me to a human", "put me through to someone", "pass me to a rep".
  new RegExp(
    `\\b(?:connect|transfer|put|pass|hand|send|forward)\\s+me\\s+(?:through\\s+|over\\s+)?(?:to|with)\\s+${target}`,
    "i",
  ),
  // "get me a human", "find me someone".
  new RegExp(`\\b(?:get|give|find)\\s+me\\s+${target}`, "i"),
  // "I need a human", "I want a real person, not a bot", "can I get a live agent?", "I'd like an operator".
  new RegExp(
    `\\b(?:want|need|like|prefer|request|wanna|get|have)\\s+(?:to\\s+(?:talk|speak|chat)\\s+(?:to|with)\\s+)?${target}(?=\\s*(?:$|[.!?,;:]|please|now|right\\s+now|asap|instead|not|rather|to\\s+(?:help|talk|speak|chat)))`,
    "i",
  ),
  // "a real person", "live agent", "an actual human".
  new RegExp(`\\b(?:real|live|actual)\\s+(?:person|human|agent|people|representative|someone)\\b${notAThing}`, "i"),
  // "is there a human I can talk to?", "someone to talk to".
  new RegExp(`\\b${who}\\s+(?:i\\s+(?:can|could)\\s+|to\\s+)(?:talk|speak|chat)\\b`, "i"),
  // A clause that is nothing but the request: "human please", "Agent!", "Sorry, a human please", "operator".
  new RegExp(
    `(?:^|[.!?,;:]\\s*)(?:please\\s*,?\\s*)?${article}${adjectives}${whoAlone}\\s*(?:,?\\s*(?:please|now|asap))?\\s*[.!?]*\\s*$`,
    "i",
  ),
  new RegExp(`(?:^|[.!?,;:]\\s*)${article}${adjectives}${whoAlone}\\s*,?\\s*please\\b`, "i"),
];

export function asksForPerson(text: string): boolean {
  const words = text.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  if (!words) return false;
  return patterns.some((pattern) => pattern.test(words));
}
