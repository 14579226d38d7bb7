import type { ParsedDocument } from '../../src/core/types.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Stores a local paper whose text is these paragraphs, one prose passage each (page 1, section
 * "Results"), the paper's title its id: the smallest corpus evidence retrieval can be tested on.
 */
export async function addParagraphPaper(store: Store, id: string, paragraphs: string[]): Promise<void> {
  const fullText = paragraphs.join('\n\n');
  const parsed: ParsedDocument = { kind: 'text', title: id, abstract: null, authors: [], fullText, pages: [], sections: [], tables: [], references: [], warnings: [] };
  let offset = 0;
  const passages = paragraphs.map((p, ordinal) => {
    const draft = { ordinal, charStart: offset, charEnd: offset + p.length, page: 1, sectionPath: ['Results'] };
    offset += p.length + 2;
    return draft;
  });
  await store.transaction(async (tx) => {
    await tx.papers.upsert({ id, workId: id, source: 'local', externalId: id, version: null, title: id, authors: [], published: null, updated: null, categories: [], licence: null, abstract: null });
    await tx.documents.insert({ paperId: id, kind: 'text', contentHash: id, bytes: 1, origin: 'test', parsed, passages });
  });
}
