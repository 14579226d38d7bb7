import { describe, expect, it } from 'vitest';
import { oaiRecordToPaper, parseOaiResponse } from '../../../src/sources/arxiv/oai-pmh.ts';

const envelope = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2024-05-01T10:00:00Z</responseDate>
<request verb="ListRecords">https://oaipmh.arxiv.org/oai</request>
${inner}
</OAI-PMH>`;

describe('OAI-PMH parser (our own fixtures for cases the real files lack)', () => {
  it('reads a resumptionToken with its attributes', () => {
    const page = parseOaiResponse(
      envelope(`<ListRecords>
<record><header><identifier>oai:arXiv.org:2401.00001</identifier><datestamp>2024-01-02</datestamp><setSpec>cs</setSpec></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2401.00001</id><created>2024-01-01</created><authors><author><keyname>Doe</keyname><forenames>Jane</forenames></author></authors><title>T</title><categories>cs.CL cs.LG</categories><abstract>A.</abstract></arXiv></metadata></record>
<resumptionToken cursor="0" completeListSize="2500">6960524|1001</resumptionToken>
</ListRecords>`),
    );
    expect(page.resumptionToken).toBe('6960524|1001');
    expect(page.completeListSize).toBe(2500);
    expect(page.cursor).toBe(0);
    expect(page.records[0]!.authors).toEqual([{ name: 'Jane Doe' }]);
  });

  it('an empty final resumptionToken ends the list', () => {
    const page = parseOaiResponse(envelope('<ListRecords><resumptionToken cursor="1000" completeListSize="1001"/></ListRecords>'));
    expect(page.resumptionToken).toBeNull();
    expect(page.records).toEqual([]);
  });

  it('noRecordsMatch is an empty harvest; other errors throw', () => {
    const empty = parseOaiResponse(envelope('<error code="noRecordsMatch">No records match</error>'));
    expect(empty.records).toEqual([]);
    expect(empty.resumptionToken).toBeNull();
    expect(() => parseOaiResponse(envelope('<error code="badArgument">Illegal date</error>'))).toThrow(
      'OAI-PMH error badArgument: Illegal date',
    );
  });

  it('reads arXivRaw versions, deleted headers and withdrawn comments', () => {
    const page = parseOaiResponse(
      envelope(`<ListRecords>
<record><header status="deleted"><identifier>oai:arXiv.org:2401.00009</identifier><datestamp>2024-01-03</datestamp></header></record>
<record><header><identifier>oai:arXiv.org:2401.00002</identifier><datestamp>2024-02-01</datestamp></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>2401.00002</id><submitter>Jane Doe</submitter>
<version version="v1"><date>Mon, 1 Jan 2024 10:00:00 GMT</date><size>100kb</size></version>
<version version="v2"><date>Thu, 1 Feb 2024 10:00:00 GMT</date><size>1kb</size></version>
<title>Raw</title><authors>Jane Doe, John Roe and Ann Poe</authors><categories>cs.CL</categories>
<comments>This paper has been withdrawn</comments><abstract>Gone.</abstract></arXivRaw></metadata></record>
</ListRecords>`),
    );
    expect(page.records[0]!.deleted).toBe(true);
    const raw = page.records[1]!;
    expect(raw.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(raw.authors.map((a) => a.name)).toEqual(['Jane Doe', 'John Roe', 'Ann Poe']);
    expect(raw.withdrawn).toBe(true);
    expect(oaiRecordToPaper(raw)).toMatchObject({ id: 'arxiv:2401.00002v2', version: 2, withdrawn: true });
  });
});
