import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditJson } from '../../src/report/audit/audit-json.ts';
import { parseReferences } from '../../src/report/references/render-references.ts';
import type { ReportModel } from '../../src/report/report-model.ts';
import { validateReport } from '../../src/report/validate-report.ts';
import type { ArxivStandIn } from '../support/arxiv-stand-in.ts';
import { type CrossrefStandIn, startCrossrefStandIn } from '../support/crossref-stand-in.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const RETRACTED = { arxiv: '2203.00130v1', doi: '10.5555/litmus.paperplain.2022' };
const PROCEEDINGS = { arxiv: '2302.07302v1', doi: '10.5555/litmus.citesee.2023' };

/** Gives an arXiv stand-in paper the journal DOI arXiv records for it (<arxiv:doi>), in every answer. */
function addDoi(arxiv: ArxivStandIn, id: string, doi: string): void {
  const entry = arxiv.entries.get(id)!;
  const withDoi = entry.replace('</entry>', `  <arxiv:doi>${doi}</arxiv:doi>\n  </entry>`);
  arxiv.entries.set(id, withDoi);
  for (const [key, route] of arxiv.atom) {
    if (!Array.isArray(route) && typeof route !== 'function' && typeof route.body === 'string') {
      arxiv.atom.set(key, { ...route, body: route.body.replace(entry, withDoi) });
    }
  }
}

