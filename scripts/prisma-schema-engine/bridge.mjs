// Stand-in for Prisma's native `schema-engine` binary, which the CLI downloads
// from binaries.prisma.sh (unreachable on air-gapped machines). The CLI runs it
// in three ways, all handled here:
//   schema-engine --version                               -> print the engine hash
//   schema-engine --datasource <json> cli <command>       -> one-shot database commands
//   schema-engine [--datamodels <file>]... [--datasource <json>]
//                                                         -> JSON-RPC 2.0, one message per
//                                                            line on stdin/stdout
// Logs go to stderr as JSON lines, as the native engine does, because the CLI
// parses them to build its error messages.
// See docs/decisions/002-offline-prisma-cli.md.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { EnginePanic, sqlitePath, UserFacingError, WasmSchemaEngine, wasmEngineHash } from "./engine.mjs";
import { canConnect, createPostgresDatabase, dropPostgresDatabase, isPostgresUrl } from "./postgres.mjs";

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    // Accepted for compatibility; the wasm engine takes neither.
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else args.rest.push(arg);
  }
  return args;
}

function logLine(level, fields, target = "schema_engine::logger") {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

/** The SQLite side of `createDatabase` / `cli create-database`: an empty file, parents included. */
function createSqliteDatabase(url) {
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, "a"));
  return path.basename(file);
}

/**
 * `cli <command>`: the CLI checks (and creates) the database this way before
 * most commands. On failure it reads the error code from the ERROR line on
 * stderr, and it skips the first stderr line, so always log one first.
 */
async function runCliCommand(command, datasource) {
  logLine("INFO", { message: `schema-engine bridge: cli ${command}` });
  try {
    if (isPostgresUrl(datasource?.url)) {
      await postgresCliCommand(command, datasource.url);
      return 0;
    }
    const file = sqlitePath(datasource?.url ?? "");
    switch (command) {
      case "can-connect-to-database":
        if (file !== ":memory:" && !fs.existsSync(file)) {
          throw new UserFacingError("P1003", `Database \`${path.basename(file)}\` does not exist at \`${file}\``);
        }
        break;
      case "create-database":
        createSqliteDatabase(datasource.url);
        break;
      case "drop-database":
        for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
        break;
      default:
        throw new Error(`Unsupported cli command: ${command}`);
    }
    return 0;
  } catch (error) {
    logLine("ERROR", { is_panic: false, error_code: error.code ?? null, message: error.message });
    return 1;
  }
}

async function postgresCliCommand(command, url) {
  switch (command) {
    case "can-connect-to-database":
      try {
        await canConnect(url);
      } catch (error) {
        throw new UserFacingError(error.code === "3D000" ? "P1003" : "P1001", error.message);
      }
      break;
    case "create-database":
      await createPostgresDatabase(url);
      break;
    case "drop-database":
      await dropPostgresDatabase(url);
      break;
    default:
      throw new Error(`Unsupported cli command: ${command}`);
  }
}

/** The JSON-RPC error shape of the native engine, which the CLI turns into its messages. */
function rpcError(error) {
  const isPanic = error instanceof EnginePanic;
  const message = String(error?.message ?? error);
  return {
    code: 4466, // What the native engine uses for every engine error.
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: isPanic,
      message,
      meta: error?.meta ?? null,
      error_code: typeof error?.code === "string" ? error.code : null,
      error: isPanic ? { message } : undefined,
    },
  };
}

/** Serves JSON-RPC requests one at a time; the engine holds one connection. */
function serveRpc({ datamodels, datasource }) {
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  let nextOutgoingId = 1;
  const pendingOutgoing = new Map();
  /** Asks the CLI to print to its stdout (how the native engine emits `migrate diff` output). */
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextOutgoingId++;
      pendingOutgoing.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  // Started on the first request: the CLI sometimes spawns the engine and stops it unused.
  let engine;
  const getEngine = () =>
    (engine ??= WasmSchemaEngine.start({
      datamodels: datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]),
      datasource,
      log: (line) => process.stderr.write(`${line}\n`),
    }));

  const handle = async (method, params) => {
    if (method === "createDatabase") {
      const url = params?.datasource?.tag === "ConnectionString" ? params.datasource.url : datasource?.url;
      return {
        databaseName: isPostgresUrl(url) ? await createPostgresDatabase(url) : createSqliteDatabase(url ?? ""),
      };
    }
    const result = await (await getEngine()).call(method, params);
    if (method === "diff" && typeof result.stdout === "string") {
      // The native CLI engine prints through the client and returns no stdout.
      if (result.stdout) await print(result.stdout);
      return { ...result, stdout: null };
    }
    return result;
  };

  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (message.method === undefined) {
      // The CLI's answer to one of our `print` requests.
      pendingOutgoing.get(message.id)?.();
      pendingOutgoing.delete(message.id);
      return;
    }
    const { id, method, params } = message;
    queue = queue.then(async () => {
      try {
        send({ jsonrpc: "2.0", id, result: await handle(method, params) });
      } catch (error) {
        send({ jsonrpc: "2.0", id, error: rpcError(error) });
      }
    });
  });
  // The CLI stops the engine by closing its stdin and, on Linux, sends SIGTERM
  // right after. Close the database either way: the engine holds it in
  // exclusive locking mode, and a clean close removes the journal it keeps.
  let stopping;
  const shutdown = () =>
    (stopping ??= (async () => {
      await queue;
      try {
        await (await engine)?.stop();
      } catch {
        // Already failed to start: nothing to release.
      }
      process.exit(0);
    })());
  lines.on("close", shutdown);
  process.on("SIGTERM", shutdown);
}

const args = parseArgs(process.argv.slice(2));
if (args.rest.includes("--version") || args.rest.includes("-V")) {
  process.stdout.write(`schema-engine-cli ${wasmEngineHash()}\n`);
} else if (args.rest[0] === "cli") {
  process.exitCode = await runCliCommand(args.rest[1], args.datasource);
} else if (args.rest.includes("--help") || args.rest.includes("-h")) {
  process.stdout.write(
    "Prisma schema-engine bridge to @prisma/schema-engine-wasm (see docs/decisions/002-offline-prisma-cli.md)\n",
  );
} else {
  serveRpc(args);
}
