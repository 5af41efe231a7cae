// npm run bench        — the full run (by hand, on a quiet machine: several minutes, a few GB of disk in .tmp/bench)
// npm run bench:smoke  — tiny sizes, well under a minute; CI runs it so the bench keeps working
// Options: --only engine,http,live,growth,drain,handback,enginePg,httpPg   --out <file>
//          --only liveAcross: live delivery across two instances over PostgreSQL (needs a server; never run by default)
//
// Each measurement runs in its own child process on its own fresh SQLite file under .tmp/bench/. The results,
// with the machine they ran on, go to bench/results.json (full) or .tmp/bench/results.smoke.json (smoke), and
// the table is printed. Exit code 1 when a measurement fails or an invariant / check is violated.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "./config";
import { benchDir } from "./lib/db";
import { describeMachine } from "./lib/machine";
import { dropLeftoverDatabases } from "./lib/postgres";
import { evaluateTargets, formatReport, type Results } from "./report";

const measurements = [
  { key: "engine", file: "engine-throughput.ts" },
  { key: "http", file: "http.ts" },
  { key: "live", file: "live-delivery.ts" },
  { key: "growth", file: "growth.ts" },
  { key: "drain", file: "drain.ts" },
  { key: "handback", file: "handback.ts" },
  { key: "liveAcross", file: "live-across-instances.ts", onlyWhenAsked: true },
  // PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432), in the full run and the smoke run; BENCH_POSTGRES=off
  // leaves them out unless named in --only (a machine without a PostgreSQL server).
  { key: "enginePg", file: "engine-postgres.ts", postgres: true },
  { key: "httpPg", file: "http-postgres.ts", postgres: true },
] as const;

function runChild(file: string, out: string, smoke: boolean, postgres = false): Promise<number> {
  const args = ["--import", "tsx", path.join(__dirname, file), "--out", out, ...(smoke ? ["--smoke"] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.on("exit", (code, signal) => {
      const status = code ?? (signal ? 128 : 1);
      // A child that crashed did not drop its PostgreSQL databases: they carry its pid in their names.
      if (postgres && child.pid)
        dropLeftoverDatabases(child.pid).then(
          () => resolve(status),
          () => resolve(status),
        );
      else resolve(status);
    });
  });
}

async function main() {
  const args = parseArgs();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  fs.mkdirSync(benchDir, { recursive: true });
  const results: Results = {
    mode: args.smoke ? "smoke" : "full",
    startedAt,
    durationSeconds: 0,
    machine: { ...machine, loadAverageAtEnd: [] },
    measurements: {},
    failures: [],
    targets: [],
    violations: [],
  };
  for (const measurement of measurements) {
    const { key, file } = measurement;
    if (args.only ? !args.only.includes(key) : "onlyWhenAsked" in measurement) continue;
    if (!args.only && "postgres" in measurement && process.env.BENCH_POSTGRES === "off") continue;
    const out = path.join(benchDir, `${key}.result.json`);
    fs.rmSync(out, { force: true });
    const code = await runChild(file, out, args.smoke, "postgres" in measurement);
    if (code !== 0 || !fs.existsSync(out)) {
      results.failures.push({ measurement: key, error: `exited with code ${code}` });
      continue;
    }
    const result = JSON.parse(fs.readFileSync(out, "utf8"));
    (results.measurements as Record<string, unknown>)[key] = result;
    for (const v of result.violations ?? []) results.violations.push(`${key}: ${v}`);
  }
  results.durationSeconds = Math.round((performance.now() - started) / 1000);
  results.machine.loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
  results.targets = evaluateTargets(results.measurements);

  const target =
    args.out ?? (args.smoke ? path.join(benchDir, "results.smoke.json") : path.join(__dirname, "results.json"));
  fs.writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${formatReport(results)}\n\nResults written to ${path.relative(process.cwd(), target)}\n`);
  process.exit(results.failures.length > 0 || results.violations.length > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
