import pg from "pg";
import { logger } from "@/lib/logger";

/**
 * One PostgreSQL connection of its own per process that LISTENs on one channel and sends this process's NOTIFYs, and
 * that comes back by itself: when the connection is lost (the server restarted, a proxy cut it, someone ran
 * pg_terminate_backend) it reconnects with backoff and LISTENs again, then calls `onReconnected` — from that moment
 * every notification arrives again, and whatever came before must be re-read from the database.
 *
 * Not a connection from Prisma's pool: LISTEN belongs to a session, and a pool hands sessions around.
 */
export interface ListenConnectionOptions {
  url: string;
  channel: string;
  onNotification(payload: string): void;
  /** Listening again after a loss (not after the first connect). */
  onReconnected(): void;
  /** The connection was lost (sends fail until `onReconnected`). */
  onLost?(): void;
  /** The first wait before reconnecting (doubling from there to 5 s); tests lengthen it to act while disconnected. */
  retryFirstMs?: number;
}

export interface ListenConnection {
  /** Connects and LISTENs the first time: rejects if the database cannot be reached now (the server must not start). */
  start(): Promise<void>;
  readonly connected: boolean;
  /** The server's process id of the current session (for tests that cut it), or null while disconnected. */
  readonly backendPid: number | null;
  /** NOTIFY on the channel; rejects while disconnected or when the connection is lost during the send. */
  notify(payload: string): Promise<void>;
  /** Runs a statement on this session (reads the bus needs; queued behind its NOTIFYs); rejects while disconnected. */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Backoff between reconnection attempts: 100 ms doubling to 5 s, so a restarting database is not hammered. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
/** A silent network partition never errors: a query every 10 s that must answer within 5 s proves the session lives. */
const PING_EVERY_MS = 10_000;
const QUERY_TIMEOUT_MS = 5_000;

export function createListenConnection(options: ListenConnectionOptions): ListenConnection {
  let client: pg.Client | null = null;
  let backendPid: number | null = null;
  let closing = false;
  const retryFirstMs = options.retryFirstMs ?? RETRY_FIRST_MS;
  let retryMs = retryFirstMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  const log = logger.child({ module: "bus" });
  const channel = pg.escapeIdentifier(options.channel);
  let tail: Promise<unknown> = Promise.resolve();

  /**
   * NOTIFYs, the bus's reads and the ping share the one session: each waits its turn here. pg 8 would queue a query
   * sent while another runs, but deprecates that (pg 9 drops it), and its time-out would then count the wait too.
   */
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = tail.then(work, work);
    tail = result.catch(() => {});
    return result;
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.url,
      keepAlive: true,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      // Names the process, so an operator (or a test) can tell the instances' sessions apart in pg_stat_activity.
      application_name: `switchboard-bus ${process.pid}`,
    });
    // Errors before `connect` resolves reject it; afterwards they mean the session is gone.
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, null));
    next.on("notification", (message) => {
      if (message.channel === options.channel && message.payload !== undefined) options.onNotification(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      const { rows } = await next.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      backendPid = rows[0].pid;
    } catch (error) {
      next.removeAllListeners("end");
      await next.end().catch(() => {});
      throw error;
    }
    if (closing) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retryMs = retryFirstMs;
  }

  /** The session `which` is over: forget it and reconnect (once, however many ways its end is reported). */
  function lost(which: pg.Client, error: Error | null) {
    if (client !== which) return;
    client = null;
    backendPid = null;
    if (closing) return;
    log.warn({ err: error?.message }, "live-event connection lost; reconnecting");
    which.removeAllListeners("notification");
    void which.end().catch(() => {});
    options.onLost?.();
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closing || retryTimer) return;
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      try {
        await connect();
      } catch (error) {
        log.warn({ err: (error as Error).message, retryMs }, "live-event connection: reconnect failed");
        retryMs = Math.min(retryMs * 2, Math.max(RETRY_MAX_MS, retryFirstMs));
        scheduleReconnect();
        return;
      }
      if (client) {
        log.info("live-event connection back: listening again");
        options.onReconnected();
      }
    }, retryMs);
    retryTimer.unref();
  }

  async function ping() {
    const current = client;
    if (!current) return;
    try {
      await inTurn(() => current.query("SELECT 1"));
    } catch (error) {
      // A timed-out query leaves the session open: end it, so `lost` runs and a fresh one takes its place.
      lost(current, error as Error);
    }
  }

  return {
    async start() {
      await connect();
      pingTimer = setInterval(() => void ping(), PING_EVERY_MS);
      pingTimer.unref();
    },
    get connected() {
      return client !== null;
    },
    get backendPid() {
      return backendPid;
    },
    async notify(payload) {
      const current = client;
      if (!current) throw new Error("live-event connection is down");
      try {
        await inTurn(() => current.query("SELECT pg_notify($1, $2)", [options.channel, payload]));
      } catch (error) {
        // A payload PostgreSQL refuses is ours to fix, not a lost connection: anything else is treated as one.
        if ((error as { code?: string }).code !== "22023") lost(current, error as Error);
        throw error;
      }
    },
    async query(sql, params) {
      const current = client;
      if (!current) throw new Error("live-event connection is down");
      return (await inTurn(() => current.query(sql, params))).rows;
    },
    async close() {
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (pingTimer) clearInterval(pingTimer);
      const current = client;
      client = null;
      backendPid = null;
      await current?.end().catch(() => {});
    },
  };
}
