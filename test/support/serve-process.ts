import type { ChildProcess } from 'node:child_process';
import { spawnLitmus } from './workspace.ts';

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `litmus serve --port 0` as a child and waits for the sign-in link it prints. */
export async function startServeProcess(
  args: string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<ServeProcess> {
  const { child, done } = spawnLitmus(['serve', '--port', '0', ...args], options);
  let stdout = '';
  let stderr = '';
  const opened = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`litmus serve did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, token: match[2]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void done.then((result) => {
      clearTimeout(timer);
      reject(new Error(`litmus serve exited with ${result.code}: ${stderr}`));
    });
  });
  return {
    child,
    ...opened,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await done;
    },
  };
}