describe('a report with a retracted paper, against loopback arXiv and Crossref', () => {
  let standIn: ReportStandIn;
  let crossref: CrossrefStandIn;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  let model: ReportModel;
  const out = () => join(dir, 'report');

  beforeAll(async () => {
    standIn = await startReportStandIn(question);
    addDoi(standIn.arxiv, RETRACTED.arxiv, RETRACTED.doi);
    addDoi(standIn.arxiv, PROCEEDINGS.arxiv, PROCEEDINGS.doi);
    crossref = await startCrossrefStandIn(['work-retracted.json', 'work-corrected-proceedings.json']);
    ({ dir, cleanup } = makeTempDir());
    env = {
      ...standInEnv(standIn.arxiv, dir),
      LITMUS_CROSSREF_API: crossref.url,
      LITMUS_CROSSREF_DELAY_MS: '50',
      LITMUS_CONTACT: 'reviewer@example.org',
    };
    const result = await runLitmus(
      ['--json', '--quiet', 'report', question, '--max-papers', '4', '--style', 'apa', '--out', out()],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    model = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as ReportModel;
  });
  afterAll(async () => {
    await standIn.close();
    await crossref.close();
    cleanup();
  });

  it('flags the retracted paper and keeps its claims out of the answer', () => {
    expect(validateReport(model).errors).toEqual([]);
    const retracted = model.papers.find((p) => p.id === `arxiv:${RETRACTED.arxiv}`)!;
    expect(retracted.integrity).toMatchObject({ status: 'retracted', checked: ['arxiv', 'crossref'] });
    expect(retracted.integrity!.notices[0]).toMatchObject({
      kind: 'retraction',
      doi: '10.5555/litmus.paperplain.2022.retraction',
      date: '2024-04-30',
    });
    const its = model.claims.filter((c) => c.paper_id === retracted.id);
    expect(its.length).toBeGreaterThan(0);
    for (const claim of its)
      expect(claim.excluded_from_answer).toMatch(/^its paper is retracted: Retraction \(2024-04-30\)/);
    const cited = new Set(model.answer.cited_claims);
    expect(its.filter((c) => cited.has(c.n))).toEqual([]);
    expect(model.answer.summary).not.toContain('Paper Plain');
    expect(model.claims.filter((c) => c.paper_id !== retracted.id).every((c) => !c.excluded_from_answer)).toBe(true);
    const markdown = readFileSync(join(out(), 'report.md'), 'utf8');
    expect(markdown).toContain('## Paper integrity and language');
    expect(markdown).toMatch(/\| arxiv:2203\.00130v1 \| .* \| \*\*RETRACTED\*\* \|/);
    expect(markdown).toContain('**Not used in the answer:** its paper is retracted');
    expect(readFileSync(join(out(), 'report.html'), 'utf8')).toContain('<strong>RETRACTED</strong>');
    // The corrected proceedings paper is flagged as corrected and still usable.
    const corrected = model.papers.find((p) => p.id === `arxiv:${PROCEEDINGS.arxiv}`);
    if (corrected) expect(corrected.integrity?.status).toBe('corrected');
    // Every paper's language was detected: all of these are in English.
    for (const paper of model.papers) expect(paper.language, paper.id).toBe('en');
  });

  it('asked Crossref in the polite pool, once per DOI, spaced', () => {
    const sent = crossref.workRequests();
    expect(sent.map((r) => r.doi).sort()).toEqual(
      [
        RETRACTED.doi,
        ...(model.papers.some((p) => p.id === `arxiv:${PROCEEDINGS.arxiv}`) ? [PROCEEDINGS.doi] : []),
      ].sort(),
    );
    for (const { request } of sent) expect(request.query.get('mailto')).toBe('reviewer@example.org');
    const times = sent.map((r) => r.request.time);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
  });

  it('writes references.ris and references.csl.json that import back through citation-js, and an APA list', async () => {
    const csl = JSON.parse(readFileSync(join(out(), 'references.csl.json'), 'utf8')) as Record<string, unknown>[];
    expect(csl.map((i) => i.id)).toEqual(model.papers.map((p) => p.cite_key));
    expect(await parseReferences(JSON.stringify(csl))).toEqual(csl);
    const ris = await parseReferences(readFileSync(join(out(), 'references.ris'), 'utf8'));
    for (const item of csl) {
      const back = ris.find((r) => r.id === item.id)!;
      for (const field of ['title', 'author', 'issued', 'DOI', 'URL', 'container-title', 'volume', 'issue', 'page']) {
        expect(back[field], `${String(item.id)} ${field}`).toEqual(item[field]);
      }
    }
    const journal = csl.find((i) => i.DOI === RETRACTED.doi)!;
    expect(journal).toMatchObject({
      type: 'article-journal',
      'container-title': 'Journal of Reading Tools',
      volume: '29',
    });
    const bib = readFileSync(join(out(), 'references.bib'), 'utf8');
    expect(bib).toMatch(new RegExp(`@article\\{${String(journal.id)},`));
    expect(bib).toMatch(/@misc\{/); // the arXiv preprints without a venue
    expect(model.references?.style).toBe('apa');
    expect(model.references?.entries).toContain(
      'August, T., Wang, L. L., Bragg, J., Hearst, M. A., Head, A., & Lo, K. (2022). Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers with Natural Language Processing. Journal of Reading Tools, 29(4), 101–129. https://doi.org/10.5555/litmus.paperplain.2022',
    );
    expect(readFileSync(join(out(), 'report.md'), 'utf8')).toContain('## Reference list (APA)');
  });

  it('audit reports a document that cites the retracted paper', async () => {
    const document = join(dir, 'review.md');
    writeFileSync(
      document,
      [
        '# A short review of reading tools',
        '',
        'Participants who use Paper Plain have an easier time reading research papers compared to those who use a typical PDF reader [1].',
        '',
        '## References',
        '',
        `[1] T. August et al. Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers with Natural Language Processing. arXiv:${RETRACTED.arxiv}. doi:${RETRACTED.doi}`,
        '',
      ].join('\n'),
    );
    const result = await runLitmus(['--json', '--quiet', 'audit', document, '--out', join(dir, 'audit')], env);
    expect(result.code, result.stderr).toBe(0);
    const audit = JSON.parse(readFileSync(join(dir, 'audit', 'audit.json'), 'utf8')) as AuditJson;
    expect(audit.references[0]!.integrity?.status).toBe('retracted');
    const finding = audit.findings.find((f) => f.kind === 'retracted_reference');
    expect(finding?.detail).toMatch(
      /^reference \[1\] .* is retracted: Retraction \(2024-04-30\), notice doi:10\.5555\/litmus\.paperplain\.2022\.retraction/,
    );
    expect(finding?.detail).toContain('claim(s) 1 rest on it');
    expect(audit.summary.retracted_references).toBe(1);
    expect(readFileSync(join(dir, 'audit', 'audit.md'), 'utf8')).toContain('RETRACTED: retracted: Retraction');
  });
});
