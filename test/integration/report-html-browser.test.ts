import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../../src/report/render-charts.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { sampleModel } from '../fixtures/report/sample-model.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const CHROMIUM = '/usr/bin/chromium';

describe('report.html in headless Chromium', () => {
  const temp = makeTempDir('litmus-report-html-');
  const file = join(temp.dir, 'report.html');
  const pageUrl = pathToFileURL(file).href;
  const model = sampleModel();
  // Two claims cover every required facet of the question, the others only some.
  for (const claim of model.claims) claim.about_question = claim.n === 1 || claim.n === 3;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    writeFileSync(file, renderHtml(model, await renderCharts(model)));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(pageUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    temp.cleanup();
  });

  /** The claim rows a reader can see, in table order (data-* attributes as the page holds them). */
  const visibleRows = async () => {
    const rows: { n: number; verdict: string | null; confidence: number }[] = [];
    for (const row of await page.locator('#claims-table tbody tr:visible').all()) {
      rows.push({
        n: Number(await row.getAttribute('data-n')),
        verdict: await row.getAttribute('data-verdict'),
        confidence: Number(await row.getAttribute('data-confidence')),
      });
    }
    return rows;
  };

  it('makes no request other than the page itself, and nothing from paper text runs', async () => {
    expect(requests).toEqual([pageUrl]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    // Our own script ran (status filled in) and no CSP violation or script error was logged.
    expect(await page.textContent('#claims-status')).toBe('Showing 8 of 8 claims.');
    expect(consoleErrors).toEqual([]);
    // The hostile title shows as text, in the heading of its reference entry.
    expect(await page.textContent('#ref-2 cite')).toBe(model.papers[1]!.title);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('filters to REFUTED with the keyboard and shows exactly the REFUTED rows', async () => {
    await page.focus('#verdict-filter');
    // Options: ALL, SUPPORTED, REFUTED, …; ArrowDown twice selects REFUTED and fires change.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#verdict-filter')).toBe('REFUTED');
    const refuted = model.claims.filter((c) => c.verdict === 'REFUTED').map((c) => c.n);
    const rows = await visibleRows();
    expect(rows.map((r) => r.n).sort()).toEqual(refuted.sort());
    expect(rows.every((r) => r.verdict === 'REFUTED')).toBe(true);
    expect(await page.textContent('#claims-status')).toBe(`Showing ${refuted.length} of 8 claims.`);
  });

  it('filters to the claims about the question, and back', async () => {
    await page.click('#filters-reset');
    await page.selectOption('#about-filter', 'yes');
    expect((await visibleRows()).map((r) => r.n).sort()).toEqual([1, 3]);
    await page.selectOption('#about-filter', 'no');
    expect(await visibleRows()).toHaveLength(model.claims.length - 2);
    await page.click('#filters-reset');
    expect(await visibleRows()).toHaveLength(model.claims.length);
  });

  it('filters by paper (an id with quotes and markup round-trips) and by minimum confidence', async () => {
    await page.selectOption('#verdict-filter', 'ALL');
    const oddId = model.papers[3]!.id;
    await page.selectOption('#paper-filter', oddId);
    const byPaper = model.claims.filter((c) => c.paper_id === oddId).map((c) => c.n);
    expect((await visibleRows()).map((r) => r.n).sort()).toEqual(byPaper.sort());

    await page.selectOption('#paper-filter', 'ALL');
    await page.fill('#confidence-filter', '0.8');
    const confident = model.claims.filter((c) => c.confidence >= 0.8).map((c) => c.n);
    const rows = await visibleRows();
    expect(rows.map((r) => r.n).sort()).toEqual(confident.sort());
    expect(await page.textContent('#confidence-value')).toBe('0.80');

    await page.click('#filters-reset');
    expect(await visibleRows()).toHaveLength(8);
  });

  it('marks low-confidence verdicts and filters to them', async () => {
    const low = model.claims.filter((c) => c.low_confidence).map((c) => c.n);
    expect(low.length).toBeGreaterThan(0);
    expect(low.length).toBeLessThan(8);
    for (const n of low) expect(await page.textContent(`#claim-${n}`)).toContain('low confidence');
    await page.selectOption('#level-filter', 'low');
    expect((await visibleRows()).map((r) => r.n).sort()).toEqual([...low].sort());
    await page.selectOption('#level-filter', 'high');
    expect((await visibleRows()).every((r) => !low.includes(r.n))).toBe(true);
    await page.click('#filters-reset');
    expect(await visibleRows()).toHaveLength(8);
  });

  it('sorts by confidence from the column header (Enter, then Space) and sets aria-sort', async () => {
    const header = page.locator('th[data-sort-key="confidence"]');
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await visibleRows()).map((r) => r.confidence);
    expect(ascending).toEqual([...model.claims.map((c) => c.confidence)].sort((a, b) => a - b));
    expect(await page.locator('th[data-sort-key="relevance"]').getAttribute('aria-sort')).toBeNull();

    await page.keyboard.press('Space');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = (await visibleRows()).map((r) => r.confidence);
    expect(descending).toEqual([...ascending].reverse());
  });

  it('links each quote to its reference entry', async () => {
    const link = page.locator('#claim-2 blockquote cite a[href^="#ref-"]').first();
    expect(await link.textContent()).toBe('arxiv:2401.00077v1, p. 2');
    await link.click();
    expect(await page.evaluate('window.location.hash')).toBe('#ref-2');
    expect(await page.locator('#claim-2 blockquote cite a[href^="https://arxiv.org/"]').count()).toBe(1);
  });

  it('renders a screenshot that is not blank', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    // LITMUS_SCREENSHOT_DIR keeps the screenshot for a human to look at.
    const shot = join(process.env['LITMUS_SCREENSHOT_DIR'] ?? temp.dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(requests).toEqual([pageUrl]);
  });
});
