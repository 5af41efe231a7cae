import { metrics } from "./registry";

/** The exposition a scrape gets: this process's counters and histograms, and the queues' gauges read just now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
