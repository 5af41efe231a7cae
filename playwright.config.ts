import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/**
 * E2E_DATABASE=postgres (`npm run test:e2e:pg`): the API suite against a server on a fresh PostgreSQL database. The
 * browser suite stays on SQLite: the consoles call the same API, which is what differs between the dialects.
 */
const onPostgres = process.env.E2E_DATABASE === "postgres";

/** Debian's Chromium (apt-get install chromium); Playwright's own download cannot work on these machines. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found && !process.env.PLAYWRIGHT_BROWSERS_PATH) {
    console.warn("No Chromium found: install Debian's (`apt-get install -y chromium`) or set CHROMIUM_PATH.");
  }
  return found;
}

export default defineConfig({
  testDir: onPostgres ? "e2e/api" : "e2e",
  // Beside the SQLite run's, not over them (npm test runs both; the browser tests' screenshots stay).
  outputDir: onPostgres ? "test-results/postgres" : "test-results",
  fullyParallel: true,
  // CI: one browser at a time — two, beside the server, starved the UI tests on 2 cores (timeouts, not failures).
  workers: process.env.CI ? 1 : 2,
  retries: 0, // no retries hiding flakiness
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  // Two browsers, the server and the load tests share 2 cores: UI assertions may wait this long for the page.
  expect: { timeout: 20_000 },
  reporter: process.env.CI
    ? [
        ["list"],
        ["html", { open: "never", outputFolder: onPostgres ? "playwright-report/postgres" : "playwright-report" }],
      ]
    : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: { E2E_PORT: String(port), E2E_DATABASE: onPostgres ? "postgres" : "sqlite" },
    stdout: "pipe",
    // SIGTERM to the script's process group, not Playwright's default SIGKILL: on PostgreSQL the script stops the
    // server, then drops its database (a trap), which a SIGKILL would skip.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
