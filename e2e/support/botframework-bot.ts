import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from "botbuilder";

/**
 * A real Bot Framework bot, made with npm `botbuilder` (CloudAdapter, no app
 * credentials), served on a local port inside the test process. Nothing in it
 * knows about Switchboard: it answers at whatever `serviceUrl` the channel
 * sends, exactly as it would for any Bot Framework channel.
 */
export interface ReceivedActivity {
  type: string;
  name?: string;
  text?: string;
  id?: string;
  value?: any;
  membersAdded?: { id: string; name?: string; role?: string }[];
  conversationId?: string;
  serviceUrl?: string;
  /** The raw request, to check the channel's HMAC signature. */
  rawBody: string;
  signature?: string;
}

/** A call the bot made back to its channel: where it POSTed and what came back. */
export interface OutgoingCall {
  method: string;
  url: string;
  status?: number;
}

export interface BotBehaviour {
  /** Wait this long before handling each customer message (a slow bot: the HTTP answer comes late). */
  messageDelayMs?: number;
  /** Accept customer messages (HTTP 200) but never answer them. */
  silentOnMessages?: boolean;
  /** Wait this long before greeting (the set-context turn). */
  greetingDelayMs?: number;
  /** Answer Switchboard's `requestHuman` event (the customer asked for a person) with an Escalate command. */
  escalateOnRequestHuman?: boolean;
}

