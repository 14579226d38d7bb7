import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import type { Paper } from '../../../src/core/types.ts';
import { checkPapers } from '../../../src/pipeline/check-integrity.ts';
import { answerExclusions, citesExcluded, withPaperChecks } from '../../../src/pipeline/report/paper-checks.ts';
import type { CrossrefClient } from '../../../src/sources/crossref/crossref-client.ts';
import type { CrossrefWork } from '../../../src/sources/crossref/crossref-types.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';
import { crossrefFixture } from '../../support/crossref-stand-in.ts';

const works = new Map(
  ['work-retracted.json', 'work-corrected-proceedings.json'].map((name) => {
    const { doi, body } = crossrefFixture(name);
    return [doi, (JSON.parse(body) as { message: CrossrefWork }).message] as const;
  }),
);

/** Answers from the fixture records, as the real client would after reading them from the stand-in. */
const asked: string[] = [];
const crossref: CrossrefClient = {
  async work(doi) {
    asked.push(doi);
    if (doi === '10.5555/broken') throw new LitmusError('E_NO_NETWORK', 'connection reset by api.crossref.org');
    return works.get(doi.toLowerCase()) ?? null;
  },
};

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    workId: id.replace(/v\d+$/, ''),
    source: 'arxiv',
    externalId: id.replace(/^arxiv:/, '').replace(/v\d+$/, ''),
    version: 1,
    title: 'Reading tools for researchers',
    authors: [{ name: 'Ada Lovelace' }],
    published: '2023-01-01',
    updated: '2023-02-01T00:00:00Z',
    categories: ['cs.HC'],
    licence: null,
    abstract: 'We study how reading tools help researchers understand scientific papers and find related work quickly.',
    ...fields,
  };
}

const deps = (texts: Record<string, string> = {}) => ({
  crossref,
  fullTextOf: (id: string) => texts[id],
  warn: () => {},
});

