/**
 * One process of the cross-process slot test: `tsx rate-slot-worker.ts <url> <group> <delayMs> <count>
 * <startAtMs>` takes <count> slots of <group> through the store at <url> (holding each 10 ms, as a
 * request in flight) and prints the [start, end] of each as JSON.
 */
import { openStore } from '../../src/store/open-store.ts';

const [url, group, delay, count, startAt] = process.argv.slice(2);
const delayMs = Number(delay);
const store = await openStore(url!);
const held: [number, number][] = [];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
while (held.length < Number(count)) {
  const start = Date.now();
  const attempt = await store.rateLimits.tryAcquire(group!, delayMs, 5_000, start);
  if (!attempt.acquired) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(attempt.waitMs, 25)));
    continue;
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  const end = Date.now();
  held.push([start, end]);
  await store.rateLimits.release(group!, attempt.lease, delayMs, end);
}
await store.close();
process.stdout.write(`${JSON.stringify(held)}\n`);
