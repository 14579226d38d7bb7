import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Config } from '../config/schema.ts';
import { LitmusError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './create-app.ts';
import { JobRunner } from './jobs.ts';
import { isLoopbackHost, newToken } from './security.ts';
import type { ServeContext } from './serve-context.ts';
import { recordCancelledRun } from './start-runs.ts';

export interface ServeOptions {
  store: Store;
  config: Config;
  host: string;
  port: number;
  reportsRoot: string;
  maxUploadBytes: number;
  maxRuns: number;
  /** Global flags each run's child process gets, so it uses the same database and config. */
  childGlobalArgs: string[];
  litmusVersion: string;
}

export interface RunningServer {
  url: string;
  token: string;
  loopbackOnly: boolean;
  close(): Promise<void>;
}

/** Starts the web app; resolves once it listens (port 0 picks a free port). */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = newToken();
  const loopbackOnly = isLoopbackHost(options.host);
  const uploadsDir = mkdtempSync(join(tmpdir(), 'litmus-serve-uploads-'));
  let ctx: ServeContext;
  const jobs = new JobRunner({
    globalArgs: options.childGlobalArgs,
    maxConcurrent: options.maxRuns,
    // The ledger is the record; a store error here must not take the server down with it.
    onFinished: (job) => void recordCancelledRun(ctx, job).catch(() => undefined),
  });
  ctx = {
    store: options.store,
    config: options.config,
    reportsRoot: resolve(options.reportsRoot),
    uploadsDir,
    maxUploadBytes: options.maxUploadBytes,
    jobs,
    litmusVersion: options.litmusVersion,
  };
  const app = createApp(ctx, { token, loopbackOnly });
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
    (resolvePromise, reject) => {
      const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) =>
        resolvePromise({ server, address: info }),
      );
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new LitmusError('E_LISTEN', `cannot listen on ${options.host}:${options.port}: ${error.message}`, {
            hint: 'pick another --port (0 chooses a free one) or --host',
            exitCode: 2,
          }),
        ),
      );
    },
  );
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    token,
    loopbackOnly,
    async close() {
      await jobs.stopAll();
      // Browsers may hold event streams open; they are cut after a short grace period.
      const http = server as Server;
      const force = setTimeout(() => http.closeAllConnections?.(), 2000);
      force.unref();
      await new Promise<void>((done) => server.close(() => done()));
      clearTimeout(force);
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
