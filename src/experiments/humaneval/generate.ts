import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Problem, Sample } from './types.ts';

/**
 * Produces samples for `--generate`: n completions per problem from a callback. The LLM engine
 * (src/llm/) is wired in by the caller, which binds model, temperature and caching into `generate`;
 * this function only knows prompts in, completions out.
 */
export type Generate = (prompt: string) => Promise<string>;

export interface GenerateOptions {
  n: number;
  concurrency?: number;
  onSample?: (sample: Sample) => void;
}

export async function generateSamples(
  problems: Problem[],
  generate: Generate,
  options: GenerateOptions,
): Promise<Sample[]> {
  const queue: { problem: Problem; index: number }[] = [];
  for (const problem of problems) for (let index = 0; index < options.n; index++) queue.push({ problem, index });
  const out: Sample[] = [];
  const work = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const generation = await generate(item.problem.prompt);
      const sample = { taskId: item.problem.taskId, generation, index: item.index };
      out.push(sample);
      options.onSample?.(sample);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, work));
  return out.sort((a, b) => a.taskId.localeCompare(b.taskId, 'en', { numeric: true }) || a.index - b.index);
}

/** Writes samples as the benchmark's JSON Lines ({task_id, generation}), gzipped for a .gz path. */
export function writeSamples(path: string, samples: Sample[]): void {
  const text = samples.map((s) => JSON.stringify({ task_id: s.taskId, generation: s.generation })).join('\n');
  const body = `${text}\n`;
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(body) : body);
}
