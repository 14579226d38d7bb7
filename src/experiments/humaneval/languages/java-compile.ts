import type { Bind } from '../bwrap.ts';
import { sandboxEnv } from '../common.ts';
import { runSandboxed } from '../sandbox.ts';
import { WarmServerPool } from '../warm-server.ts';

/** A program to compile: its source file relative to the batch directory, as javac names it in errors. */
export interface JavaUnit {
  pkg: string;
  file: string;
  error?: string;
}

interface Reply {
  id: number;
  code: number;
  output: string;
}

export const JAVAC_JVM_FLAGS = [
  '-Xmx768m',
  '-Xshare:auto',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
];

/**
 * javac for the Java runner. Once, cold, in a one-shot sandbox (the codec and the compile server
 * itself); then per worker slot a warm compile server (java-compile-server.java) in a sandbox of its
 * own whose only writable directory is the slot's (`slotDir`, where its batches live), the codec's
 * classes read-only on the class path. It runs under the slot's trusted uid, never a sample's.
 */
export class JavaCompiler {
  private pool: WarmServerPool<Reply> | undefined;

  constructor(
    private readonly javac: string,
    private readonly java: string,
    private readonly binds: Bind[],
  ) {}

  /** One cold javac whose only writable directory is `cwd` (sources in, classes/ out). */
  async once(files: string[], cwd: string, uid: number): Promise<{ ok: boolean; output: string }> {
    const flags = JAVAC_JVM_FLAGS.map((flag) => `-J${flag}`);
    const run = await runSandboxed({
      spec: {
        argv: [this.javac, ...flags, '-nowarn', '-proc:none', '-encoding', 'UTF-8', '-d', 'classes', ...files],
        binds: this.binds,
        work: { dest: '/work', host: cwd },
        env: sandboxEnv('/work'),
        limits: { timeoutMs: 120_000, maxProcesses: 256, maxFileBytes: 256 * 1024 ** 2 },
        uid,
        proc: true,
      },
      maxOutputBytes: 1024 * 1024,
    });
    return { ok: run.exitCode === 0, output: run.stderr + run.stdout };
  }

  /** Starts the warm servers lazily: slot → its directory and uid. */
  serve(codecDir: string, slot: (slot: number) => { dir: string; uid: number }): void {
    this.pool = new WarmServerPool<Reply>({
      spec: (n) => ({
        argv: [this.java, ...JAVAC_JVM_FLAGS, '-cp', '/opt/codec', 'litmus_javac.CompileServer', '/work', '/opt/codec'],
        binds: [...this.binds, { host: codecDir, dest: '/opt/codec' }],
        work: { dest: '/work', host: slot(n).dir },
        env: sandboxEnv('/work'),
        limits: { timeoutMs: 10 * 86_400_000, maxProcesses: 256, maxFileBytes: 256 * 1024 ** 2 },
        uid: slot(n).uid,
        proc: true,
      }),
    });
  }

  /**
   * Compiles a batch (`batch` names its directory under the slot's) with as few javac runs as it
   * takes: files named in errors are set aside and the rest recompiled; errors not attributable to a
   * file (or a compilation that did not finish) → one file at a time.
   */
  async compileAll(units: JavaUnit[], batch: string, slot: number): Promise<void> {
    let pending = units.filter((u) => u.error === undefined);
    for (let attempt = 0; pending.length > 0 && attempt < 4; attempt++) {
      const run = await this.compile(
        pending.map((u) => u.file),
        batch,
        slot,
      );
      if (run.ok) return;
      const failed = new Set<JavaUnit>();
      for (const unit of pending) {
        const pattern = `${unit.file}:`;
        const line = run.output.split('\n').find((l) => l.startsWith(pattern) && /error:/.test(l));
        if (line) {
          unit.error = line.slice(unit.file.length + 1).trim();
          failed.add(unit);
        }
      }
      if (failed.size === 0) break;
      pending = pending.filter((u) => !failed.has(u));
    }
    for (const unit of pending) {
      if (unit.error !== undefined) continue;
      const run = await this.compile([unit.file], batch, slot);
      if (!run.ok)
        unit.error =
          run.output
            .split('\n')
            .find((l) => /error/.test(l))
            ?.trim() ?? 'compilation failed';
    }
  }

  private async compile(files: string[], batch: string, slot: number): Promise<{ ok: boolean; output: string }> {
    const reply = await this.pool!.send(slot, { dir: batch, files }, 60_000 + 10_000 * files.length);
    if (reply === 'died') return { ok: false, output: 'javac died' };
    if (reply === 'unresponsive') return { ok: false, output: 'javac did not finish in time' };
    return { ok: reply.code === 0, output: reply.output };
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
    this.pool = undefined;
  }
}
