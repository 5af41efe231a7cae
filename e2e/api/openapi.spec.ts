import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import type { Json } from "../support/api";

/**
 * The OpenAPI document covers every route handler: the routes are found by
 * walking app/api, so a new route.ts without its documentation fails here.
 * `[id]` becomes `{id}`; an optional catch-all (`[[...replyToId]]`) stands for
 * both forms, the base path and `/{replyToId}` (the bot channel's "send" and
 * "reply to" calls), so both must be documented; a catch-all (`[...all]`) is one `{all}`.
 */
const apiDir = path.resolve(__dirname, "../../app/api");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface RouteFile {
  file: string;
  paths: string[];
  methods: string[];
  source: string;
}

function routeFiles(dir: string, segments: string[] = []): RouteFile[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), [...segments, entry.name]);
    if (!/^route\.(ts|tsx|js)$/.test(entry.name)) return [];
    const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
    const exported = methods.filter((method) =>
      new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${method}\\b`).test(source),
    );
    return [
      {
        file: path.relative(apiDir, path.join(dir, entry.name)),
        paths: documentedPaths(segments),
        methods: exported,
        source,
      },
    ];
  });
}

function documentedPaths(segments: string[]): string[] {
  const last = segments.at(-1) ?? "";
  const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(last);
  const toPath = (parts: string[]) =>
    `/api/${parts.map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "");
  if (optional) return [toPath(segments.slice(0, -1)), toPath([...segments.slice(0, -1), `[${optional[1]}]`])];
  return [toPath(segments)];
}

/** One method's handler: from its export to the next export (or the end of the file). */
function handlerSource(source: string, method: string): string {
  const start = source.search(new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${method}\\b`));
  const next = source.slice(start + 1).search(/\nexport\s/);
  return next === -1 ? source.slice(start) : source.slice(start, start + 1 + next);
}

/** Every `$ref` in the document, to check each points at something. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === "$ref" && typeof inner === "string" ? [inner] : refs(inner),
    );
  }
  return [];
}
async function load(request: APIRequestContext): Promise<Json> {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  return response.json();
}

const resolve = (document: Json, pointer: string) =>
  pointer
    .replace(/^#\//, "")
    .split("/")
    .reduce<Json | undefined>((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);

test.describe("[OPENAPI] /api/openapi.json", () => {
  test("is an OpenAPI 3.1 document whose every $ref resolves", async ({ request }) => {
    const document = await load(request);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const unresolved = [...new Set(refs(document))].filter(
      (pointer) => !pointer.startsWith("#/") || resolve(document, pointer) === undefined,
    );
    expect(unresolved).toEqual([]);
  });

  test("documents every route handler under app/api, with each of its methods", async ({ request }) => {
    const document = await load(request);
    const routes = routeFiles(apiDir);
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of routes) {
      expect(route.methods, `${route.file} exports no HTTP method`).not.toEqual([]);
      for (const routePath of route.paths) {
        for (const method of route.methods) {
          if (!document.paths[routePath]?.[method.toLowerCase()])
            missing.push(`${method} ${routePath} (${route.file})`);
        }
      }
    }
    expect(missing, "undocumented: add them to lib/http/openapi-paths.ts").toEqual([]);
  });

  test("documents nothing that does not exist", async ({ request }) => {
    const document = await load(request);
    const real = new Map<string, string[]>();
    for (const route of routeFiles(apiDir))
      for (const routePath of route.paths)
        real.set(
          routePath,
          route.methods.map((m) => m.toLowerCase()),
        );
    const extra = Object.entries(document.paths as Record<string, Json>).flatMap(([routePath, operations]) =>
      Object.keys(operations)
        .filter((method) => !real.get(routePath)?.includes(method))
        .map((method) => `${method.toUpperCase()} ${routePath}`),
    );
    expect(extra).toEqual([]);
  });

  test("every operation declares its path parameters, its responses and the shared error shape", async ({
    request,
  }) => {
    const document = await load(request);
    for (const [routePath, operations] of Object.entries(document.paths as Record<string, Json>)) {
      const names = [...routePath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
        const where = `${method.toUpperCase()} ${routePath}`;
        const declared = (operation.parameters ?? []).filter((p: Json) => p.in === "path").map((p: Json) => p.name);
        expect(declared.sort(), where).toEqual([...names].sort());
        const statuses = Object.keys(operation.responses);
        expect(
          statuses.some((s) => /^2\d\d$/.test(s)),
          `${where} has a success response`,
        ).toBe(true);
        for (const status of statuses.filter((s) => /^4\d\d$/.test(s))) {
          const response = resolve(document, operation.responses[status].$ref);
          expect(response?.content["application/json"].schema, `${where} ${status}`).toEqual({
            $ref: "#/components/schemas/Error",
          });
        }
      }
    }
    const error = document.components.schemas.Error.properties.error;
    expect(error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(["code", "message", "fields", "state"]));
  });

  test("request bodies are the handlers' zod schemas, and the errors each endpoint can give are listed", async ({
    request,
  }) => {
    const document = await load(request);
    const body = (routePath: string, method: string) => {
      const schema = document.paths[routePath][method].requestBody.content["application/json"].schema;
      return schema.$ref ? resolve(document, schema.$ref) : schema;
    };
    const createQueue = body("/api/queues", "post");
    expect(createQueue).toMatchObject({ type: "object", required: ["name"], additionalProperties: false });
    expect(createQueue.properties.capacityUnits).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 100,
      default: 1,
    });
    expect(body("/api/conversations/{id}/messages", "post")).toMatchObject({
      required: ["text"],
      properties: { text: { minLength: 1, maxLength: 4000 } },
    });
    expect(body("/api/agents", "post").oneOf).toHaveLength(2); // a representative, or one of two kinds of AI agent

    const responses = (routePath: string, method: string) => Object.keys(document.paths[routePath][method].responses);
    expect(responses("/api/conversations/{id}/transfer", "post")).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "409"]),
    );
    expect(responses("/api/agents/{id}/presence", "put")).toEqual(expect.arrayContaining(["200", "400", "404", "409"]));
    expect(responses("/api/queues/{id}", "delete")).toEqual(expect.arrayContaining(["204", "404", "409"]));

    const list = document.paths["/api/conversations"].get.parameters;
    expect(list.map((p: Json) => p.name)).toEqual(["status", "queueId", "assigneeId", "awaitingWrapUp", "limit"]);
    expect(list.every((p: Json) => p.in === "query" && p.required === false)).toBe(true);
  });

  test("each operation's security matches the guards its route handler calls", async ({ request }) => {
    const document = await load(request);
    expect(document.components.securitySchemes.customerToken).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );
    for (const route of routeFiles(apiDir)) {
      for (const routePath of route.paths) {
        for (const method of route.methods) {
          const handler = handlerSource(route.source, method);
          const customer = /\b(actorFor|requireConversationReader)\(/.test(handler);
          const staff = customer || /\brequire(Staff|Admin|Supervisor|SelfOrSupervisor)\(/.test(handler);
          const operation = document.paths[routePath][method.toLowerCase()];
          const where = `${method} ${routePath}`;
          const schemes = (operation.security ?? []).flatMap((requirement: Json) => Object.keys(requirement));
          expect(schemes.includes("customerToken"), `${where}: customer token`).toBe(customer);
          expect(
            schemes.includes("staffApiKey") && schemes.includes("staffSession"),
            `${where}: staff credentials`,
          ).toBe(staff);
          if (staff) expect(Object.keys(operation.responses), where).toContain("401");
        }
      }
    }
  });
});