describe('checking included papers', () => {
  it('flags a DOI Crossref marks retracted, a withdrawn arXiv version, and a corrected paper as usable', async () => {
    asked.length = 0;
    const checks = await checkPapers(
      [
        paper('arxiv:2203.00130v1', { doi: '10.5555/litmus.paperplain.2022' }),
        paper('arxiv:2101.00001v2', {
          withdrawn: true,
          comment: 'This paper has been withdrawn by the author due to an error in Table 2',
        }),
        paper('arxiv:2302.07302v1', { doi: '10.5555/LITMUS.citesee.2023' }),
        paper('arxiv:2301.00002v1', { doi: '10.48550/arXiv.2301.00002' }),
      ],
      deps(),
    );
    expect(asked).toEqual(['10.5555/litmus.paperplain.2022', '10.5555/litmus.citesee.2023']);
    expect(checks.get('arxiv:2203.00130v1')!.integrity).toMatchObject({
      status: 'retracted',
      checked: ['arxiv', 'crossref'],
    });
    expect(checks.get('arxiv:2203.00130v1')!.publication.type).toBe('article-journal');
    expect(checks.get('arxiv:2101.00001v2')!.integrity).toMatchObject({
      status: 'withdrawn',
      notices: [
        { kind: 'withdrawal', source: 'arxiv', date: '2023-02-01', label: expect.stringContaining('error in Table 2') },
      ],
    });
    expect(checks.get('arxiv:2302.07302v1')!.integrity.status).toBe('corrected');
    expect(checks.get('arxiv:2302.07302v1')!.publication.type).toBe('paper-conference');
    // arXiv's own DataCite DOI is not asked of Crossref; the paper stays a preprint.
    expect(checks.get('arxiv:2301.00002v1')!.integrity.status).toBe('clean');
    expect(checks.get('arxiv:2301.00002v1')!.publication).toMatchObject({ type: 'article', publisher: 'arXiv' });
    const excluded = answerExclusions(checks);
    expect([...excluded.keys()].sort()).toEqual(['arxiv:2101.00001v2', 'arxiv:2203.00130v1']);
    expect(excluded.get('arxiv:2203.00130v1')).toBe(
      'its paper is retracted: Retraction (2024-04-30), notice doi:10.5555/litmus.paperplain.2022.retraction, per the publisher and Retraction Watch',
    );
  });

  it('leaves a paper unchecked, with the reason, when Crossref cannot be reached or nothing can be asked', async () => {
    const warnings: string[] = [];
    const checks = await checkPapers(
      [
        paper('arxiv:2301.00003v1', { doi: '10.5555/broken' }),
        paper('local:notes', { source: 'local', version: null }),
      ],
      { ...deps(), warn: (line) => warnings.push(line) },
    );
    expect(checks.get('arxiv:2301.00003v1')!.integrity).toMatchObject({
      status: 'unchecked',
      unchecked_reason: 'Crossref look-up of doi:10.5555/broken failed: connection reset by api.crossref.org',
    });
    expect(warnings).toHaveLength(1);
    expect(checks.get('local:notes')!.integrity).toMatchObject({
      status: 'unchecked',
      unchecked_reason: 'no DOI and not an arXiv paper',
    });
    expect(answerExclusions(checks).size).toBe(0);
  });

  it('detects a paper in German and keeps its claims out of the answer, but not on a title alone', async () => {
    const german =
      'Wir untersuchen, wie Lesewerkzeuge Forschenden helfen, wissenschaftliche Artikel schneller zu verstehen. In einer Nutzerstudie lasen die Teilnehmenden mit dem Werkzeug deutlich mehr verwandte Arbeiten.';
    const checks = await checkPapers(
      [
        paper('arxiv:2301.00004v1', { title: 'Lesewerkzeuge für Forschende', abstract: german }),
        paper('arxiv:2301.00005v1', {
          title: 'Lesewerkzeuge für Forschende und wissenschaftliche Artikel heute',
          abstract: null,
        }),
        paper('arxiv:2301.00006v1'),
      ],
      deps(),
    );
    expect(checks.get('arxiv:2301.00004v1')!.language).toMatchObject({ language: 'de', basis: 'abstract' });
    expect(checks.get('arxiv:2301.00006v1')!.language.language).toBe('en');
    const excluded = answerExclusions(checks);
    expect(excluded.get('arxiv:2301.00004v1')).toBe(
      'its paper is in German; claims are extracted and verified in English only',
    );
    expect(excluded.has('arxiv:2301.00005v1')).toBe(false);
    expect(excluded.has('arxiv:2301.00006v1')).toBe(false);
  });

  it('puts notices, language, venue and exclusions into the report model, and support from an excluded paper no longer counts', async () => {
    const model = sampleModel();
    const retractedId = model.papers[1]!.id; // arxiv:2401.00077v1
    const base = model.claims.find(
      (c) => c.paper_id !== retractedId && !c.corroborating.length && !c.contradicting.length && !c.experiment,
    )!;
    base.corroborating = [retractedId];
    base.independent_support = 'corroborated';
    const checks = await checkPapers(
      model.papers.map((p) =>
        paper(p.id, { title: p.title, doi: p.id === retractedId ? '10.5555/litmus.paperplain.2022' : null }),
      ),
      deps(),
    );
    const excluded = answerExclusions(checks);
    const checked = await withPaperChecks(
      { ...model, answer: { ...model.answer, cited_claims: [] } },
      checks,
      excluded,
      'vancouver',
    );
    expect(checked.papers[1]!.integrity?.status).toBe('retracted');
    expect(checked.papers[1]!.publication?.container_title).toBe('Journal of Reading Tools');
    expect(checked.claims.filter((c) => c.paper_id === retractedId).every((c) => c.excluded_from_answer)).toBe(true);
    expect(checked.claims.find((c) => c.n === base.n)!.independent_support).toBe('none');
    expect(checked.limitations.some((l) => l.startsWith(`${retractedId} (`) && l.includes('is retracted'))).toBe(true);
    expect(checked.references?.style).toBe('vancouver');
    expect(checked.references?.entries).toHaveLength(model.papers.length);
  });
});

describe('a resumed run', () => {
  it('knows when a saved answer cites a claim of a paper since excluded', () => {
    const assess = {
      claims: [{ paper_id: 'arxiv:1' }, { paper_id: 'arxiv:2' }],
      other_claims_count: 0,
      unverified: 0,
      corpus_snapshot: '',
      warnings: [],
    } as unknown as Parameters<typeof citesExcluded>[1];
    const answer = { summary: '', evidence_grade: 'indirect' as const, cited_claims: [2], gaps: [], contradictions: [] };
    expect(citesExcluded(answer, assess, new Map([['arxiv:2', 'retracted']]))).toBe(true);
    expect(citesExcluded(answer, assess, new Map([['arxiv:1', 'retracted']]))).toBe(false);
  });
});
