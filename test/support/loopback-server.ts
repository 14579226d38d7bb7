import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it: arrival time (ms since epoch), method, url, headers. */
export interface RecordedRequest {
  time: number;
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export type LoopbackHandler = (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  setHandler(handler: LoopbackHandler): void;
  clearRequests(): void;
  close(): Promise<void>;
}

/** A generic HTTP server on 127.0.0.1, port 0 (the OS picks), that records every request. */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = createServer((raw, response) => {
    const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      time: Date.now(),
      method: raw.method ?? 'GET',
      url: raw.url ?? '/',
      path: url.pathname,
      query: url.searchParams,
      headers: raw.headers,
    };
    requests.push(recorded);
    Promise.resolve(current(recorded, response, raw)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`stand-in handler failed: ${String(error)}`);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next) {
      current = next;
    },
    clearRequests() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
