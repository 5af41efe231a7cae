import { expect, request as playwrightRequest, test } from "@playwright/test";
import { checkDatabaseInvariants } from "../../lib/diagnostics/invariants";
import { Api, type Json } from "../support/api";
import { sql } from "../support/database";
import { startOwnServer } from "../support/own-server";

/**
 * Malformed requests across every operation in the OpenAPI document: wrong types, huge and deep bodies, bad
 * encodings, wrong content types, prototype keys, strangers' credentials. None may answer 5xx, and the database's
 * invariants must hold afterwards. Deterministic (a seeded generator), so a failure names a request that replays.
 */
const TARGET_REQUESTS = 5_000;
const PARALLEL = 8;

type Method = "get" | "post" | "put" | "patch" | "delete";
interface Operation {
  path: string;
  method: Method;
  bodySchema: JsonSchema | null;
  query: { name: string; schema: JsonSchema }[];
}
type JsonSchema = Json;

interface Probe {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resolveRef(document: Json, schema: JsonSchema | undefined): JsonSchema | null {
  if (!schema) return null;
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.split("/").pop() as string;
    return resolveRef(document, document.components.schemas[name]);
  }
  return schema;
}

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([apiPath, methods]) =>
    Object.entries(methods).map(([method, operation]: [string, Json]) => ({
      path: apiPath,
      method: method as Method,
      bodySchema: resolveRef(document, operation.requestBody?.content?.["application/json"]?.schema),
      query: (operation.parameters ?? [])
        .filter((p: Json) => p.in === "query")
        .map((p: Json) => ({ name: p.name, schema: p.schema })),
    })),
  );
}

const deep = (depth: number): unknown => {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
};
const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** Values of every JSON type, and some that are too big or too strange for any field. */
const wrongValues: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -9007199254740992,
  "",
  " ",
  "x".repeat(10_000),
  "\u0000",
  "\ud800",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  [],
  [1, "a", null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
  deep(60),
];

const protoKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

