import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for an OpenAI-compatible chat completions server (127.0.0.1, port 0).
 * Scriptable per request: queued replies are used first, then the handler (default: echo).
 * Records every request with its headers and parsed body, so tests assert on what was sent.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON; tests inspect them freely
  body: any;
}

export type FakeReply =
  /** One choice per entry; objects are sent as their JSON. Fewer entries than `n` mimics servers that ignore `n`. */
  | { kind: 'content'; choices: (string | object)[]; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: 'error'; status: number; headers?: Record<string, string>; body?: unknown }
  /** A body that is not JSON at all (broken proxy). */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  | { kind: 'delay'; ms: number; then: FakeReply };

export type FakeHandler = (request: RecordedRequest) => FakeReply;

export interface FakeOpenAiServerOptions {
  handler?: FakeHandler;
  /** Answer 400 to any request carrying response_format, as servers without structured output do. */
  rejectResponseFormat?: boolean;
  /** Usage reported for every completion; default ≈ chars / 4. */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface FakeOpenAiServer {
  /** http://127.0.0.1:<port>/v1 */
  readonly baseUrl: string;
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Replies used in order by the next requests, before the handler. */
  enqueue(...replies: FakeReply[]): void;
  setHandler(handler: FakeHandler): void;
  options: FakeOpenAiServerOptions;
  /** Requests to /v1/chat/completions only. */
  completions(): RecordedRequest[];
  /** Requests being answered right now, and the most at once so far (concurrency checks). */
  readonly stats: { inFlight: number; maxInFlight: number };
  close(): Promise<void>;
}

export const reply = {
  content: (...choices: (string | object)[]): FakeReply => ({ kind: 'content', choices }),
  error: (status: number, headers: Record<string, string> = {}, message = `status ${status}`) => ({
    kind: 'error' as const,
    status,
    headers,
    body: { error: { message, type: 'fake_error', code: null } },
  }),
  raw: (status: number, body: string): FakeReply => ({ kind: 'raw', status, body }),
  delay: (ms: number, then: FakeReply): FakeReply => ({ kind: 'delay', ms, then }),
};

/** Echoes the last user message back as the content, so tests can see exactly what the model got. */
export const echoHandler: FakeHandler = (request) => {
  const messages = (request.body?.messages ?? []) as { role: string; content: string }[];
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  return reply.content(lastUser?.content ?? '');
};

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let handler: FakeHandler = options.handler ?? echoHandler;
  const state = { options };
  const stats = { inFlight: 0, maxInFlight: 0 };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`fake server failed: ${String(error)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {
      body = null;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
    }
    const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers, rawBody, body };
    requests.push(request);
    if (request.method !== 'POST' || !request.path.startsWith('/v1/chat/completions')) {
      send(res, reply.error(404, {}, `no route ${request.method} ${request.path}`), request);
      return;
    }
    if (state.options.rejectResponseFormat && (body as { response_format?: unknown })?.response_format) {
      send(res, reply.error(400, {}, "Unsupported parameter: 'response_format'"), request);
      return;
    }
    await sendAfterDelay(res, queue.shift() ?? handler(request), request);
  }

  async function sendAfterDelay(res: ServerResponse, answer: FakeReply, request: RecordedRequest): Promise<void> {
    if (answer.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, answer.ms));
      if (res.destroyed || res.socket?.destroyed) return;
      await sendAfterDelay(res, answer.then, request);
      return;
    }
    send(res, answer, request);
  }

  function send(res: ServerResponse, answer: Exclude<FakeReply, { kind: 'delay' }>, request: RecordedRequest): void {
    if (answer.kind === 'error') {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? { error: { message: `status ${answer.status}` } }));
      return;
    }
    if (answer.kind === 'raw') {
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/plain' });
      res.end(answer.body);
      return;
    }
    const contents = answer.choices.map((choice) => (typeof choice === 'string' ? choice : JSON.stringify(choice)));
    const usage = answer.usage ??
      state.options.usage ?? {
        prompt_tokens: Math.ceil(request.rawBody.length / 4),
        completion_tokens: Math.ceil(contents.join('').length / 4),
      };
    const payload = {
      id: `chatcmpl-fake-${requests.length}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: (request.body as { model?: string })?.model ?? 'fake-model',
      choices: contents.map((content, index) => ({
        index,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      })),
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    stats,
    get options() {
      return state.options;
    },
    set options(value) {
      state.options = value;
    },
    enqueue: (...replies) => queue.push(...replies),
    setHandler: (next) => {
      handler = next;
    },
    completions: () => requests.filter((request) => request.path.startsWith('/v1/chat/completions')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
