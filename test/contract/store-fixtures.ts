import type { ResultTable } from '../../src/core/tables.ts';
import type { Paper, PassageDraft } from '../../src/core/types.ts';
import type { NewDocument } from '../../src/store/store.ts';

/** Fixtures for the store contract suite: an arXiv paper in versions, a document with passages and a table. */
export function arxivPaper(id: string, version: number, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id: `arxiv:${id}v${version}`,
    workId: `arxiv:${id}`,
    source: 'arxiv',
    externalId: id,
    version,
    title,
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing', affiliations: ['Manchester'] }],
    published: '2020-05-27',
    updated: null,
    categories: ['cs.CL', 'cs.LG'],
    primaryCategory: 'cs.CL',
    licence: 'http://creativecommons.org/licenses/by/4.0/',
    abstract: `Abstract of ${title}.`,
    doi: null,
    journalRef: null,
    comment: null,
    url: `https://arxiv.org/abs/${id}v${version}`,
    withdrawn: false,
    ...extra,
  };
}

/** A document whose passages are its sentences, so every passage's text is a known slice. */
export function documentOf(
  paperId: string,
  sentences: string[],
  options: { hash?: string; table?: boolean } = {},
): NewDocument {
  let fullText = '';
  const passages: PassageDraft[] = [];
  sentences.forEach((sentence, ordinal) => {
    if (fullText) fullText += '\n\n';
    passages.push({
      ordinal,
      charStart: fullText.length,
      charEnd: fullText.length + sentence.length,
      page: ordinal < 2 ? 1 : 2,
      sectionPath: ordinal === 0 ? ['Abstract'] : ['3 Method', '3.2 Training'],
    });
    fullText += sentence;
  });
  const half = Math.floor(fullText.length / 2);
  const table: ResultTable = {
    ordinal: 1,
    label: 'Table 2',
    caption: 'Table 2: Accuracy on XNLI.',
    page: 2,
    charStart: null,
    charEnd: null,
    rowHeaderColumns: 1,
    columnHeaders: [['Model'], ['XNLI', 'Acc.']],
    rows: [
      {
        cells: [
          { text: 'BERT', value: null, unit: null, plusMinus: null, bold: false },
          { text: '71.8 ± 0.4', value: 71.8, unit: null, plusMinus: 0.4, bold: true },
        ],
      },
    ],
    source: 'html',
  };
  return {
    paperId,
    kind: 'html',
    contentHash: options.hash ?? `hash-${paperId}-${sentences.length}`,
    bytes: fullText.length,
    origin: `https://arxiv.org/html/${paperId}`,
    parsed: {
      kind: 'html',
      title: null,
      abstract: null,
      authors: [],
      fullText,
      pages: [
        { page: 1, start: 0, end: half },
        { page: 2, start: half, end: fullText.length },
      ],
      sections: [{ path: ['3 Method'], start: 0, end: fullText.length }],
      tables: [],
      resultTables: options.table === false ? [] : [table],
      references: [],
      warnings: ['a warning kept with the document'],
      language: 'en',
    },
    passages,
  };
}
