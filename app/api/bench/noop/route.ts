// Benchmark baseline (bench/http.ts): the cheapest route handler this server can run — no database, no state,
// no input read, nothing logged. It measures what Next.js and HTTP cost by themselves. It exists only for the
// bench, which turns it on for its own server (SWITCHBOARD_BENCH_ROUTES=on, bench/lib/server.ts); anywhere else
// it is a 404, like any path that is not part of the product.
export const dynamic = "force-dynamic";

const enabled = () => process.env.SWITCHBOARD_BENCH_ROUTES === "on";
const notServed = () =>
  Response.json({ error: { code: "not_found", message: "benchmark routes are off" } }, { status: 404 });

export function GET() {
  return enabled() ? Response.json({ ok: true }) : notServed();
}

/** POST too, so the baseline carries the same request body as the measured POST /api/conversations. */
export function POST() {
  return enabled() ? Response.json({ ok: true }) : notServed();
}
