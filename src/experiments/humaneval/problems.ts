import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LitmusError, usageError } from '../../core/errors.ts';
import type { Language, Problem, Sample } from './types.ts';

const TASK_PREFIX: Record<string, Language> = {
  Python: 'python',
  CPP: 'cpp',
  Java: 'java',
  JavaScript: 'js',
  Go: 'go',
  Rust: 'rust',
};

/**
 * Where the problems are read from (never bundled): --problems, else env LITMUS_HUMANEVAL_X_DIR,
 * else ../shared/data/humaneval-x relative to the current directory.
 */
export function defaultProblemsDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return env.LITMUS_HUMANEVAL_X_DIR ?? resolve(cwd, '..', 'shared', 'data', 'humaneval-x');
}

export function languageOfTask(taskId: string): Language | undefined {
  return TASK_PREFIX[taskId.split('/')[0] ?? ''];
}

/** Reads a JSON Lines file, gunzipping when it ends in .gz; names the file and line on bad JSON. */
export function readJsonLines(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) throw usageError('E_INPUT_MISSING', `${path} does not exist`, 'check the path');
  const raw = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const rows: Record<string, unknown>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new LitmusError('E_BAD_JSONL', 'not an object');
      rows.push(value as Record<string, unknown>);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw usageError('E_BAD_JSONL', `${path}:${i + 1} is not a JSON object (${reason})`, 'one JSON object per line');
    }
  });
  return rows;
}

const str = (row: Record<string, unknown>, key: string): string => {
  const value = row[key];
  return typeof value === 'string' ? value : '';
};

export function loadProblems(dir: string, language: Language): Map<string, Problem> {
  const path = join(dir, `humaneval_${language}.jsonl.gz`);
  if (!existsSync(path)) {
    throw new LitmusError('E_HUMANEVAL_MISSING', `HumanEval-X problems not found: ${path}`, {
      hint: 'pass --problems <dir with humaneval_<lang>.jsonl.gz> or set LITMUS_HUMANEVAL_X_DIR',
      exitCode: 2,
    });
  }
  const problems = new Map<string, Problem>();
  for (const row of readJsonLines(path)) {
    const taskId = str(row, 'task_id');
    const problem: Problem = {
      taskId,
      number: Number(taskId.split('/')[1]),
      prompt: str(row, 'prompt'),
      test: str(row, 'test'),
      declaration: str(row, 'declaration'),
      canonicalSolution: str(row, 'canonical_solution'),
    };
    if (typeof row.import === 'string') problem.importBlock = row.import;
    if (typeof row.test_setup === 'string') problem.testSetup = row.test_setup;
    problems.set(taskId, problem);
  }
  return problems;
}

/** Samples `{task_id, generation}`; several lines per task are several samples (n for pass@k). */
export function loadSamples(path: string): Sample[] {
  const counters = new Map<string, number>();
  return readJsonLines(path).map((row, i) => {
    const taskId = row.task_id;
    const generation = row.generation;
    if (typeof taskId !== 'string' || typeof generation !== 'string') {
      throw usageError(
        'E_BAD_SAMPLE',
        `${path}:${i + 1} needs string fields task_id and generation`,
        'each line is {"task_id": "CPP/0", "generation": "..."}',
      );
    }
    const index = counters.get(taskId) ?? 0;
    counters.set(taskId, index + 1);
    return { taskId, generation, index };
  });
}

/** The dataset's reference solutions as samples (ground-truth mode / acceptance checks). */
export function canonicalSamples(problems: Map<string, Problem>): Sample[] {
  return [...problems.values()].map((p) => ({ taskId: p.taskId, generation: p.canonicalSolution, index: 0 }));
}
