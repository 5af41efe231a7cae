import pino from "pino";

/** Structured logs (JSON lines); LOG_LEVEL=silent in tests keeps output readable. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { app: "switchboard" } });
