import { validationFailed } from "@/lib/errors";

/**
 * Text PostgreSQL cannot store: U+0000 in text or jsonb (`invalid byte sequence for encoding "UTF8": 0x00`, even in
 * a lookup's parameter), and in jsonb an unpaired surrogate (`\ud800` in JSON is not a character). Such input ended as
 * a 500 there, while SQLite stored the NUL and silently turned the surrogate into U+FFFD. No field of ours has a use
 * for either: refused at the edge, with the same 400 on both dialects, before any query runs.
 */
const NUL = "\u0000";
const refusal = "contains a NUL character (U+0000) or an unpaired surrogate: not text that can be stored";

// A high surrogate not followed by a low one, or a low one not preceded by a high one (String#isWellFormed, which this
// TypeScript target does not type yet). No `u` flag: the pattern must see surrogates one by one.
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const storable = (text: string) => !text.includes(NUL) && !unpairedSurrogate.test(text);

/** Path parameters and query values: the first one that cannot be stored is refused, by its name. */
export function requireStorableParams(params: Record<string, string | string[] | undefined>, url: URL): void {
  for (const [name, value] of Object.entries(params)) {
    if (![value ?? []].flat().every(storable)) throw validationFailed(name, refusal);
  }
  for (const [name, value] of url.searchParams) {
    if (!storable(name) || !storable(value)) throw validationFailed(name.replaceAll(NUL, ""), refusal);
  }
}

/** A parsed JSON body: the top-level field (or "body") under which a string or key cannot be stored is refused. */
export function requireStorableBody(body: unknown): void {
  const stack: [node: unknown, field: string][] = [[body, "body"]];
  while (stack.length > 0) {
    const [node, field] = stack.pop() as [unknown, string];
    if (typeof node === "string") {
      if (!storable(node)) throw validationFailed(field, refusal);
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const topLevel = node === body && !Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      if (!storable(key)) throw validationFailed(topLevel ? "body" : field, refusal);
      stack.push([child, topLevel ? key : field]);
    }
  }
}
