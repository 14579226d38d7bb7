import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClientFromConfig } from '../../src/http/client-from-config.ts';
import { createOaiHarvester } from '../../src/sources/arxiv/oai-pmh.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { type ArxivStandIn, realArxivFile, standInConfig, startArxivStandIn } from '../support/arxiv-stand-in.ts';

let arxiv: ArxivStandIn;
let dir: string;
beforeAll(async () => {
  arxiv = await startArxivStandIn();
  dir = mkdtempSync(join(tmpdir(), 'litmus-oai-'));
});
afterAll(async () => {
  await arxiv.close();
  rmSync(dir, { recursive: true, force: true });
});

const xml = { 'content-type': 'text/xml; charset=utf-8' };

describe('OAI-PMH ListRecords harvest', () => {
  it('follows resumption tokens, honours 503 + Retry-After, and sends the harvest parameters', async () => {
    const firstPage = realArxivFile('oaipmh_ListRecords_hep-th_2017-12-14.xml').replace(
      '</ListRecords>',
      '<resumptionToken cursor="0" completeListSize="6">2089367|1001</resumptionToken>\n</ListRecords>',
    );
    arxiv.oai.set('', [{ status: 503, headers: { 'retry-after': '1' }, body: 'Retry later' }, { headers: xml, body: firstPage }]);
    arxiv.oai.set('2089367|1001', { headers: xml, body: realArxivFile('oaipmh_ListRecords_hep-ex_2017-12-14.xml') });
    const store = openSqliteStore(join(dir, 'a.db'));
    const config = standInConfig({ db: store.path, arxiv: { ...arxiv.endpoints, delayMs: 50 } });
    const harvester = createOaiHarvester({ http: createHttpClientFromConfig(store, config), config });
    const pages = [];
    for await (const page of harvester.listRecords({ set: 'physics:hep-th', from: '2017-12-14', until: '2017-12-15' })) pages.push(page);
    await store.close();
    expect(pages.map((p) => p.records.length)).toEqual([3, 3]);
    expect(pages[0]!.completeListSize).toBe(6);
    expect(pages[1]!.resumptionToken).toBeNull();
    const requests = arxiv.requestsTo('oai');
    expect(requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { verb: 'ListRecords', metadataPrefix: 'arXiv', set: 'physics:hep-th', from: '2017-12-14', until: '2017-12-15' },
      { verb: 'ListRecords', metadataPrefix: 'arXiv', set: 'physics:hep-th', from: '2017-12-14', until: '2017-12-15' },
      { verb: 'ListRecords', resumptionToken: '2089367|1001' },
    ]);
    expect(requests[1]!.time - requests[0]!.time).toBeGreaterThanOrEqual(990);
  });

  it('noRecordsMatch is an empty harvest', async () => {
    arxiv.oai.set('', {
      headers: xml,
      body: `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><error code="noRecordsMatch">The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.</error></OAI-PMH>`,
    });
    const store = openSqliteStore(join(dir, 'b.db'));
    const config = standInConfig({ db: store.path, arxiv: { ...arxiv.endpoints, delayMs: 10 } });
    const harvester = createOaiHarvester({ http: createHttpClientFromConfig(store, config), config });
    const pages = [];
    for await (const page of harvester.listRecords({ metadataPrefix: 'arXivRaw', from: '2030-01-01' })) pages.push(page);
    await store.close();
    expect(pages).toHaveLength(1);
    expect(pages[0]!.records).toEqual([]);
  });
});
