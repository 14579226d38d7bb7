import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LitmusError } from '../core/errors.ts';
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
