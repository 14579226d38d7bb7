import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { bwrapArgv, type SandboxSpec } from './bwrap.ts';

/**
 * Long-lived servers that evaluate one sample after another for a worker slot, so start-up is paid
 * once per slot. Each server is started as the init of its own sandbox (bwrap.ts), with an empty
 * environment; requests and replies are JSON lines carrying an `id` on the server's stdin/stdout,
 * which the samples never inherit. A server that dies or stops answering is killed — its whole PID
 * namespace with it — and replaced on the next request; the request in flight is answered 'died'
 * or 'unresponsive' instead of a reply.
 */
export interface WarmServerOptions {
  spec: (slot: number) => SandboxSpec;
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
        this.kill(server);
        resolve('unresponsive');
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
    const argv = bwrapArgv(this.options.spec(slot));
    const child = spawn(argv[0]!, argv.slice(1), { env: {}, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
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

  /** Kills the server's sandbox: bwrap leads its process group, and the namespace dies with it. */
  private kill(server: Server): void {
    server.alive = false;
    if (server.child.pid === undefined) return;
    try {
      process.kill(-server.child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }

  async dispose(): Promise<void> {
    for (const server of this.servers.values()) {
      server.child.stdin?.end();
      this.kill(server);
    }
    this.servers.clear();
  }
}
