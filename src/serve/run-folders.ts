import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { AuditJson } from '../report/audit/audit-json.ts';
import type { ReportModel } from '../report/report-model.ts';

/**
 * Report and audit folders under the reports root (`reports/` by default, where `litmus report`
 * writes). A folder is addressed by its single-segment name only; the name is checked against a
 * strict pattern and the resolved real path must stay inside the root, so no request can reach a
 * file outside it (`..`, encoded slashes, symlinks out of the root are all refused).
 */
export interface RunFolderEntry {
  name: string;
  kind: 'report' | 'audit';
  title: string;
  modifiedAt: string;
}

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isSafeFolderName(name: string): boolean {
  return FOLDER_NAME.test(name) && !name.includes('..');
}

/** The folder's absolute path, or null when the name is not a plain folder inside the root. */
export function resolveRunFolder(root: string, name: string): string | null {
  if (!isSafeFolderName(name)) return null;
  const absoluteRoot = resolve(root);
  const candidate = join(absoluteRoot, name);
  if (!existsSync(candidate)) return null;
  const real = realpathSync(candidate);
  const realRoot = realpathSync(absoluteRoot);
  const inside = relative(realRoot, real);
  if (inside === '' || inside.startsWith('..') || inside.includes(sep) || !statSync(real).isDirectory()) return null;
  return real;
}

export function listRunFolders(root: string): RunFolderEntry[] {
  if (!existsSync(root)) return [];
  const entries: RunFolderEntry[] = [];
  for (const name of readdirSync(root)) {
    const dir = resolveRunFolder(root, name);
    if (!dir) continue;
    const loaded = loadRunFolder(dir);
    if (!loaded) continue;
    entries.push({
      name,
      kind: loaded.kind,
      title:
        loaded.kind === 'report'
          ? loaded.report.question
          : `Audit of ${loaded.audit.document_title ?? loaded.audit.document}`,
      modifiedAt: statSync(dir).mtime.toISOString(),
    });
  }
  return entries.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

export type LoadedRunFolder =
  | { kind: 'report'; dir: string; report: ReportModel }
  | { kind: 'audit'; dir: string; audit: AuditJson };

/** report.json or audit.json of a run folder, or null when it has neither (a run still going, or failed). */
export function loadRunFolder(dir: string): LoadedRunFolder | null {
  const report = join(dir, 'report.json');
  if (existsSync(report))
    return { kind: 'report', dir, report: JSON.parse(readFileSync(report, 'utf8')) as ReportModel };
  const audit = join(dir, 'audit.json');
  if (existsSync(audit)) return { kind: 'audit', dir, audit: JSON.parse(readFileSync(audit, 'utf8')) as AuditJson };
  return null;
}

/** Files of a run folder a browser may download: fixed names only, never a path from the request. */
export const DOWNLOADABLE_FILES: Record<string, string> = {
  'report.md': 'text/markdown; charset=utf-8',
  'report.json': 'application/json',
  'references.bib': 'application/x-bibtex; charset=utf-8',
  'references.ris': 'application/x-research-info-systems; charset=utf-8',
  'references.csl.json': 'application/vnd.citationstyles.csl+json',
  'run.json': 'application/json',
  'audit.md': 'text/markdown; charset=utf-8',
  'audit.json': 'application/json',
  'diff.md': 'text/markdown; charset=utf-8',
  'diff.json': 'application/json',
};