export class TestBot {
  readonly received: ReceivedActivity[] = [];
  readonly outgoing: OutgoingCall[] = [];
  /** Errors the bot's turns ended with (e.g. a refused reply), in order. */
  readonly turnErrors: string[] = [];
  private readonly adapter: CloudAdapter;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly behaviour: BotBehaviour,
  ) {
    // No credentials: anonymous, as a bot being developed against the emulator runs.
    this.adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    this.adapter.onTurnError = async (_context, error) => {
      this.turnErrors.push(String((error as Error)?.message ?? error));
    };
    this.unsubscribe = watchOutgoing(this.outgoing, () => this.serviceUrls());
  }

  /** Starts a bot on a free local port. */
  static async start(behaviour: BotBehaviour = {}): Promise<TestBot> {
    let bot: TestBot | undefined;
    const server = http.createServer((req, res) => {
      if (!bot) return void res.writeHead(503).end();
      void bot.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    bot = new TestBot(server, `http://127.0.0.1:${port}/api/messages`, behaviour);
    return bot;
  }

  /** The bot goes down: its port closes and open connections are dropped. */
  async stop(): Promise<void> {
    this.unsubscribe();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** What the bot has received, as `type` or `type/name` lines. */
  kinds(): string[] {
    return this.received.map((a) => (a.name ? `${a.type}/${a.name}` : a.type));
  }

  /** Polls until `predicate` holds on what the bot has received. */
  async waitFor(
    predicate: (received: ReceivedActivity[]) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<ReceivedActivity[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (predicate(this.received)) return this.received;
      if (Date.now() > deadline) throw new Error(`the bot never ${what}; it received:\n${this.kinds().join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * The bot writes on its own initiative (not as a reply) into a conversation it
   * was in, the way botbuilder bots do: `continueConversationAsync` with the
   * conversation reference of an activity it received, so it POSTs to
   * `{serviceUrl}/v3/conversations/{id}/activities`. Returns that call.
   * (botbuilder does not throw when the channel refuses: the status tells.)
   */
  async proactive(conversationId: string, text: string): Promise<OutgoingCall> {
    const last = [...this.received].reverse().find((a) => a.conversationId === conversationId);
    if (!last) throw new Error(`the bot was never in conversation ${conversationId}`);
    const { activityId: _notAReply, ...reference } = TurnContext.getConversationReference(JSON.parse(last.rawBody));
    const before = this.outgoing.length;
    await this.adapter.continueConversationAsync("", reference, async (context) => {
      // Not a reply to anything: botbuilder would otherwise reply to its own continuation event.
      context.onSendActivities(async (_context, activities, next) => {
        for (const activity of activities) delete activity.replyToId;
        return next();
      });
      await context.sendActivity(text);
    });
    const call = this.outgoing
      .slice(before)
      .find((c) => c.url.endsWith(`/v3/conversations/${conversationId}/activities`));
    if (!call)
      throw new Error(`the bot's proactive message was not seen going out; calls: ${JSON.stringify(this.outgoing)}`);
    return call;
  }

  private serviceUrls(): string[] {
    return [...new Set(this.received.map((a) => a.serviceUrl).filter(Boolean) as string[])];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, any>;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return void res.writeHead(400).end("not JSON");
    }
    const signature = req.headers["x-switchboard-signature"];
    this.received.push({
      type: body.type,
      name: body.name,
      text: body.text,
      id: body.id,
      value: body.value,
      membersAdded: body.membersAdded,
      conversationId: body.conversation?.id,
      serviceUrl: body.serviceUrl,
      rawBody,
      signature: Array.isArray(signature) ? signature[0] : signature,
    });
    // The shape botbuilder's `process` expects (Express/Restify-like), over node:http.
    const request = { method: req.method, headers: req.headers as Record<string, string>, body };
    let status = 200;
    const response = {
      socket: res.socket,
      status(code: number) {
        status = code;
      },
      header(name: string, value: unknown) {
        res.setHeader(name, String(value));
      },
      send(payload: unknown) {
        if (payload === undefined) return;
        if (!res.hasHeader("content-type")) res.setHeader("content-type", "application/json");
        res.statusCode = status;
        res.write(typeof payload === "string" ? payload : JSON.stringify(payload));
      },
      end() {
        if (!res.headersSent) res.statusCode = status;
        res.end();
      },
    };
    await this.adapter.process(request, response, (context) => this.onTurn(context));
  }

  private async onTurn(context: TurnContext) {
    const activity = context.activity;
    if (activity.type === "event" && activity.name === "omnichannelSetContext") {
      const value = (activity.value ?? {}) as { customer?: { name?: string }; handoff?: { fromKind?: string } | null };
      const name = value.customer?.name ?? "there";
      const back = value.handoff?.fromKind === "human";
      if (this.behaviour.greetingDelayMs)
        await new Promise((resolve) => setTimeout(resolve, this.behaviour.greetingDelayMs));
      await context.sendActivity(back ? `Welcome back ${name}, the bot is here again.` : `Hello ${name}, I'm the bot.`);
      return;
    }
    if (activity.type === "event" && activity.name === "requestHuman" && this.behaviour.escalateOnRequestHuman) {
      const value = (activity.value ?? {}) as { source?: string };
      await context.sendActivity({
        type: "message",
        channelData: {
          command: { type: "Escalate", value: { summary: `Bot summary: asked for a person (${value.source})` } },
        },
      });
      return;
    }
    if (activity.type !== "message") return;
    if (this.behaviour.messageDelayMs)
      await new Promise((resolve) => setTimeout(resolve, this.behaviour.messageDelayMs));
    if (this.behaviour.silentOnMessages) return;
    const text = activity.text ?? "";
    if (/person/i.test(text)) {
      await context.sendActivity("I'll get you a person right away.");
      await context.sendActivity({
        type: "message",
        channelData: { command: { type: "Escalate", value: { summary: `Bot summary: the customer asked "${text}"` } } },
      });
      return;
    }
    await context.sendActivity(`You said: ${text}`);
  }
}

/** Records the bot's own HTTP calls back to its channel (botbuilder uses node:http underneath). */
function watchOutgoing(into: OutgoingCall[], serviceUrls: () => string[]): () => void {
  const started = diagnostics.channel("http.client.request.start");
  const finished = diagnostics.channel("http.client.response.finish");
  const pending = new Map<unknown, OutgoingCall>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: http.ClientRequest };
    const url = `${request.protocol}//${String(request.getHeader("host") ?? request.host)}${request.path}`;
    if (!serviceUrls().some((serviceUrl) => url.startsWith(serviceUrl))) return;
    const call: OutgoingCall = { method: request.method, url };
    into.push(call);
    pending.set(request, call);
  };
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: http.ClientRequest; response: http.IncomingMessage };
    const call = pending.get(request);
    if (call) {
      call.status = response.statusCode;
      pending.delete(request);
    }
  };
  started.subscribe(onStart);
  finished.subscribe(onFinish);
  return () => {
    started.unsubscribe(onStart);
    finished.unsubscribe(onFinish);
  };
}

/** A port nothing listens on: an endpoint for a bot that is down. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/messages`;
}
