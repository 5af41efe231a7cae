import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A real HTTP server on a local port that speaks the OpenAI chat-completions protocol — `POST /v1/chat/completions`,
 * streamed (server-sent `chat.completion.chunk`s, `tool_calls` deltas, a usage chunk when `stream_options` asks,
 * `[DONE]`) or not — scripted per test. There is no model on these machines and no network: this is the model the
 * engine tests (vitest) and the end-to-end tests (Playwright) talk to, through the real AI SDK client and real HTTP.
 *
 * Faults are real too: an HTTP status with an OpenAI-style error body (401 for a refused key, 500), a response that
 * never comes (`hang`), a stream that stops half-way (`stallAfterChunks`), tool-call arguments that are not JSON, and
 * the server stopped (`stop()`: the port closes and open connections are cut).
 */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content?: string | null | { type: string; text?: string }[];
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  tools?: { type: "function"; function: { name: string; description?: string; parameters: unknown } }[];
  tool_choice?: unknown;
  temperature?: number;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

/** What the server received: the parsed body and the headers that matter. */
export interface ReceivedRequest {
  path: string;
  authorization: string | null;
  body: ChatRequest;
}

export interface ScriptedToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent as it is (malformed JSON on purpose, say). */
  arguments: unknown;
  id?: string;
}

export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  errorMessage?: string;
  /** Never answer (the client's timeout must end it). */
  hang?: boolean;
  /** Streaming: send this many content chunks, then stop sending without ending the response. */
  stallAfterChunks?: number;
  /** Streaming: characters per content chunk (default 4: a reply arrives as many token frames). */
  chunkSize?: number;
  /** Streaming: a pause before each content chunk, as a model writing in real time. */
  chunkDelayMs?: number;
}

/** Decides each reply from the request (the n-th, from 0). */
export type Script = (request: ChatRequest, n: number) => ScriptedReply | Promise<ScriptedReply>;

export class ModelServer {
  readonly requests: ReceivedRequest[] = [];
  private script: Script;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    /** The server's root, without `/v1`: an admin typing it this way must still work (the agent adds `/v1`). */
    readonly url: string,
    script: Script,
  ) {
    this.script = script;
  }

  /** Starts on a free port. `script`: a function, or replies given in order (then the last one again). */
  static async start(script: Script | ScriptedReply[] = () => ({ text: "Hello!" })): Promise<ModelServer> {
    let model: ModelServer | undefined;
    const server = http.createServer((req, res) => {
      if (!model) return void res.writeHead(503).end();
      void model.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    model = new ModelServer(server, `http://127.0.0.1:${port}`, toScript(script));
    server.on("connection", (socket) => {
      model?.sockets.add(socket);
      socket.on("close", () => model?.sockets.delete(socket));
    });
    return model;
  }

  /** Replaces the script (a test changes what the model does next). */
  setScript(script: Script | ScriptedReply[]): void {
    this.script = toScript(script);
  }

  /** The latest request's messages, or the n-th request's. */
  messages(n = this.requests.length - 1): ChatMessage[] {
    return this.requests[n]?.body.messages ?? [];
  }

  /** The server goes down: the port closes and open (hung) connections are cut. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "").split("?")[0];
    // Served only where real servers serve it: a client that forgot /v1 gets the 404 they would give.
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: "not_found" } }));
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const n = this.requests.length;
    this.requests.push({ path, authorization: req.headers.authorization ?? null, body });
    const reply = await this.script(body, n);
    if (reply.hang) return; // the socket stays open until the client gives up or stop() cuts it
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: reply.errorMessage ?? `scripted ${reply.status}`, type: "scripted", code: reply.status },
        }),
      );
      return;
    }
    if (body.stream) await streamReply(res, body, reply);
    else answerWhole(res, body, reply);
  }
}

/** Replies given as a list are counted from when the list was set. */
function toScript(script: Script | ScriptedReply[]): Script {
  if (typeof script === "function") return script;
  const replies = [...script];
  let next = 0;
  return () => replies[Math.min(next++, replies.length - 1)] ?? { text: "" };
}

const created = () => Math.floor(Date.now() / 1000);
const args = (call: ScriptedToolCall) =>
  typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
const callId = (call: ScriptedToolCall, index: number) => call.id ?? `call_${index}_${call.name}`;

/** Roughly a token per four characters, as an estimate real servers would be near. */
function usageOf(body: ChatRequest, reply: ScriptedReply) {
  if (reply.usage) return { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens };
  const prompt_tokens = Math.ceil(JSON.stringify(body.messages).length / 4);
  const completion_tokens = Math.ceil(((reply.text ?? "").length + JSON.stringify(reply.toolCalls ?? []).length) / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function answerWhole(res: http.ServerResponse, body: ChatRequest, reply: ScriptedReply) {
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    id: callId(call, index),
    type: "function",
    function: { name: call.name, arguments: args(call) },
  }));
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${Date.now()}`,
      object: "chat.completion",
      created: created(),
      model: body.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.text ?? null,
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          },
          finish_reason: toolCalls.length ? "tool_calls" : "stop",
        },
      ],
      usage: usageOf(body, reply),
    }),
  );
}

async function streamReply(res: http.ServerResponse, body: ChatRequest, reply: ScriptedReply) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const id = `chatcmpl-${Date.now()}`;
  const send = (payload: Record<string, unknown>) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: created(), model: body.model, ...payload })}\n\n`,
    );
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    send({ choices: [{ index: 0, delta: d, finish_reason: finish }] });

  delta({ role: "assistant", content: "" });
  const text = reply.text ?? "";
  const size = Math.max(1, reply.chunkSize ?? 4);
  let sent = 0;
  for (let i = 0; i < text.length; i += size) {
    if (reply.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks) return; // stays open, silent
    if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
    if (res.destroyed) return;
    delta({ content: text.slice(i, i + size) });
    sent++;
  }
  if (reply.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks && !text) return;
  for (const [index, call] of (reply.toolCalls ?? []).entries()) {
    const whole = args(call);
    const half = Math.ceil(whole.length / 2);
    // As OpenAI sends them: the call's id and name first, then its arguments in pieces.
    delta({
      tool_calls: [
        {
          index,
          id: callId(call, index),
          type: "function",
          function: { name: call.name, arguments: whole.slice(0, half) },
        },
      ],
    });
    delta({ tool_calls: [{ index, function: { arguments: whole.slice(half) } }] });
  }
  delta({}, reply.toolCalls?.length ? "tool_calls" : "stop");
  if (body.stream_options?.include_usage) send({ choices: [], usage: usageOf(body, reply) });
  res.write("data: [DONE]\n\n");
  res.end();
}

/** The text of a message, whichever shape its content has. */
export function textOf(message: ChatMessage | undefined): string {
  if (!message?.content) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => part.text ?? "").join("");
}

/** The tool results the client sent back (the second step of a tool loop), by tool call id. */
export function toolResults(request: ChatRequest): Record<string, string> {
  return Object.fromEntries(
    request.messages.filter((m) => m.role === "tool").map((m) => [m.tool_call_id ?? "", textOf(m)]),
  );
}

/** True once the request carries the results of tool calls (so a script answers the second step, not the first). */
export const afterTools = (request: ChatRequest) => request.messages.at(-1)?.role === "tool";
