import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { type ServeProcess, startServeProcess } from '../support/serve-process.ts';
import { repoRoot, sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const CHROMIUM = '/usr/bin/chromium';
const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const paperId = 'local:2302-07302v1';
/** Screenshots for a human to look at (gitignored). */
const artifacts = join(repoRoot, 'test-artifacts', 'serve');

describe('litmus serve in headless Chromium, over a library filled from the shared PDFs', () => {
  const temp = makeTempDir('litmus-serve-browser-');
  let standIn: ReportStandIn;
  let env: Record<string, string>;
  let server: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    standIn = await startReportStandIn(question);
    env = standInEnv(standIn.arxiv, temp.dir);
    const added = await runLitmus(
      ['--quiet', 'add', sharedData('pdfs', '2302.07302v1.pdf'), sharedData('pdfs', '1804.07821v1.pdf')],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    // Two claims about the CiteSee paper: one as the paper states it, one with its figure changed.
    const store = openSqliteStore(env.LITMUS_DB!);
    const claim = (text: string) => ({
      paperId,
      text,
      type: 'result' as const,
      numbers: [],
      passageId: null,
      charStart: null,
      charEnd: null,
      relevance: 0.9,
      engine: 'embedded@1',
    });
    await store.claims.save(
      [
        claim('As expected, the majority of inline citations were not augmented (88.6%, SD=24.5%).'),
        claim(
          'One survey study estimated that inline citations accounted for around one in five (41%) of paper discoveries during research.',
        ),
      ],
      null,
    );
    await store.close();
    const verified = await runLitmus(['--quiet', 'verify', paperId], env);
    expect(verified.code, verified.stderr).toBe(0);

    server = await startServeProcess([], { env, cwd: temp.dir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Every request the pages make goes through here; anything not to our loopback server is refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (!url.startsWith(`${server.url}/`)) {
        blocked.push(url);
        return route.abort();
      }
      return route.continue();
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standIn?.close();
    temp.cleanup();
  });

  it('signs in with the printed link, searches the full text and opens a paper', async () => {
    await page.goto(`${server.url}/?token=${server.token}`);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.textContent('h1')).toBe('Library');
    expect(await page.locator('#papers-table tbody tr').count()).toBe(2);
    await page.fill('input[name="q"]', 'inline citations augmented');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#hits-h');
    expect(await page.locator('.hits li').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits mark').first().textContent()).toMatch(/inline|citations|augmented/i);
    await page.screenshot({ path: join(artifacts, 'library.png'), fullPage: false });
    await page.click('.hits li a >> nth=0');
    await page.waitForSelector('#claims-table');
    expect(await page.textContent('h1')).toContain('CiteSee');
    expect(await page.locator('#outline li').count()).toBeGreaterThan(3);
  });

  it('follows a claim’s evidence to its highlighted passage', async () => {
    const link = page.locator('#claims-table tr[data-verdict="SUPPORTED"] a.evidence-link').first();
    const quote =
      (await page.locator('#claims-table tr[data-verdict="SUPPORTED"] blockquote p').first().textContent()) ?? '';
    await link.click();
    await page.waitForSelector('mark#hl');
    const highlighted = (await page.textContent('mark#hl')) ?? '';
    expect(highlighted.length).toBeGreaterThan(20);
    expect(quote.replace(/^“|”$/g, '').replace(/\s+/g, ' ')).toBe(highlighted.replace(/\s+/g, ' '));
    await page.screenshot({ path: join(artifacts, 'passage.png'), fullPage: false });
    await page.goBack();
  });

  it('filters the claims to REFUTED', async () => {
    await page.waitForSelector('#verdict-filter');
    await Promise.all([page.waitForURL(/verdict=REFUTED/), page.selectOption('#verdict-filter', 'REFUTED')]);
    const verdicts = await page
      .locator('#claims-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(new Set(verdicts)).toEqual(new Set(['REFUTED']));
    expect(await page.textContent('#claims-table')).toContain('(41%)');
    await page.screenshot({ path: join(artifacts, 'claims-refuted.png'), fullPage: true });
    // A small picture of the same, for the README (docs/serve-claims.png is a copy of it).
    await page.setViewportSize({ width: 960, height: 700 });
    await page.locator('#claims').screenshot({ path: join(artifacts, 'serve-claims.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('starts a report against the loopback arXiv, shows progress as it comes, and opens the result', async () => {
    await page.goto(`${server.url}/runs/new`);
    await page.fill('#report-form textarea[name="question"]', question);
    await page.fill('#report-form input[name="maxPapers"]', '3');
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('#report-form button[type="submit"]')]);
    // (The page's CSP forbids eval, so the wait is a locator, not a function string.)
    await page.locator('#job-log li').nth(2).waitFor({ timeout: 60_000 });
    const progress = await page.locator('#job-log li').allTextContents();
    expect(progress.some((line) => /^stage \d\/7: /.test(line))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'run-progress.png'), fullPage: false });
    await page.waitForSelector('#job-done:not([hidden])', { timeout: 170_000 });
    expect(await page.textContent('#job-status')).toBe('ok');
    await Promise.all([page.waitForURL(/\/reports\/[\w.-]+$/), page.click('#job-result')]);
    await page.waitForSelector('#claims-table');
    expect(await page.textContent('#claims-status')).toMatch(/^Showing \d+ of \d+ claims\.$/);
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: false });
    // The report's own filter script runs under the server's CSP (allowed by its hash).
    const total = await page.locator('#claims-table tbody tr').count();
    const refuted = await page.locator('#claims-table tbody tr[data-verdict="REFUTED"]').count();
    expect(total).toBeGreaterThan(0);
    await page.selectOption('#verdict-filter', 'REFUTED');
    expect(await page.textContent('#claims-status')).toBe(`Showing ${refuted} of ${total} claims.`);
    expect(await page.locator('#claims-table tbody tr:visible').count()).toBe(refuted);
    await page.selectOption('#verdict-filter', 'ALL');
    // The report's evidence quotes link to the passage view too.
    await page.locator('a.passage-link').first().click();
    await page.waitForSelector('mark#hl');
    expect(((await page.textContent('mark#hl')) ?? '').length).toBeGreaterThan(10);
  }, 240_000);

  it('uploads a document to audit and shows the audit with its quotes linked to passages', async () => {
    const notes = [
      '# Notes on CiteSee',
      '',
      'In the CiteSee field deployment, the majority of inline citations were not augmented (88.6%) [1].',
      '',
      '## References',
      '',
      '[1] Chang et al. CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context. arXiv:2302.07302v1.',
    ].join('\n');
    await page.goto(`${server.url}/runs/new`);
    await page.setInputFiles('#audit-form input[type="file"]', {
      name: 'citesee-notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(notes),
    });
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('#audit-form button[type="submit"]')]);
    await page.waitForSelector('#job-done:not([hidden])', { timeout: 120_000 });
    await Promise.all([page.waitForURL(/\/reports\/audit-[\w.-]+$/), page.click('#job-result')]);
    expect(await page.textContent('h1')).toBe('Audit of Notes on CiteSee');
    await page.screenshot({ path: join(artifacts, 'audit.png'), fullPage: true });
    const link = page.locator('a.passage-link').first();
    expect(await link.count()).toBe(1);
    await link.click();
    await page.waitForSelector('mark#hl');
    expect(((await page.textContent('mark#hl')) ?? '').length).toBeGreaterThan(10);
  }, 150_000);

  it('cancels a run cleanly: the child stops and its run is recorded as failed', async () => {
    const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const started = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'report', question: `${question} (cancelled)`, maxPapers: 3 }),
    });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string };
    const state = async () =>
      (await (await fetch(`${server.url}/api/runs/${job.id}`)).json()) as {
        status: string;
        finishedAt: string | null;
        events: { data: string }[];
      };
    while (!(await state()).events.some((e) => e.data.startsWith('stage 1/7'))) await sleep(100);
    const cancelled = await fetch(`${server.url}/api/runs/${job.id}/cancel`, { method: 'POST', headers });
    expect(cancelled.status).toBe(200);
    let final = await state();
    while (final.finishedAt === null) {
      await sleep(100);
      final = await state();
    }
    expect(final.status).toBe('cancelled');
    const store = openSqliteStore(env.LITMUS_DB!, { readonly: true });
    const run = (await store.runs.list()).find((r) => r.args[0] === `${question} (cancelled)`);
    await store.close();
    expect(run?.status).toBe('failed');
    expect(run?.summary).toMatchObject({ error: 'cancelled from litmus serve' });
  }, 60_000);

  it('made no request anywhere but the loopback server, and no page logged an error', () => {
    expect(blocked).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.every((url) => url.startsWith(`${server.url}/`))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