function validExample(schema: JsonSchema | null, document: Json): unknown {
  const s = resolveRef(document, schema ?? undefined);
  if (!s) return {};
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (s.anyOf || s.oneOf) return validExample((s.anyOf ?? s.oneOf)[0], document);
  switch (type) {
    case "object": {
      const out: Json = {};
      for (const key of s.required ?? []) out[key] = validExample(s.properties?.[key], document);
      return out;
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    default:
      return "x";
  }
}

/** Every way this test breaks a request, for one operation and one concrete path. */
function probesFor(
  baseURL: string,
  op: Operation,
  concretePath: string,
  document: Json,
  rand: () => number,
  creds: Creds,
): Probe[] {
  const method = op.method.toUpperCase();
  const url = `${baseURL}${concretePath}`;
  const json = { "content-type": "application/json" };
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  const authVariants: Record<string, string>[] = [
    { "x-api-key": creds.admin },
    { "x-api-key": creds.supervisor },
    {},
    { "x-api-key": "sb_guess_0000000000000000" },
    { authorization: `Bearer ${creds.strangerToken}` },
    { authorization: "Bearer \u00ff\u00fe" },
    { authorization: `Bearer ${"a".repeat(5_000)}` },
  ];
  const probes: Probe[] = [];
  const add = (label: string, headers: Record<string, string>, body?: string | Uint8Array, overrideUrl = url) =>
    probes.push({ label, method, url: overrideUrl, headers: { ...pick(authVariants), ...headers }, body });

  const hasBody = method !== "GET" && method !== "DELETE";
  const base = validExample(op.bodySchema, document) as Json;
  const properties = Object.keys(resolveRef(document, op.bodySchema ?? undefined)?.properties ?? {});

  if (hasBody) {
    for (const property of properties) {
      for (const value of wrongValues)
        add(`field ${property}=${String(value).slice(0, 20)}`, json, JSON.stringify({ ...base, [property]: value }));
    }
    for (const key of protoKeys) {
      add(`prototype key ${key}`, json, `{"${key}":{"admin":true,"polluted":1}}`);
      add(`nested prototype key ${key}`, json, JSON.stringify({ ...base, context: JSON.parse(`{"${key}":{"x":1}}`) }));
    }
    for (const value of wrongValues)
      add(`whole body ${JSON.stringify(value)?.slice(0, 20)}`, json, JSON.stringify(value));
    add("deep object 2,500", json, JSON.stringify({ ...base, context: deep(2_500) }));
    add("deep array 10,000", json, deepArray(10_000));
    add("deep array body field", json, `{"customer":${deepArray(5_000)}}`);
    add("invalid JSON", json, '{"name": ');
    add("invalid JSON 2", json, "{'name': 'single quotes'}");
    add("trailing garbage", json, `${JSON.stringify(base)}garbage`);
    add("not UTF-8", json, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]));
    add("BOM", json, `\ufeff${JSON.stringify(base)}`);
    add("text/plain", { "content-type": "text/plain" }, JSON.stringify(base));
    add("form", { "content-type": "application/x-www-form-urlencoded" }, "name=x&customer[name]=y");
    add(
      "multipart",
      { "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    );
    add("no content type", {}, JSON.stringify(base));
    add("bogus content type", { "content-type": "application/json; charset=ebcdic" }, JSON.stringify(base));
    add("2 MiB string", json, JSON.stringify({ ...base, name: "x".repeat(2 * 1024 * 1024) }));
    add("many keys", json, JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))));
  } else if (method === "DELETE") {
    add("body on a bodiless method", json, JSON.stringify({ x: 1 }));
  }
  for (const q of op.query) {
    for (const value of [
      "",
      "-1",
      "1e309",
      "99999999999999999999",
      "abc",
      "%ff",
      "\u0000",
      "x".repeat(5_000),
      "0x10",
    ]) {
      add(`query ${q.name}=${value.slice(0, 12)}`, {}, undefined, `${url}?${q.name}=${encodeURIComponent(value)}`);
    }
    add(`query ${q.name} twice`, {}, undefined, `${url}?${q.name}=1&${q.name}=2`);
  }
  add("lastEventId huge", {}, undefined, `${url}?lastEventId=99999999999999999999`);
  add("unknown query", {}, undefined, `${url}?__proto__[x]=1&constructor=1`);
  if (op.path.includes("{")) {
    for (const bad of [
      "%ff%fe",
      "%ZZ",
      "%00",
      "..%2f..%2fetc%2fpasswd",
      "x".repeat(3_000),
      "%E2%80%AE",
      "null",
      "__proto__",
    ]) {
      const badPath = op.path.replace(/\{[^}]+\}/g, bad);
      add(
        `path ${bad.slice(0, 12)}`,
        hasBody ? json : {},
        hasBody ? JSON.stringify(base) : undefined,
        `${baseURL}${badPath}`,
      );
    }
  }
  return probes;
}

interface Creds {
  admin: string;
  supervisor: string;
  strangerToken: string;
}

/** Real ids for the path parameters, so the requests reach the handlers' parsing and not only their 404s. */
async function concretePaths(api: Api) {
  const queue = await api.queue();
  const rep = await api.rep({ capacity: 2 });
  const bot = await api.ai({ capacity: 1 });
  await api.join(queue.id, rep.id);
  const rule = await api.ok("POST", "/api/routing-rules", {
    name: `Fuzz rule ${Date.now()}`,
    queueId: queue.id,
    conditions: [{ field: "topic", op: "equals", value: "fuzz" }],
  });
  const started = await api.start({ queueId: queue.id });
  const stranger = await api.start({ queueId: queue.id });
  const values: Record<string, string> = {
    id: started.conversation.id,
    agentId: rep.id,
    conversationId: started.conversation.id,
    key: "not-a-key",
    replyToId: "activity-1",
    all: "sign-in/email",
  };
  const byPrefix = (apiPath: string, name: string) => {
    if (name !== "id") return values[name];
    if (apiPath.startsWith("/api/queues")) return queue.id;
    if (apiPath.startsWith("/api/agents")) return apiPath.includes("presence") ? rep.id : bot.id;
    if (apiPath.startsWith("/api/routing-rules")) return rule.id;
    return started.conversation.id;
  };
  return {
    fill: (apiPath: string) => apiPath.replace(/\{([^}]+)\}/g, (_m, name: string) => byPrefix(apiPath, name)),
    strangerToken: stranger.customerToken,
  };
}

