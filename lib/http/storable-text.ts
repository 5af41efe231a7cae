import { validationFailed } from "@/lib/errors";

/**
 * PostgreSQL cannot store U+0000 in text or jsonb (`invalid byte sequence for encoding "UTF8": 0x00`, even in a
 * lookup's parameter), so such input ended as a 500 there while SQLite stored it. No field of ours has a use for it:
 * it is refused at the edge, with the same 400 on both dialects, before any query runs.
 */
const NUL = "\u0000";
const refusal = "contains a NUL character (U+0000), which is not accepted";

/** Path parameters and query values: the first one holding a NUL is refused, by its name. */
export function requireStorableParams(params: Record<string, string | string[] | undefined>, url: URL): void {
  for (const [name, value] of Object.entries(params)) {
    if ([value ?? []].flat().some((part) => part.includes(NUL))) throw validationFailed(name, refusal);
  }
  for (const [name, value] of url.searchParams) {
    if (name.includes(NUL) || value.includes(NUL)) throw validationFailed(name.replaceAll(NUL, ""), refusal);
  }
}

/** A parsed JSON body: the top-level field (or "body") under which a string or key holds a NUL is refused. */
export function requireStorableBody(body: unknown): void {
  const stack: [node: unknown, field: string][] = [[body, "body"]];
  while (stack.length > 0) {
    const [node, field] = stack.pop() as [unknown, string];
    if (typeof node === "string") {
      if (node.includes(NUL)) throw validationFailed(field, refusal);
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const topLevel = node === body && !Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      if (key.includes(NUL)) throw validationFailed(topLevel ? "body" : field, refusal);
      stack.push([child, topLevel ? key : field]);
    }
  }
}
