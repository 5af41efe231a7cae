/**
 * Runs once when the server starts: applies pending migrations (an upgrade
 * never needs a manual step), then starts the timer loop.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/boot");
  await bootServer();
}
