import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { arxivPaper, documentOf } from './store-fixtures.ts';

/**
 * One behaviour suite every store backend passes (SQLite in store-sqlite.test.ts, Postgres in
 * store-postgres.test.ts). `makeStore` returns a fresh, empty, migrated store; it is closed after each test.
 */
export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const addPaper = async (id: string, version: number, title: string, sentences: string[]) => {
      const paper = arxivPaper(id, version, title);
      return store.transaction(async (tx) => {
        await tx.papers.upsert(paper);
        const documentId = await tx.documents.insert(documentOf(paper.id, sentences));
        return { paper, documentId };
      });
    };

    describe('papers and versions', () => {
      it('upserts a paper, reads it back whole, and updates metadata in place', async () => {
        const paper = arxivPaper('2005.13013', 1, 'Attention over passages', {
          doi: '10.1000/Journal.1',
          identifiers: { openalex: 'W123' },
        });
        await store.papers.upsert(paper, '/tmp/paper.pdf');
        // Stored with every identifier it carries: its own (source id, DOI) and those it was given.
        expect(await store.papers.get(paper.id)).toEqual({
          ...paper,
          identifiers: { arxiv: '2005.13013', doi: '10.1000/journal.1', openalex: 'W123' },
        });
        expect(await store.papers.exists(paper.id)).toBe(true);
        expect(await store.papers.exists('arxiv:9999.99999v1')).toBe(false);
        await store.papers.upsert({ ...paper, title: 'Renamed', withdrawn: true });
        const updated = await store.papers.get(paper.id);
        expect(updated?.title).toBe('Renamed');
        expect(updated?.withdrawn).toBe(true);
        // A null source path keeps the stored one.
        expect((await store.papers.findBySourcePath('/tmp/paper.pdf'))?.id).toBe(paper.id);
        expect(await store.papers.findBySourcePath('/nowhere.pdf')).toBeUndefined();
      });

      it('lists versions oldest first and resolves references to the newest version', async () => {
        await store.papers.upsert(arxivPaper('2005.13013', 2, 'Second'));
        await store.papers.upsert(arxivPaper('2005.13013', 1, 'First', { doi: '10.1000/ABC.1' }));
        expect((await store.papers.versions('arxiv:2005.13013')).map((p) => p.version)).toEqual([1, 2]);
        expect((await store.papers.resolve('2005.13013'))?.id).toBe('arxiv:2005.13013v2');
        expect((await store.papers.resolve('https://arxiv.org/abs/2005.13013v1'))?.id).toBe('arxiv:2005.13013v1');
        expect((await store.papers.resolve('arxiv:2005.13013v2'))?.title).toBe('Second');
        expect((await store.papers.resolve('doi:10.1000/abc.1'))?.id).toBe('arxiv:2005.13013v1');
        expect(await store.papers.resolve('2005.99999')).toBeUndefined();
      });

      it('lists papers with their counts and reports the stored version', async () => {
        const { paper } = await addPaper('2101.00001', 1, 'Counted', ['One sentence.', 'Two sentences.', 'Three.']);
        await store.papers.upsert(arxivPaper('2101.00002', 1, 'Metadata only'));
        const list = await store.papers.list();
        expect(list.map((p) => p.id)).toEqual([paper.id, 'arxiv:2101.00002v1']);
        expect(list[0]).toMatchObject({ documents: 1, pages: 2, passages: 3, claims: 0 });
        expect(typeof list[0]!.addedAt).toBe('string');
        expect(list[1]).toMatchObject({ documents: 0, pages: null, passages: 0 });
        expect(await store.papers.storedVersion(paper.id)).toMatchObject({
          paperId: paper.id,
          title: 'Counted',
          version: 1,
          kind: 'html',
          pages: 2,
          passages: 3,
        });
        expect(await store.papers.storedVersion('arxiv:2101.00002v1')).toBeNull();
        expect(await store.papers.counts(paper.id)).toEqual({ passages: 3, claims: 0 });
      });
    });

    describe('documents, passages and tables', () => {
      it('stores a document with pages, sections, passages sliced from the text, and tables', async () => {
        const sentences = ['We train a transformer.', 'It reaches 71.8 accuracy on XNLI.', 'Tables follow.'];
        const { paper, documentId } = await addPaper('2102.00001', 1, 'Doc', sentences);
        const latest = await store.documents.latest(paper.id);
        expect(latest).toMatchObject({ id: documentId, paperId: paper.id, kind: 'html', pages: 2 });
        expect(latest?.fullText).toBe(sentences.join('\n\n'));
        expect(latest?.pageSpans.map((span) => span.page)).toEqual([1, 2]);
        expect(latest?.sections).toEqual([{ path: ['3 Method'], start: 0, end: latest!.fullText.length }]);
        expect(latest?.warnings).toEqual(['a warning kept with the document']);
        expect(latest?.language).toBe('en');
        expect(await store.documents.findByHash(`hash-${paper.id}-3`)).toEqual({ id: documentId, paperId: paper.id });
        expect(await store.documents.findByHash('no-such-hash')).toBeUndefined();
        expect(await store.documents.counts(documentId)).toEqual({ pages: 2, passages: 3 });
        const passages = await store.passages.list(paper.id);
        expect(passages.map((p) => p.text)).toEqual(sentences);
        expect(passages[1]).toMatchObject({
          ordinal: 1,
          page: 1,
          sectionPath: ['3 Method', '3.2 Training'],
          kind: 'prose',
        });
        const byId = await store.passages.get([passages[2]!.id, passages[0]!.id, 987654]);
        expect(byId.map((p) => p.text).sort()).toEqual([sentences[0], sentences[2]].sort());
        expect(await store.passages.get([])).toEqual([]);
        const tables = await store.tables.list(paper.id);
        expect(tables).toHaveLength(1);
        expect(tables[0]).toMatchObject({
          label: 'Table 2',
          paperId: paper.id,
          documentId,
          columnHeaders: [['Model'], ['XNLI', 'Acc.']],
        });
        expect(tables[0]!.rows[0]!.cells[1]).toMatchObject({ value: 71.8, plusMinus: 0.4, bold: true });
        expect((await store.tables.get(paper.id, 'Table 2'))?.ordinal).toBe(1);
        expect((await store.tables.get(paper.id, 1))?.label).toBe('Table 2');
        expect(await store.tables.get(paper.id, 'Table 9')).toBeUndefined();
      });

      it('reads only the newest document; deleting a paper’s documents removes passages and tables', async () => {
        const { paper } = await addPaper('2102.00002', 1, 'Doc', ['Old text about llamas.']);
        await store.documents.insert(documentOf(paper.id, ['New text about alpacas.', 'Second.'], { hash: 'new' }));
        expect((await store.passages.list(paper.id)).map((p) => p.text)).toEqual([
          'New text about alpacas.',
          'Second.',
        ]);
        expect(await store.passages.search('llamas')).toEqual([]);
        expect((await store.passages.search('alpacas')).map((hit) => hit.passage.paperId)).toEqual([paper.id]);
        await store.documents.deleteOfPaper(paper.id);
        expect(await store.documents.latest(paper.id)).toBeUndefined();
        expect(await store.passages.list(paper.id)).toEqual([]);
        expect(await store.tables.list(paper.id)).toEqual([]);
      });

      it('ranks passages with every query word first, snippets with highlight marks, filters by paper', async () => {
        const a = await addPaper('2103.00001', 1, 'Alpha', [
          'Contrastive learning improves retrieval of passages.',
          'Unrelated sentence about cooking pasta.',
        ]);
        const b = await addPaper('2103.00002', 1, 'Beta', [
          'Retrieval is hard.',
          'Contrastive objectives help a little.',
        ]);
        const hits = await store.passages.search('contrastive retrieval');
        expect(hits[0]?.passage.text).toBe('Contrastive learning improves retrieval of passages.');
        expect(hits[0]?.title).toBe('Alpha');
        expect(hits.map((h) => h.passage.paperId)).toContain(b.paper.id);
        for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
        expect(hits[0]!.snippet).toMatch(/\u0002[Cc]ontrastive\u0003/);
        expect(
          (await store.passages.search('contrastive', { paperId: b.paper.id })).map((h) => h.passage.paperId),
        ).toEqual([b.paper.id]);
        expect(
          (await store.passages.search('contrastive', { excludePaperId: a.paper.id })).every(
            (h) => h.passage.paperId === b.paper.id,
          ),
        ).toBe(true);
        expect(await store.passages.search('contrastive', { paperIds: [a.paper.id], limit: 1 })).toHaveLength(1);
        // Any user text is safe: operators and quotes never make a syntax error.
        expect(await store.passages.search('"NEAR( AND * ^ :')).toEqual([]);
        expect(await store.passages.search('')).toEqual([]);
      });

      it('searches the library: papers with text ranked by title, abstract and passages', async () => {
        await addPaper('2104.00001', 1, 'Graph neural networks for molecules', [
          'Message passing on molecules and atoms.',
        ]);
        await addPaper('2104.00002', 1, 'Speech recognition', ['Acoustic models and molecules rarely meet.']);
        await store.papers.upsert(arxivPaper('2104.00003', 1, 'Molecules without text'));
        const hits = await store.papers.search('molecules');
        expect(hits.map((h) => h.paper.id)).toEqual(['arxiv:2104.00001v1', 'arxiv:2104.00002v1']);
        expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      });
    });

    describe('claims and verdicts', () => {
      it('saves claims idempotently per paper, engine and text, most relevant first', async () => {
        const { paper } = await addPaper('2105.00001', 1, 'Claims', ['We reach 90% accuracy.']);
        const passage = (await store.passages.list(paper.id))[0]!;
        const claim = {
          paperId: paper.id,
          text: 'We reach 90% accuracy.',
          type: 'result' as const,
          numbers: [],
          passageId: passage.id,
          charStart: 0,
          charEnd: 22,
          relevance: 0.4,
          engine: 'embedded@1',
        };
        const [first] = await store.claims.save([claim, { ...claim, text: 'Another claim.', relevance: 0.9 }], 'q?');
        const again = await store.claims.save([{ ...claim, relevance: 0.5 }], null);
        expect(again[0]!.id).toBe(first!.id);
        expect(again[0]!.relevance).toBe(0.5);
        const listed = await store.claims.list(paper.id);
        expect(listed.map((c) => c.text)).toEqual(['Another claim.', 'We reach 90% accuracy.']);
        expect(listed[1]).toMatchObject({ question: null, passageId: passage.id, engine: 'embedded@1' });
        expect(await store.claims.list(paper.id, 'llm:other')).toEqual([]);
        expect(await store.papers.counts(paper.id)).toEqual({ passages: 1, claims: 2 });
        expect(await store.claims.corpusSnapshot()).toEqual([
          { paper_id: paper.id, content_hash: `hash-${paper.id}-1` },
        ]);
        expect(await store.claims.corpusSnapshot(['arxiv:other'])).toEqual([]);
      });

      it('stores verdicts with evidence and returns the newest by engine and evidence key', async () => {
        const { paper } = await addPaper('2105.00002', 1, 'Verdicts', ['The model reaches 71.8 on XNLI.']);
        const [claim] = await store.claims.save(
          [
            {
              paperId: paper.id,
              text: 'The model reaches 71.8 on XNLI.',
              type: 'result',
              numbers: [],
              passageId: null,
              charStart: null,
              charEnd: null,
              relevance: 1,
              engine: 'embedded@1',
            },
          ],
          null,
        );
        const evidence = {
          paperId: paper.id,
          passageId: null,
          quote: '71.8',
          location: 'p. 2',
          charStart: 18,
          charEnd: 22,
          cell: {
            table: 'Table 2',
            row: ['BERT'],
            column: ['XNLI', 'Acc.'],
            text: '71.8',
            address: 'Table 2, row BERT',
          },
        };
        const first = await store.verdicts.save(
          claim!.id,
          {
            verdict: 'SUPPORTED',
            confidence: 0.9,
            evidence: [evidence],
            rationale: 'cell',
            engine: 'a',
            calibration: 'c1',
          },
          'key-1',
        );
        const second = await store.verdicts.save(
          claim!.id,
          {
            verdict: 'REFUTED',
            confidence: 0.6,
            evidence: [],
            rationale: 'no',
            engine: 'b',
            checks: [{ rule: 'number', detail: 'differs', from: 'SUPPORTED' }],
          },
          null,
        );
        expect(second).toBeGreaterThan(first);
        expect(await store.verdicts.latest(claim!.id)).toMatchObject({ id: second, verdict: 'REFUTED', engine: 'b' });
        expect((await store.verdicts.latest(claim!.id))?.checks).toEqual([
          { rule: 'number', detail: 'differs', from: 'SUPPORTED' },
        ]);
        const byKey = await store.verdicts.latest(claim!.id, { evidenceKey: 'key-1' });
        expect(byKey).toMatchObject({
          id: first,
          verdict: 'SUPPORTED',
          confidence: 0.9,
          evidenceKey: 'key-1',
          calibration: 'c1',
        });
        expect(byKey?.evidence).toEqual([evidence]);
        expect(await store.verdicts.latest(claim!.id, { engine: 'z' })).toBeUndefined();
      });
    });

    describe('runs and topics', () => {
      it('records runs in a ledger, newest first, and fails a topic’s interrupted runs', async () => {
        const a = await store.runs.start('report', ['--topic', 'x'], { k: 1 }, 'x');
        const b = await store.runs.start('add', ['f.pdf'], {});
        await store.runs.finish(b, 'ok', { added: 1 });
        expect((await store.runs.list()).map((r) => r.id)).toEqual([b, a]);
        expect(await store.runs.get(b)).toMatchObject({
          command: 'add',
          args: ['f.pdf'],
          status: 'ok',
          summary: { added: 1 },
        });
        expect((await store.runs.get(b))?.finishedAt).toEqual(expect.any(String));
        expect(await store.runs.get(a)).toMatchObject({
          status: 'running',
          topic: 'x',
          config: { k: 1 },
          finishedAt: null,
        });
        expect((await store.runs.list({ topic: 'x' })).map((r) => r.id)).toEqual([a]);
        expect(await store.runs.list({ limit: 1 })).toHaveLength(1);
        expect(await store.runs.failInterrupted('x', 'killed')).toBe(1);
        expect(await store.runs.get(a)).toMatchObject({ status: 'failed', summary: { error: 'killed' } });
        expect(await store.runs.get(987654)).toBeUndefined();
      });

      it('keeps topic definitions, refresh state and watermark; removing drops its lock', async () => {
        const definition = {
          name: 'rag',
          question: 'Does RAG help?',
          queries: ['rag'],
          categories: ['cs.CL'],
          schedule: null,
          options: { maxPapers: 5 },
        };
        await store.topics.saveDefinition(definition);
        expect(await store.topics.get('rag')).toMatchObject({
          ...definition,
          lastRefreshAt: null,
          state: { included: [], claims: [] },
        });
        const state = {
          queries: ['rag'],
          included: ['arxiv:1v1'],
          seen: ['arxiv:1'],
          claims: [],
          snapshot: 's',
          report_dir: 'r',
        };
        await store.topics.commitRefresh('rag', state, '2026-01-01T00:00:00.000Z');
        await store.topics.saveDefinition({ ...definition, question: 'Does RAG help now?' });
        const topic = await store.topics.get('rag');
        expect(topic).toMatchObject({
          question: 'Does RAG help now?',
          lastRefreshAt: '2026-01-01T00:00:00.000Z',
          state,
        });
        await store.topics.saveDefinition({ ...definition, name: 'a-first' });
        expect((await store.topics.list()).map((t) => t.name)).toEqual(['a-first', 'rag']);
        await store.locks.acquire('refresh:rag', { pid: 1, host: 'h', isAlive: () => true });
        expect(await store.topics.remove('rag')).toBe(true);
        expect(await store.topics.remove('rag')).toBe(false);
        expect(await store.locks.get('refresh:rag')).toBeUndefined();
      });
    });

    describe('locks', () => {
      const alive = () => true;
      it('acquires a free lock, refuses a live holder, re-enters for the holder, releases only for the owner', async () => {
        const first = await store.locks.acquire('refresh:t', { pid: 10, host: 'h1', isAlive: alive });
        expect(first).toMatchObject({ acquired: true, takenOverFrom: null, holder: { pid: 10, host: 'h1' } });
        expect(await store.locks.acquire('refresh:t', { pid: 11, host: 'h1', isAlive: alive })).toMatchObject({
          acquired: false,
          holder: { pid: 10 },
        });
        expect((await store.locks.acquire('refresh:t', { pid: 10, host: 'h1', isAlive: alive })).acquired).toBe(true);
        expect(await store.locks.release('refresh:t', { pid: 11, host: 'h1' })).toBe(false);
        expect((await store.locks.get('refresh:t'))?.pid).toBe(10);
        expect(await store.locks.release('refresh:t', { pid: 10, host: 'h1' })).toBe(true);
        expect(await store.locks.get('refresh:t')).toBeUndefined();
      });

      it('takes over a dead holder on this host, and any holder older than staleAfterMs', async () => {
        await store.locks.acquire('l', {
          pid: 10,
          host: 'h1',
          isAlive: alive,
          now: () => new Date('2026-01-01T00:00:00Z'),
        });
        const dead = await store.locks.acquire('l', { pid: 11, host: 'h1', isAlive: () => false });
        expect(dead).toMatchObject({ acquired: true, takenOverFrom: { pid: 10 } });
        const at = (iso: string) => () => new Date(iso);
        await store.locks.acquire('m', { pid: 1, host: 'other', isAlive: alive, now: at('2026-01-01T00:00:00Z') });
        const fresh = { pid: 2, host: 'h1', isAlive: () => false, staleAfterMs: 60_000 };
        expect((await store.locks.acquire('m', { ...fresh, now: at('2026-01-01T00:00:30Z') })).acquired).toBe(false);
        const late = await store.locks.acquire('m', { ...fresh, now: at('2026-01-01T00:02:00Z') });
        expect(late).toMatchObject({ acquired: true, takenOverFrom: { pid: 1, host: 'other' } });
      });
    });

    describe('caches', () => {
      it('keeps HTTP responses by URL: put, overwrite, touch, delete', async () => {
        const entry = {
          url: 'https://export.arxiv.org/api/query?id_list=1',
          status: 200,
          headers: { 'content-type': 'application/atom+xml' },
          body: new Uint8Array([0, 1, 2, 255]),
          fetchedAt: 1_700_000_000_000,
          etag: '"abc"',
          lastModified: null,
        };
        await store.httpCache.put(entry);
        const got = await store.httpCache.get(entry.url);
        expect({ ...got, body: [...got!.body] }).toEqual({ ...entry, body: [0, 1, 2, 255] });
        await store.httpCache.put({ ...entry, status: 404, body: new Uint8Array([7]) });
        expect((await store.httpCache.get(entry.url))?.status).toBe(404);
        await store.httpCache.touch(entry.url, 1_800_000_000_000);
        expect((await store.httpCache.get(entry.url))?.fetchedAt).toBe(1_800_000_000_000);
        await store.httpCache.delete(entry.url);
        expect(await store.httpCache.get(entry.url)).toBeNull();
      });

      it('keeps LLM answers by call key and counts them per prompt', async () => {
        const key = {
          key: 'k1',
          baseUrl: 'http://llm',
          model: 'm',
          promptId: 'verify@3',
          promptHash: 'p',
          inputHash: 'i',
        };
        const value = { choices: ['SUPPORTED', 'REFUTED'], usage: { promptTokens: 12, completionTokens: 3 } };
        expect(await store.llmCache.get('k1')).toBeUndefined();
        await store.llmCache.put(key, value);
        await store.llmCache.put({ ...key, key: 'k2' }, value);
        await store.llmCache.put(key, { ...value, choices: ['PARTIAL'] });
        expect(await store.llmCache.get('k1')).toEqual({ ...value, choices: ['PARTIAL'] });
        expect(await store.llmCache.count()).toEqual([{ promptId: 'verify@3', entries: 2 }]);
      });
    });

    describe('rate-limit slots', () => {
      it('spaces a group’s requests: one in flight, the next delayMs after the last ended', async () => {
        const slots = store.rateLimits;
        expect(await slots.nextAllowed('arxiv')).toBeNull();
        const first = await slots.tryAcquire('arxiv', 3000, 60_000, 1_000);
        expect(first).toEqual({ acquired: true, lease: 61_000 });
        expect(await slots.tryAcquire('arxiv', 3000, 60_000, 2_000)).toEqual({
          acquired: false,
          waitMs: 59_000,
          reason: 'busy',
        });
        expect((await slots.tryAcquire('other', 3000, 60_000, 2_000)).acquired).toBe(true);
        await slots.release('arxiv', 61_000, 3000, 5_000);
        expect(await slots.nextAllowed('arxiv')).toBe(8_000);
        expect(await slots.tryAcquire('arxiv', 3000, 60_000, 6_000)).toEqual({
          acquired: false,
          waitMs: 2_000,
          reason: 'spacing',
        });
        expect((await slots.tryAcquire('arxiv', 3000, 60_000, 8_000)).acquired).toBe(true);
      });

      it('lets a crashed holder’s lease expire', async () => {
        await store.rateLimits.tryAcquire('s2', 100, 1_000, 0);
        expect((await store.rateLimits.tryAcquire('s2', 100, 1_000, 500)).acquired).toBe(false);
        expect((await store.rateLimits.tryAcquire('s2', 100, 1_000, 1_001)).acquired).toBe(true);
      });

      it('never gives one slot to two racing callers', async () => {
        const attempts = await Promise.all(
          Array.from({ length: 8 }, () => store.rateLimits.tryAcquire('race', 1000, 60_000, 10_000)),
        );
        expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
      });
    });

    describe('ingest failures and experiments', () => {
      it('records, overwrites and clears an ingest failure', async () => {
        await store.ingestFailures.record({ input: 'a.pdf', contentHash: 'h1', code: 'E_PARSE', message: 'bad' });
        await store.ingestFailures.record({ input: 'a.pdf', contentHash: 'h2', code: 'E_PARSE', message: 'worse' });
        expect(await store.ingestFailures.get('a.pdf')).toMatchObject({
          contentHash: 'h2',
          message: 'worse',
          failedAt: expect.any(String),
        });
        await store.ingestFailures.clear('a.pdf');
        expect(await store.ingestFailures.get('a.pdf')).toBeUndefined();
      });

      it('stores experiments and lists them newest first, by name', async () => {
        const record = {
          name: 'bleu',
          kind: 'command' as const,
          spec: { model: 'm' },
          command: ['python', 'eval.py'],
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: '2026-01-01T00:01:00Z',
          exitCode: 0,
          stdoutTail: 'BLEU 27.3',
          stderrTail: null,
          metrics: { bleu: 27.3 },
          host: { cpus: 2 },
          claims: ['BLEU is 27.3'],
        };
        const a = await store.experiments.insert(record);
        const b = await store.experiments.insert({ ...record, name: 'other', command: null });
        expect(await store.experiments.get(a)).toMatchObject({ ...record, id: a });
        expect((await store.experiments.list()).map((e) => e.id)).toEqual([b, a]);
        expect((await store.experiments.list({ name: 'bleu' })).map((e) => e.id)).toEqual([a]);
        expect(await store.experiments.list({ limit: 1 })).toHaveLength(1);
        expect(await store.experiments.get(987654)).toBeUndefined();
      });
    });

    describe('transactions', () => {
      it('commits the work of a resolved transaction and returns its value', async () => {
        const value = await store.transaction(async (tx) => {
          await tx.papers.upsert(arxivPaper('2106.00001', 1, 'Kept'));
          return 42;
        });
        expect(value).toBe(42);
        expect(await store.papers.exists('arxiv:2106.00001v1')).toBe(true);
      });

      it('rolls back everything when the work throws, and rethrows', async () => {
        const failure = store.transaction(async (tx) => {
          await tx.papers.upsert(arxivPaper('2106.00002', 1, 'Lost'));
          await tx.documents.insert(documentOf('arxiv:2106.00002v1', ['Lost text.']));
          expect(await tx.papers.exists('arxiv:2106.00002v1')).toBe(true);
          throw new Error('boom');
        });
        await expect(failure).rejects.toThrow('boom');
        expect(await store.papers.exists('arxiv:2106.00002v1')).toBe(false);
        expect(await store.passages.search('lost')).toEqual([]);
      });

      it('rolls back when a statement fails inside (a document of an unknown paper)', async () => {
        const failure = store.transaction(async (tx) => {
          await tx.papers.upsert(arxivPaper('2106.00007', 1, 'Before the failure'));
          await tx.documents.insert(documentOf('arxiv:no-such-paper', ['Orphan text.']));
        });
        await expect(failure).rejects.toThrow();
        expect(await store.papers.exists('arxiv:2106.00007v1')).toBe(false);
        // The store is usable afterwards.
        await store.papers.upsert(arxivPaper('2106.00007', 1, 'After'));
        expect((await store.papers.get('arxiv:2106.00007v1'))?.title).toBe('After');
      });

      it('keeps claims and verdicts written inside a transaction only if it commits', async () => {
        const { paper } = await addPaper('2106.00008', 1, 'Claims in a transaction', ['We reach 90% accuracy.']);
        const claim = {
          paperId: paper.id,
          text: 'We reach 90% accuracy.',
          type: 'result' as const,
          numbers: [],
          passageId: null,
          charStart: null,
          charEnd: null,
          relevance: 1,
          engine: 'embedded@1',
        };
        const verdict = { verdict: 'SUPPORTED' as const, confidence: 0.8, evidence: [], rationale: 'r', engine: 'e' };
        await expect(
          store.transaction(async (tx) => {
            const [saved] = await tx.claims.save([claim], null);
            await tx.verdicts.save(saved!.id, verdict, 'k');
            throw new Error('abandon');
          }),
        ).rejects.toThrow('abandon');
        expect(await store.claims.list(paper.id)).toEqual([]);
        const id = await store.transaction(async (tx) => {
          const [saved] = await tx.claims.save([claim], null);
          await tx.verdicts.save(saved!.id, verdict, 'k');
          return saved!.id;
        });
        expect((await store.verdicts.latest(id))?.verdict).toBe('SUPPORTED');
      });

      it('undoes only a nested transaction that throws', async () => {
        await store.transaction(async (tx) => {
          await tx.papers.upsert(arxivPaper('2106.00003', 1, 'Outer'));
          await expect(
            tx.transaction(async (inner) => {
              await inner.papers.upsert(arxivPaper('2106.00004', 1, 'Inner'));
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
          await tx.transaction(async (inner) => inner.papers.upsert(arxivPaper('2106.00005', 1, 'Inner kept')));
        });
        expect(await store.papers.exists('arxiv:2106.00003v1')).toBe(true);
        expect(await store.papers.exists('arxiv:2106.00004v1')).toBe(false);
        expect(await store.papers.exists('arxiv:2106.00005v1')).toBe(true);
      });

      it('never interleaves two transactions: each reads what it wrote, the sum is exact', async () => {
        await store.runs.start('counter', [], { n: 0 });
        const bump = () =>
          store.transaction(async (tx) => {
            const [run] = await tx.runs.list({ limit: 1 });
            const n = (run!.config as { n: number }).n;
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.runs.start('counter', [], { n: n + 1 });
          });
        await Promise.all([bump(), bump(), bump()]);
        const [last] = await store.runs.list({ limit: 1 });
        expect(last!.config).toEqual({ n: 3 });
      });

      it('makes a call on the outer store wait until an open transaction ends', async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const open = store.transaction(async (tx) => {
          await tx.papers.upsert(arxivPaper('2106.00006', 1, 'Pending'));
          await gate;
          throw new Error('rolled back');
        });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const outside = store.papers.exists('arxiv:2106.00006v1');
        release();
        await expect(open).rejects.toThrow('rolled back');
        expect(await outside).toBe(false);
      });
    });
  });
}
