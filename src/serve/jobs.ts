import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { LitmusError } from '../core/errors.ts';

/**
 * Runs started from the web app or the MCP server. Each is a child `litmus report|audit` process:
 * a crash or a runaway run cannot take the server down, progress is the child's own log lines, and
 * cancel is a signal. Everything the child writes is atomic (stage files and report files are written
 * to a temporary name then renamed; database work is in transactions), so killing it leaves what
 * finished intact and `--from` can resume the rest.
 */
export type JobKind = 'report' | 'audit';
export type JobStatus = 'running' | 'ok' | 'failed' | 'cancelled';

export interface JobEvent {
  id: number;
  type: 'progress' | 'done';
  data: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Folder name under the reports root where the result lands. */
  folder: string;
  events: JobEvent[];
  error: string | null;
}

export interface JobSpec {
  kind: JobKind;
  title: string;
  folder: string;
  /** Arguments after the global ones, e.g. ['report', question, '--out', dir]. */
  args: string[];
}

export interface JobRunnerOptions {
  /** Global litmus flags every child gets (--db, --config, --offline). */
  globalArgs: string[];
  maxConcurrent: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called once when a job ends (e.g. to mark a killed report's run row). */
  onFinished?: (job: Job) => void;
}

const LITMUS_BIN = fileURLToPath(new URL('../../bin/litmus.js', import.meta.url));
const MAX_EVENTS = 2000;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly children = new Map<string, ChildProcess>();
  private readonly emitter = new EventEmitter();
  private counter = 0;

  constructor(private readonly options: JobRunnerOptions) {
    this.emitter.setMaxListeners(0);
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  running(): number {
    return this.children.size;
  }

  start(spec: JobSpec): Job {
    if (this.children.size >= this.options.maxConcurrent) {
      throw new LitmusError('E_BUSY', `${this.children.size} runs are already going`, {
        hint: 'wait for one to finish or cancel it',
        exitCode: 3,
      });
    }
    this.counter += 1;
    const job: Job = {
      id: String(this.counter),
      kind: spec.kind,
      title: spec.title,
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      folder: spec.folder,
      events: [],
      error: null,
    };
    this.jobs.set(job.id, job);
    const child = spawn(process.execPath, [LITMUS_BIN, ...this.options.globalArgs, ...spec.args], {
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      // Results are read from the run folder; stderr carries the progress lines.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.children.set(job.id, child);
    let lastError = '';
    let pending = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        if (line.startsWith('error: ')) lastError = line.slice('error: '.length);
        this.push(job, 'progress', line);
      }
    });
    child.on('error', (error) => {
      lastError = error.message;
    });
    child.on('close', (code) => {
      this.children.delete(job.id);
      if (pending.trim()) this.push(job, 'progress', pending.trim());
      if (job.status === 'running') {
        job.status = code === 0 ? 'ok' : 'failed';
        if (code !== 0) job.error = lastError || `litmus ${spec.kind} exited with code ${code}`;
      }
      job.finishedAt = new Date().toISOString();
      this.options.onFinished?.(job);
      this.push(job, 'done', JSON.stringify({ status: job.status, error: job.error, folder: job.folder }));
    });
    this.push(job, 'progress', `started litmus ${spec.kind}`);
    return job;
  }

  /** Stops a running job (SIGTERM, then SIGKILL after 5 s); false when it is not running. */
  cancel(id: string): boolean {
    const child = this.children.get(id);
    const job = this.jobs.get(id);
    if (!child || !job || job.status !== 'running') return false;
    job.status = 'cancelled';
    job.error = 'cancelled';
    this.push(job, 'progress', 'cancel requested: stopping the run');
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 5000);
    timer.unref();
    return true;
  }

  /** Cancels every running job and waits for them to exit (server shutdown). */
  async stopAll(): Promise<void> {
    const waits = [...this.children.entries()].map(
      ([id, child]) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          this.cancel(id);
        }),
    );
    await Promise.all(waits);
  }

  /** Calls `listener` for each event of the job after `afterId`, now and as they come; returns an unsubscribe. */
  subscribe(id: string, afterId: number, listener: (event: JobEvent) => void): () => void {
    const job = this.jobs.get(id);
    if (!job) return () => {};
    for (const event of job.events) if (event.id > afterId) listener(event);
    const handler = (event: JobEvent) => listener(event);
    this.emitter.on(`job:${id}`, handler);
    return () => this.emitter.off(`job:${id}`, handler);
  }

  private push(job: Job, type: JobEvent['type'], data: string): void {
    const event: JobEvent = { id: (job.events.at(-1)?.id ?? 0) + 1, type, data };
    job.events.push(event);
    if (job.events.length > MAX_EVENTS) job.events.splice(1, job.events.length - MAX_EVENTS);
    this.emitter.emit(`job:${job.id}`, event);
  }
}
