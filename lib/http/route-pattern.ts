/**
 * The route a request matched, as its file path spells it (`/api/conversations/[id]/messages`), from the URL's path
 * and the parameters Next.js parsed from it: the label of the request metrics (lib/metrics/registry.ts), where a raw
 * URL would make a new series per conversation.
 *
 * Each parameter's value (an array for a catch-all: consecutive segments) takes the place of the segments it came
 * from, searched left to right in the order Next gives them (the order of the path). A value that spells a fixed
 * segment of the same path too ("/api/agents/agents") may take that one's place instead: still a pattern, never a
 * value. Should a value not be found at all (an encoding this does not foresee), the whole path becomes "other", so
 * no URL ever reaches a label.
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/").map(decodeSegment);
  let from = 1; // segments[0] is the empty string before the leading slash
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue; // an optional catch-all with nothing in it
    const run = typeof value === "string" ? [value] : value;
    if (run.length === 0) continue;
    const at = findRun(segments, run, from);
    if (at < 0) return "other";
    segments.splice(at, run.length, typeof value === "string" ? `[${name}]` : `[...${name}]`);
    from = at + 1;
  }
  return segments.join("/");
}

function findRun(segments: (string | null)[], run: string[], from: number): number {
  for (let at = from; at + run.length <= segments.length; at++) {
    if (run.every((value, i) => segments[at + i] === value)) return at;
  }
  return -1;
}

/** Next hands parameters over decoded; a segment that is not valid percent-encoding matches no parameter. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
