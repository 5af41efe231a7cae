import fs from "node:fs";
import path from "node:path";

/** The bearer token scripts/e2e-server.sh set for the shared server's /api/metrics. */
export function metricsToken(): string {
  const dir = path.join(process.cwd(), ".tmp", `e2e-${process.env.E2E_PORT ?? 3100}`);
  return fs.readFileSync(path.join(dir, "metrics.token"), "utf8").trim();
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One scrape, parsed from the Prometheus text format: each sample line's name, labels and value. */
export class Scrape {
  readonly samples: Sample[];

  constructor(readonly text: string) {
    this.samples = text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map(parseSample);
  }

  /** The sum of the samples named `name` whose labels include `labels` (0 when there are none: a counter not yet used). */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.matching(name, labels).reduce((sum, sample) => sum + sample.value, 0);
  }

  /** Whether any sample is named `name` with `labels` (a series that exists, even at 0). */
  has(name: string, labels: Record<string, string> = {}): boolean {
    return this.matching(name, labels).length > 0;
  }

  /** The values a label takes across the samples named `name`. */
  labelValues(name: string, label: string): string[] {
    return [...new Set(this.samples.filter((s) => s.name === name).map((s) => s.labels[label]))];
  }

  private matching(name: string, labels: Record<string, string>) {
    return this.samples.filter(
      (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    );
  }
}

function parseSample(line: string): Sample {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (!match) throw new Error(`not a sample line: ${line}`);
  const labels: Record<string, string> = {};
  for (const [, key, value] of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[key] = value.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
  }
  return { name: match[1], labels, value: Number(match[3]) };
}
