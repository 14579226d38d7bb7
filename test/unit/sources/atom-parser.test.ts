import { describe, expect, it } from 'vitest';
import type { LitmusError } from '../../../src/core/errors.ts';
import { parseAtomFeed } from '../../../src/sources/arxiv/atom-parser.ts';
import { entryToPaper } from '../../../src/sources/arxiv/to-paper.ts';
import { atomEntry, atomFeed } from '../../support/arxiv-stand-in.ts';

describe('Atom parser edge cases (our own fixtures)', () => {
  it('turns an arXiv error entry into a clear error', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678x</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.5678x</summary>
    <updated>2024-01-01T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678x" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>`;
    const error = (() => {
      try {
        parseAtomFeed(xml);
      } catch (e) {
        return e as LitmusError;
      }
    })();
    expect(error?.code).toBe('E_ARXIV_API');
    expect(error?.message).toBe('arXiv API error: incorrect id format for 1234.5678x');
  });

  it('rejects malformed XML and non-feeds', () => {
    expect(() => parseAtomFeed('<feed><entry><id>x</entry>')).toThrow(/not valid XML/);
    expect(() => parseAtomFeed('<html><body>Rate exceeded</body></html>')).toThrow(/not an Atom feed/);
    expect(() => parseAtomFeed('Rate exceeded.')).toThrow(/not valid XML/);
  });

  it('flags withdrawn versions from the comment', () => {
    const feed = parseAtomFeed(
      atomFeed([
        atomEntry({ id: '2301.00002v2', title: 'Gone', comment: 'This paper has been withdrawn by the author due to an error' }),
        atomEntry({ id: '2301.00003v3', title: 'Also gone', comment: 'withdrawn' }),
        atomEntry({ id: '2301.00004v1', title: 'Fine', comment: '12 pages' }),
      ]),
    );
    expect(feed.entries.map((e) => e.withdrawn)).toEqual([true, true, false]);
    expect(entryToPaper(feed.entries[0]!).withdrawn).toBe(true);
  });

  it('reads old-style ids, affiliations and single entries', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v1</id>
    <title>  An   old
      paper </title>
    <summary>Text</summary>
    <author><name>Jane Doe</name><arxiv:affiliation>CERN</arxiv:affiliation><arxiv:affiliation>MIT</arxiv:affiliation></author>
    <category term="hep-th"/>
  </entry>
</feed>`;
    const [entry] = parseAtomFeed(xml).entries;
    expect(entry).toMatchObject({
      arxivId: 'hep-th/9901001',
      version: 1,
      title: 'An old paper',
      authors: [{ name: 'Jane Doe', affiliations: ['CERN', 'MIT'] }],
      primaryCategory: 'hep-th',
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001v1',
    });
    const paper = entryToPaper(entry!);
    expect(paper).toMatchObject({ id: 'arxiv:hep-th/9901001v1', workId: 'arxiv:hep-th/9901001', version: 1 });
    expect(paper.authors[0]!.affiliations).toEqual(['CERN', 'MIT']);
  });

  it('keeps ids as strings (2401.00010 stays 2401.00010)', () => {
    const feed = parseAtomFeed(atomFeed([atomEntry({ id: '2401.00010v1', title: 'Zero' })]));
    expect(feed.entries[0]!.arxivId).toBe('2401.00010');
  });

  it('an empty feed has no entries and totalResults 0', () => {
    expect(parseAtomFeed(atomFeed([], { total: 0 }))).toMatchObject({ totalResults: 0, entries: [] });
  });
});
