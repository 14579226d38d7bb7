import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseSearchQuery } from '../../src/sources/arxiv/query-builder.ts';
import { planQueries } from '../../src/selection/plan-queries.ts';
import { type ArxivStandIn, atomEntry, atomFeed, atomReply, startArxivStandIn } from './arxiv-stand-in.ts';
import { sharedData } from './shared-data.ts';

/**
 * An arXiv stand-in for report tests: real PDFs from ../shared/data/pdfs (and one real LaTeXML page
 * from ../shared/data/html) served as arXiv papers, with search answers for a question's planned
 * queries. Titles and authors are the papers' own; abstracts are short summaries written for the test.
 */
export const standInPapers = [
  {
    id: '2302.07302v1',
    pdf: '2302.07302v1.pdf',
    title: 'CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context',
    authors: [
      'Joseph Chee Chang',
      'Amy X. Zhang',
      'Jonathan Bragg',
      'Andrew Head',
      'Kyle Lo',
      'Doug Downey',
      'Daniel S. Weld',
    ],
    summary:
      'CiteSee is a paper reading tool that augments inline citations with personalized context to help researchers discover relevant prior work while reading scientific papers.',
    published: '2023-02-14T00:00:00Z',
  },
  {
    id: '2203.00130v1',
    pdf: '2203.00130v1.pdf',
    title:
      'Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers with Natural Language Processing',
    authors: ['Tal August', 'Lucy Lu Wang', 'Jonathan Bragg', 'Marti A. Hearst', 'Andrew Head', 'Kyle Lo'],
    summary:
      'Paper Plain is a reading interface that helps healthcare consumers read medical research papers with natural language processing: section gists, key question index, term definitions and plain language summaries.',
    published: '2022-02-28T00:00:00Z',
  },
  {
    id: '2304.02623v1',
    pdf: '2304.02623v1.pdf',
    title: 'Beyond Summarization: Designing AI Support for Real-World Expository Writing Tasks',
    authors: [
      'Zejiang Shen',
      'Tal August',
      'Pao Siangliulue',
      'Kyle Lo',
      'Jonathan Bragg',
      'Jeff Hammerbacher',
      'Doug Downey',
      'Joseph Chee Chang',
      'David Sontag',
    ],
    summary:
      'Large language models can help researchers with expository writing tasks beyond summarization, such as writing literature reviews from scientific papers; we discuss design opportunities for AI writing support.',
    published: '2023-04-05T00:00:00Z',
  },
  {
    id: '2206.10883v3',
    pdf: '2206.10883v3.pdf',
    title: 'Multi-LexSum: Real-World Summaries of Civil Rights Lawsuits at Multiple Granularities',
    authors: ['Zejiang Shen', 'Kyle Lo', 'Lauren Yu', 'Nathan Dahlberg', 'Margo Schlanger', 'Doug Downey'],
    summary:
      'Multi-LexSum is a multi-document summarization dataset of civil rights lawsuits with summaries at multiple granularities written by expert annotators.',
    published: '2022-06-22T00:00:00Z',
  },
  {
    id: '1708.05894v1',
    pdf: '1708.05894v1.pdf',
    title: 'An Improved Multi-Output Gaussian Process RNN with Real-Time Validation for Early Sepsis Detection',
    authors: ['Joseph Futoma', 'Sanjay Hariharan', 'Katherine Heller'],
    summary:
      'A multi-output Gaussian process recurrent neural network detects sepsis early from electronic health records and is validated in real time in a hospital.',
    published: '2017-08-19T00:00:00Z',
  },
] as const;

export interface ReportStandIn {
  arxiv: ArxivStandIn;
  close(): Promise<void>;
}

/** Serves every paper for every planned query of `question` (and for extra raw queries given). */
export async function startReportStandIn(question: string, extraQueries: string[] = []): Promise<ReportStandIn> {
  const arxiv = await startArxivStandIn();
  const entries = standInPapers.map((paper) =>
    atomEntry({ ...paper, authors: [...paper.authors], categories: ['cs.HC'] }),
  );
  for (const [index, paper] of standInPapers.entries()) {
    arxiv.entries.set(paper.id, entries[index]!);
    arxiv.pdf.set(paper.id, {
      headers: { 'content-type': 'application/pdf' },
      body: readFileSync(sharedData('pdfs', paper.pdf)),
    });
  }
  // One paper's arXiv HTML is a failed LaTeXML conversion: litmus must fall back to its PDF.
  arxiv.html.set('2206.10883v3', {
    headers: { 'content-type': 'text/html' },
    body: readFileSync(sharedData('html', 'arxiv-2608.30667v1.failed-conversion.html')),
  });
  for (const query of [...planQueries(question).queries, ...extraQueries]) {
    arxiv.atom.set(`search:${normaliseSearchQuery(query)}`, atomReply(atomFeed(entries, { total: entries.length })));
  }
  return { arxiv, close: () => arxiv.close() };
}

/**
 * The environment that points litmus at an arXiv stand-in: a database and an empty config file in
 * `dir` (so no litmus.config.json in the working directory leaks in), and a short politeness delay.
 */
export function standInEnv(arxiv: ArxivStandIn, dir: string): Record<string, string> {
  const config = join(dir, 'config.json');
  writeFileSync(config, '{}');
  return {
    LITMUS_DB: join(dir, 'litmus.db'),
    LITMUS_CONFIG: config,
    LITMUS_ARXIV_API: arxiv.endpoints.api,
    LITMUS_ARXIV_BASE: arxiv.endpoints.base,
    LITMUS_ARXIV_OAI: arxiv.endpoints.oai,
    LITMUS_ARXIV_DELAY_MS: '20',
  };
}
