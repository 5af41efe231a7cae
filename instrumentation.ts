/**
 * Runs once when the server starts: applies pending migrations (an upgrade
 * never needs a manual step), then starts the timer loop.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/boot");
  try {
    await bootServer();
  } catch (error) {
    // Next logs a failed instrumentation hook and serves anyway: a server that could not boot must not serve.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Switchboard cannot start: ${message}`);
    // A wrong DATABASE_URL is the operator's to fix, and the line above says how; anything else gets its stack.
    if (!(error instanceof Error && error.name === "DatabaseUrlError")) console.error(error);
    process.exit(1);
  }
}
