import { hostname } from 'node:os';
import { LitmusError } from '../../core/errors.ts';
import type { LockHolder, Store } from '../../store/store.ts';

export interface ProcessIdentity {
  pid: number;
  host: string;
  isAlive: (pid: number) => boolean;
}

/** Signal 0 checks existence without touching the process; EPERM means it exists but isn't ours. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function thisProcess(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), isAlive: pidAlive };
}

export const topicLockName = (topic: string) => `refresh:${topic}`;

export interface HeldTopicLock {
  takenOverFrom: LockHolder | null;
  release(): Promise<void>;
}

/** One refresh per topic: throws exit code 3 while a live process holds the topic's lock. */
export async function lockTopic(
  store: Store,
  topic: string,
  identity: ProcessIdentity = thisProcess(),
): Promise<HeldTopicLock> {
  const name = topicLockName(topic);
  const attempt = await store.locks.acquire(name, identity);
  if (!attempt.acquired) {
    const { holder } = attempt;
    const where = holder.host === identity.host ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
    throw new LitmusError('E_BUSY', `topic "${topic}" is being refreshed by ${where} since ${holder.acquiredAt}`, {
      hint:
        holder.host === identity.host
          ? 'wait for it to finish; a lock left by a dead process is taken over automatically'
          : `if that process is gone, remove the lock with \`litmus topic unlock ${topic}\``,
      exitCode: 3,
    });
  }
  return {
    takenOverFrom: attempt.takenOverFrom,
    release: async () => {
      await store.locks.release(name, identity);
    },
  };
}
