import type { z } from "zod";
import packageJson from "@/package.json";
import {
  type ErrorStatus,
  errorResponses,
  type JsonSchema,
  nameOf,
  ref,
  requestSchemas,
  responseSchemas,
  securitySchemes,
  str,
  toJsonSchema,
} from "./openapi-components";
import { type Access, type Method, type Operation, paths } from "./openapi-paths";

/**
 * The OpenAPI 3.1 document of the HTTP API. Request bodies and query strings
 * come from the same zod schemas the route handlers parse with (as their
 * input: defaults optional, coercions as sent), so the document cannot drift
 * from what is accepted. Responses are described by hand: there are no
 * response schemas to derive them from yet.
 */
const pathParameterDescriptions: Record<string, string> = {
  agentId: "The agent's id",
  key: "The agent's channel key, from its serviceUrl",
  conversationId: "The conversation's id",
  replyToId: "The activity replied to",
  all: "The rest of the Better Auth path",
};
const entityOfSegment: Record<string, string> = {
  queues: "queue",
  agents: "agent",
  "routing-rules": "routing rule",
  conversations: "conversation",
};

function pathParameters(path: string): JsonSchema[] {
  const segments = path.split("/");
  return segments.flatMap((segment, index) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (!name) return [];
    const description =
      pathParameterDescriptions[name] ?? `The ${entityOfSegment[segments[index - 1]] ?? "resource"}'s id`;
    return [{ name, in: "path", required: true, description, schema: str }];
  });
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = toJsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const staffSecurity = [{ staffSession: [] }, { staffApiKey: [] }];
const accessRules: Record<Access, { security: unknown[]; errors: ErrorStatus[]; who: string }> = {
  staff: { security: staffSecurity, errors: [401], who: "any signed-in staff member" },
  supervisor: { security: staffSecurity, errors: [401, 403], who: "a supervisor or admin" },
  admin: { security: staffSecurity, errors: [401, 403], who: "an admin" },
  self: { security: staffSecurity, errors: [401, 403], who: "the agent's own representative, a supervisor or admin" },
  conversation: {
    security: [{ customerToken: [] }, ...staffSecurity],
    errors: [401, 403],
    who: "the conversation's customer (its token), a supervisor or admin, or the representative holding it",
  },
  scraper: { security: [{ metricsToken: [] }], errors: [401], who: "a scraper with the metrics token" },
};

function buildOperation(path: string, method: Method, operation: Operation) {
  const access = operation.access ? accessRules[operation.access] : null;
  const body = operation.body;
  // Every JSON body can be too large or not declared JSON; a signed-in write can come from an untrusted origin.
  const edge: ErrorStatus[] = [
    ...(body ? [413, 415] : []),
    ...(access && method !== "get" ? [403] : []),
  ] as ErrorStatus[];
  const errors = [...new Set([...operation.errors, ...(access?.errors ?? []), ...edge])].sort((a, b) => a - b);
  const bodyName = body ? nameOf.get(body) : undefined;
  const okContent = operation.ok.stream
    ? { "text/event-stream": { schema: str } }
    : operation.ok.text
      ? { [operation.ok.text]: { schema: str } }
      : operation.ok.schema
        ? { "application/json": { schema: operation.ok.schema } }
        : operation.ok.status === 204
          ? undefined
          : { "application/json": { schema: {} } };
  return {
    operationId: `${method}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [path.split("/")[2]],
    summary: operation.summary,
    description: [operation.description, access ? `Who: ${access.who}.` : "Who: anyone."].filter(Boolean).join("\n\n"),
    parameters: [
      ...pathParameters(path),
      ...(operation.query ? queryParameters(operation.query) : []),
      ...(operation.extraParameters ?? []),
    ],
    security: access?.security ?? [],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: bodyName ? ref(bodyName) : toJsonSchema(body) } },
          },
        }
      : {}),
    responses: {
      [operation.ok.status]: { description: operation.ok.description, ...(okContent ? { content: okContent } : {}) },
      ...Object.fromEntries(
        errors.map((status) => [status, { $ref: `#/components/responses/${errorResponses[status][0]}` }]),
      ),
    },
  };
}

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.1",
    info: {
      title: "Switchboard API",
      version: packageJson.version,
      description:
        "Contact-center routing: queues, AI agents and representatives. Every error is `{ error: { code, message, … } }`.",
    },
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, methods]) => [
        path,
        Object.fromEntries(
          Object.entries(methods).map(([method, operation]) => [
            method,
            buildOperation(path, method as Method, operation as Operation),
          ]),
        ),
      ]),
    ),
    components: {
      schemas: {
        ...responseSchemas,
        ...Object.fromEntries(Object.entries(requestSchemas).map(([name, schema]) => [name, toJsonSchema(schema)])),
      },
      responses: Object.fromEntries(
        Object.values(errorResponses).map(([name, description]) => [
          name,
          { description, content: { "application/json": { schema: ref("Error") } } },
        ]),
      ),
      securitySchemes,
    },
  };
}
