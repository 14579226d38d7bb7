import { firstErrorLine } from '../common.ts';

export const GO_MODULE = 'humanEval';

/**
 * Build failures per package from the output of one `go test` over many packages: the go command
 * heads each failing package's messages with `# <import path>` (`# humanEval/s3 [humanEval/s3.test]`).
 * Returns package directory → first message, with the directory prefix turned into `./`.
 */
export function goBuildErrors(output: string, module = 'humanEval'): Map<string, string> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  const header = new RegExp(`^# ${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([\\w.-]+)(\\s|$)`);
  for (const line of output.split('\n')) {
    const head = header.exec(line);
    if (head) {
      current = blocks.get(head[1]!) ?? [];
      blocks.set(head[1]!, current);
    } else if (line.startsWith('# ') || /^(ok|FAIL|\?)\s/.test(line) || line === 'FAIL') {
      current = undefined;
    } else if (current && line.trim() !== '') {
      current.push(line);
    }
  }
  const errors = new Map<string, string>();
  for (const [dir, lines] of blocks) {
    const first = lines[0]; // go reports in source order: the first message is the cause
    if (first === undefined) continue;
    const local = first.startsWith(`${dir}/`) ? `./${first.slice(dir.length + 1)}` : first;
    errors.set(dir, local.trim().slice(0, 300));
  }
  return errors;
}

export interface GoTestRun {
  output: string; // stderr and stdout of the go command
  timedOut: boolean;
}

/**
 * Builds a batch with `go test` over its packages; afterwards each unit has a test binary or an
 * `error`. Units left with neither (the go command gave up early, or timed out) are rebuilt on
 * their own when the others got somewhere, else in two halves, down to single packages, so one
 * bad sample costs a few extra builds and fails only itself.
 */
export async function buildGoBatch<U extends { pkg: string; error?: string }>(
  units: U[],
  goTest: (pkgs: string[]) => Promise<GoTestRun>,
  hasBinary: (unit: U) => boolean,
): Promise<void> {
  const run = await goTest(units.map((u) => u.pkg));
  const errors = goBuildErrors(run.output, GO_MODULE);
  const unresolved: U[] = [];
  for (const unit of units) {
    if (hasBinary(unit)) continue;
    const error = errors.get(unit.pkg);
    if (error !== undefined) unit.error = error;
    else unresolved.push(unit);
  }
  if (unresolved.length === 0) return;
  if (units.length === 1) {
    unresolved[0]!.error = run.timedOut ? 'compilation timed out' : firstErrorLine(run.output);
    return;
  }
  if (unresolved.length < units.length) return buildGoBatch(unresolved, goTest, hasBinary);
  const half = Math.ceil(unresolved.length / 2);
  await buildGoBatch(unresolved.slice(0, half), goTest, hasBinary);
  await buildGoBatch(unresolved.slice(half), goTest, hasBinary);
}