async function send(probe: Probe): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const response = await fetch(probe.url, {
      method: probe.method,
      headers: probe.headers,
      body: probe.body as BodyInit | undefined,
      signal: controller.signal,
      redirect: "manual",
    });
    // Streams stay open: their status and headers are the answer; stop reading.
    if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) {
      controller.abort();
      return { status: response.status, text: "" };
    }
    return { status: response.status, text: (await response.text()).slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On a server of its own, with the production defaults but for two per-address limits (every probe comes from
 * 127.0.0.1, and a request refused by a limit never reaches the parsing this test is after): it creates what some
 * valid-looking probes create, and fails many sign-ins, which the browser tests sharing the suite's server must not meet.
 */
test("[FUZZ] 5,000 malformed requests across every documented route: no 5xx, invariants hold", async () => {
  test.setTimeout(600_000);
  const server = await startOwnServer("fuzz", {
    SWITCHBOARD_LIMIT_STARTS_PER_MINUTE: "1000000",
    SWITCHBOARD_SIGNIN_FAILURES_PER_ADDRESS: "1000000",
  });
  const context = await playwrightRequest.newContext({ baseURL: server.url });
  try {
    const api = new Api(context, server.adminKey);
    const supervisor = await api.ok("POST", "/api/accounts", {
      name: "Fuzz Supervisor",
      email: "supervisor@fuzz.test",
      password: "fuzz-supervisor-password",
      role: "supervisor",
      apiKey: true,
    });
    const document = await api.ok("GET", "/api/openapi.json");
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(20);
    const { fill, strangerToken } = await concretePaths(api);
    const creds = { admin: server.adminKey, supervisor: supervisor.apiKey as string, strangerToken };
    const rand = random(20261201);

    // Rounds over every operation until the target is reached: each round draws fresh auth variants.
    const probes: Probe[] = [];
    while (probes.length < TARGET_REQUESTS) {
      for (const op of operations) probes.push(...probesFor(server.url, op, fill(op.path), document, rand, creds));
    }

    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const probe = probes[next++];
        try {
          const { status, text } = await send(probe);
          if (status >= 500)
            failures.push(`${status} ${probe.method} ${probe.url.slice(0, 120)} [${probe.label}] ${text}`);
          // Better Auth answers its own unknown paths with an empty 404; everything of ours answers JSON. A 431 is
          // Node's own, before any code of ours runs: the request line and headers passed its 16 KiB limit (the
          // bot channel's four path parameters at 3,000 characters each, with a 5,000-character bearer token).
          else if (status >= 400 && status !== 431 && !text.startsWith("{") && !probe.url.includes("/api/auth/"))
            failures.push(`not JSON: ${status} ${probe.method} ${probe.url.slice(0, 120)} [${probe.label}] ${text}`);
        } catch (error) {
          failures.push(`no answer: ${probe.method} ${probe.url.slice(0, 120)} [${probe.label}] ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    // One line per kind of failure (path template, method, mutation), so a broken parser is not 500 lines.
    const kinds = [...new Set(failures.map((f) => f.replace(/[a-z0-9]{20,}/g, "{id}")))];
    expect(kinds.slice(0, 40), `${failures.length} of ${probes.length} requests failed`).toEqual([]);
    expect(probes.length).toBeGreaterThanOrEqual(TARGET_REQUESTS);
    // The server is still there, and nothing it holds broke.
    expect((await api.call("GET", "/api/health")).status).toBe(200);
    expect(await checkDatabaseInvariants(server.databaseUrl)).toEqual([]);
    const [polluted] = await sql<{ n: number }>(
      server.databaseUrl,
      `SELECT COUNT(*) AS n FROM "Queue" WHERE name LIKE '%polluted%'`,
    );
    expect(polluted.n).toBe(0);
    expect(({} as Json).polluted).toBeUndefined();
  } finally {
    await context.dispose();
    await server.stop();
  }
});
