import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { AuditClaimJson } from '../../src/report/audit/audit-json.ts';
import { parsePaperFile } from '../../src/pipeline/audit/resolve-references.ts';
import { type AuditDeps, runAudit } from '../../src/pipeline/audit/run-audit.ts';
import { createWorkspace } from '../../src/pipeline/workspace.ts';
import { repoRoot } from '../support/shared-data.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { makeTempDir } from '../support/workspace.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'audit');
const document = join(fixtures, 'machine-report.md');
const papers = [
  parsePaperFile(`2401.00001=${join(fixtures, 'codebridge-paper.md')}`),
  parsePaperFile(`arxiv:2402.00002=${join(fixtures, 'translated-benchmarks-paper.txt')}`),
];

describe('an audit is a run', () => {
  const { dir, cleanup } = makeTempDir();
  const store = openSqliteStore(join(dir, 'litmus.db'));
  afterAll(async () => {
    await store.close();
    cleanup();
  });
  writeFileSync(join(dir, 'litmus.config.json'), '{}');
  const config = loadConfig({
    env: {},
    flags: { offline: true, db: join(dir, 'litmus.db') },
    file: join(dir, 'litmus.config.json'),
  });

  async function deps(): Promise<AuditDeps> {
    const workspace = createWorkspace({ config, store });
    return { store, config, http: workspace.http, engines: await workspace.engines('embedded'), litmusVersion: 'test' };
  }

  it('is in the ledger, leaves its stages in the folder, and resumes from a later stage', async () => {
    const out = join(dir, 'audit');
    const first = await runAudit({ document, papers, outDir: out }, await deps());
    const record = await store.runs.get(first.runId);
    expect(record).toMatchObject({ command: 'audit', status: 'ok' });
    for (const stage of ['01-read', '02-resolve', '03-verify', '04-check']) {
      expect(existsSync(join(out, 'stages', `${stage}.json`))).toBe(true);
    }

    // Resuming from `check` takes the verdicts from the saved verify stage, not from verifying again.
    const verifyPath = join(out, 'stages', '03-verify.json');
    const verified = JSON.parse(readFileSync(verifyPath, 'utf8')) as AuditClaimJson[];
    const edited = verified.map((claim, index) =>
      index === 0 ? { ...claim, rationale: 'taken from the saved stage' } : claim,
    );
    writeFileSync(verifyPath, JSON.stringify(edited));
    const resumed = await runAudit({ document, papers, outDir: out, from: 'check' }, await deps());
    expect(resumed.runId).not.toBe(first.runId);
    expect(resumed.audit.claims[0]!.rationale).toBe('taken from the saved stage');
    expect(resumed.audit.summary).toEqual(first.audit.summary);
  }, 120_000);

  it('is recorded as failed when the document cannot be read', async () => {
    await expect(runAudit({ document: join(dir, 'missing.md'), papers: [] }, await deps())).rejects.toMatchObject({
      code: 'E_AUDIT_UNREADABLE',
    });
    const [latest] = await store.runs.list({ limit: 1 });
    expect(latest).toMatchObject({ command: 'audit', status: 'failed' });
  });
});
