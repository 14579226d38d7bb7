import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../core/hash.ts';
import { LitmusError, usageError } from '../core/errors.ts';
import { slugify } from '../core/text.ts';
import { writeTextFile } from './write-text-file.ts';

/**
 * A run folder: each stage leaves `stages/NN-<stage>.json` so a run can be inspected and resumed, and
 * final outputs sit at the top. Writes go to a temporary name first, then rename, so a killed process
 * never leaves half a file.
 */
export class RunFolder {
  constructor(readonly dir: string) {}

  stagePath(index: number, stage: string): string {
    return join(this.dir, 'stages', `${String(index + 1).padStart(2, '0')}-${stage}.json`);
  }

  writeStage(index: number, stage: string, value: unknown): void {
    this.writeFile(this.stagePath(index, stage), `${JSON.stringify(value, null, 2)}\n`);
  }

  readStage<T>(index: number, stage: string): T {
    const path = this.stagePath(index, stage);
    if (!existsSync(path)) {
      throw new LitmusError('E_NO_STAGE', `no saved output of stage "${stage}" in ${this.dir}`, {
        hint: 'run the whole report once (without --from) before resuming from a later stage',
        exitCode: 2,
      });
    }
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  }

  write(name: string, content: string): string {
    const path = join(this.dir, name);
    this.writeFile(path, content);
    return path;
  }

  private writeFile(path: string, content: string): void {
    writeTextFile(path, content);
  }
}

/** The default report folder: `reports/<slug>-<hash>`, so questions sharing their first words never collide. */
export function defaultReportDir(question: string): string {
  return join('reports', `${slugify(question, 50)}-${sha256(question.trim()).slice(0, 8)}`);
}

/** The question a folder holds a report for: from its run.json, else its saved plan; null when none. */
export function reportQuestionIn(dir: string): string | null {
  for (const file of [join(dir, 'run.json'), join(dir, 'stages', '01-plan.json')]) {
    if (!existsSync(file)) continue;
    try {
      const value = JSON.parse(readFileSync(file, 'utf8')) as { question?: unknown };
      if (typeof value.question === 'string') return value.question;
    } catch {
      // an unreadable file says nothing about the question: treat the folder as someone else's
    }
  }
  return null;
}

const REPORT_FILES = ['run.json', 'report.md', 'report.json', 'report.html', 'stages'];

/**
 * Before a report is written into `dir`: a new folder is fine; a report of the same question is
 * replaced (returns 'replace', so the caller can say so); a report of another question, or report
 * files litmus cannot attribute, are kept unless `force` — a report is never lost silently.
 */
export function claimReportFolder(dir: string, question: string, force: boolean): 'new' | 'replace' {
  if (!REPORT_FILES.some((name) => existsSync(join(dir, name)))) return 'new';
  const previous = reportQuestionIn(dir);
  if (force || (previous !== null && previous.trim() === question.trim())) return 'replace';
  throw usageError(
    'E_REPORT_EXISTS',
    previous === null
      ? `${dir} already holds report files litmus did not write for this question`
      : `${dir} already holds the report of another question ("${previous.slice(0, 80)}")`,
    'choose another --out, or add --force to replace it',
  );
}
