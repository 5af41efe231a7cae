// Each measurement runs in its own child process (run.ts starts them): getDb() is a per-process singleton, module
// state such as serveWaiting's queue lives per process, and a crash or a leak in one cannot spoil the next.
import fs from "node:fs";
import { installEffects } from "@/lib/engine/apply-effects";
import { type BenchArgs, parseArgs } from "../config";

export function log(name: string, message: string): void {
  process.stderr.write(`[${name}] ${message}\n`);
}

/** Runs `measure` when the file is executed directly; writes its JSON result to --out (or prints it). */
export function runAsMain<T>(mod: NodeModule, name: string, measure: (args: BenchArgs) => Promise<T>): void {
  if (require.main !== mod) return;
  const args = parseArgs();
  installEffects(); // Each bench child is an entry point of its own, like the server (lib/boot.ts).
  const started = performance.now();
  measure(args)
    .then((result) => {
      const json = JSON.stringify(result, null, 2);
      if (args.out) fs.writeFileSync(args.out, json);
      else process.stdout.write(`${json}\n`);
      log(name, `done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    })
    .catch((error) => {
      log(name, `FAILED: ${(error as Error)?.stack ?? error}`);
      process.exit(1);
    });
}
