import { hostname } from 'node:os';
import { LitmusError } from '../../core/errors.ts';
import type { Store } from '../../store/db.ts';
import { acquireLock, type LockHolder, releaseLock } from '../../store/locks.ts';

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
  release(): void;
}

/** One refresh per topic: throws exit code 3 while a live process holds the topic's lock. */
export function lockTopic(store: Store, topic: string, identity: ProcessIdentity = thisProcess()): HeldTopicLock {
  const name = topicLockName(topic);
  const attempt = acquireLock(store, name, identity);
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
    release: () => {
      releaseLock(store, name, identity);
    },
  };
}
