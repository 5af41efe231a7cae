// Benchmark baseline (bench/http.ts): the cheapest route handler this server can run — no database, no state,
// no input read, nothing logged. It measures what Next.js and HTTP cost by themselves. Harmless to leave deployed.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}

/** POST too, so the baseline carries the same request body as the measured POST /api/conversations. */
export function POST() {
  return Response.json({ ok: true });
}
