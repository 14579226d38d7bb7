import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sandboxEnv } from './common.ts';
import { killAllOfUid, type SandboxCapabilities, type SandboxRun, sandboxArgv } from './sandbox.ts';

/**
 * Long-lived interpreters that run one program after another for a worker slot (Python forks a
 * child per program, Node starts a worker thread per program), so start-up is paid once per slot.
 * Each server lives in the sandbox (network namespace, resource limits, its own uid); requests and
 * replies are JSON lines carrying an `id`; a reply with `retire: true` makes the next request start a
 * fresh server while the old one exits on its own. A server that dies or stops answering is killed with
 * everything its uid runs and replaced on the next request; the request in flight is answered
 * 'died' or 'unresponsive' instead of a reply.
 */
export interface WarmServerOptions {
  caps: SandboxCapabilities;
  cwd: string;
  /** argv of the interpreter (before the sandbox prefix is added). */
  argv: (slot: number) => string[];
  env: Record<string, string>;
  /** The uid a slot's server runs as; must be used by nothing else while the pool lives. */
  uid: (slot: number) => number;
  maxProcesses: number;
  maxFileBytes: number;
}

export type ServerLost = 'died' | 'unresponsive';

interface Server {
  child: ChildProcess;
  pending: Map<number, (reply: unknown) => void>; // called with null when the server died
  alive: boolean;
}

export class WarmServerPool<Reply extends { id: number }> {
  private servers = new Map<number, Server>();
  private nextId = 1;

  constructor(private readonly options: WarmServerOptions) {}

  /** Sends one request to the slot's server and waits at most `watchdogMs` for the reply. */
  send(slot: number, request: Record<string, unknown>, watchdogMs: number): Promise<Reply | ServerLost> {
    const server = this.server(slot);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const watchdog = setTimeout(() => {
        server.pending.delete(id);
        void this.kill(slot, server).then(() => resolve('unresponsive'));
      }, watchdogMs);
      server.pending.set(id, (reply) => {
        clearTimeout(watchdog);
        resolve(reply === null ? 'died' : (reply as Reply));
      });
      server.child.stdin?.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  private server(slot: number): Server {
    const existing = this.servers.get(slot);
    if (existing?.alive) return existing;
    const { caps, cwd, env, maxProcesses, maxFileBytes } = this.options;
    const limits = { timeoutMs: 10 * 86_400_000, maxProcesses, maxFileBytes };
    const argv = sandboxArgv(caps, limits, this.options.uid(slot), this.options.argv(slot));
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd,
      env: sandboxEnv(cwd, env),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server: Server = { child, pending: new Map(), alive: true };
    child.stderr?.resume();
    child.stdin?.on('error', () => {
      // the server died mid-write: its exit handler answers the pending requests
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        return; // not a reply
      }
      server.pending.get(reply.id)?.(reply);
      server.pending.delete(reply.id);
      if ((reply as { retire?: boolean }).retire === true) {
        // The server asked to be replaced; it exits once its stdin ends. No kill: the uid is reused.
        server.alive = false;
        server.child.stdin?.end();
      }
    });
    const died = () => {
      server.alive = false;
      for (const resolve of server.pending.values()) resolve(null);
      server.pending.clear();
    };
    child.on('exit', died);
    child.on('error', died);
    this.servers.set(slot, server);
    return server;
  }

  private kill(slot: number, server: Server): Promise<void> {
    server.alive = false;
    if (server.child.pid !== undefined) {
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    return this.options.caps.dropUid ? killAllOfUid(this.options.uid(slot)) : Promise.resolve();
  }

  async dispose(): Promise<void> {
    for (const [slot, server] of this.servers) {
      server.child.stdin?.end();
      await this.kill(slot, server);
    }
    this.servers.clear();
  }
}

/** The run a lost request stands for: a program that killed its server failed; one that hung it timed out. */
export function lostRun(lost: ServerLost, durationMs: number): SandboxRun {
  return {
    exitCode: null,
    signal: lost === 'died' ? 'SIGKILL' : null,
    timedOut: lost === 'unresponsive',
    stdout: '',
    stderr: lost === 'died' ? 'the server running the program died while it ran' : '',
    durationMs,
  };
}
