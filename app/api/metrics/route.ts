import { route } from "@/lib/http/handle";
import { requireMetricsScraper } from "@/lib/metrics/metrics-token";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrapes here (README, "Metrics"): off (404) unless SWITCHBOARD_METRICS_TOKEN is set, then its bearer token. */
export const GET = route(async (request) => {
  requireMetricsScraper(request);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
