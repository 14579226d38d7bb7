import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.ts';
import { repoRoot } from './shared-data.ts';

export { makeTempDir } from './temp-dir.ts';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (fast) with captured output and a controlled environment. */
export async function runLitmus(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, env: { ...cleanEnv(), ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The environment without anything that could reach a real service. */
export function cleanEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('LITMUS_') || key.startsWith('OPENAI_') || key === 'S2_API_KEY') delete env[key];
  }
  return env;
}

export const litmusBin = join(repoRoot, 'bin', 'litmus.js');

/** Runs the real `litmus` binary in a child process. */
export function spawnLitmus(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): { child: ReturnType<typeof spawn>; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [litmusBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...cleanEnv(), ...options.env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
  return { child, done };
}
