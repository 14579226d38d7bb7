import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerArxivCommands } from '../../src/cli/commands/arxiv.ts';
import { registerExpandCommand } from '../../src/cli/commands/expand.ts';
import type { CliContext } from '../../src/cli/context.ts';
import { createOutput } from '../../src/cli/output.ts';
import type { Config } from '../../src/config/schema.ts';
import { createHttpClientFromConfig } from '../../src/http/client-from-config.ts';
import { addArxivPapers } from '../../src/pipeline/add-arxiv.ts';
import { expandPaper } from '../../src/pipeline/expand.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import {
  type ArxivStandIn,
  atomEntry,
  atomReply,
  realArxivFile,
  realEntries,
  standInConfig,
  startArxivStandIn,
} from '../support/arxiv-stand-in.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';
import { repoRoot, sharedData } from '../support/shared-data.ts';

const s2Fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/http/semantic-scholar', name), 'utf8');
const pdfReply = { headers: { 'content-type': 'application/pdf' }, body: readFileSync(sharedData('pdfs', '2304.02623v1.pdf')) };

let arxiv: ArxivStandIn;
let s2: LoopbackServer;
let s2Down = false;
let dir: string;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
  s2 = await startLoopbackServer((request, response) => {
    const json = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
    if (s2Down) return json(500, '{"message":"Internal Server Error"}');
    // Open-access PDF links point back at this server, so nothing leaves the machine.
    const local = (body: string) => body.replaceAll('https://aclanthology.org/', `${s2.url}/oa/`);
    if (request.path === '/graph/v1/paper/ARXIV:1706.03762/references') {
      return json(200, local(s2Fixture(request.query.get('offset') === '3' ? 'references-1706.03762-page2.json' : 'references-1706.03762.json')));
    }
    if (request.path === '/graph/v1/paper/ARXIV:1706.03762/citations') return json(200, local(s2Fixture('citations-1706.03762.json')));
    if (request.path === '/oa/W14-3302.pdf') {
      response.writeHead(200, pdfReply.headers);
      response.end(pdfReply.body);
      return;
    }
    return json(404, s2Fixture('error-404.json'));
  });
  dir = mkdtempSync(join(tmpdir(), 'litmus-arxiv-cli-'));
});
afterAll(async () => {
  await arxiv.close();
  await s2.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  arxiv.reset();
  s2.clearRequests();
  s2Down = false;
});

function configFor(db: string): Config {
  return standInConfig({
    db,
    arxiv: { ...arxiv.endpoints, delayMs: 20, maxRetries: 1 },
    semanticScholar: { api: `${s2.url}/graph/v1`, delayMs: 20 },
  });
}

async function runCommand(config: Config, argv: string[], json: boolean) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  let store: SqliteTestStore | undefined;
  let exitCode = 0;
  const context: CliContext = {
    config: () => config,
    openStore: async () => (store ??= openSqliteStore(config.db)),
    output: createOutput({
      json,
      quiet: false,
      verbose: false,
      stdout: sink((t) => (stdout += t)),
      stderr: sink((t) => (stderr += t)),
    }),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('litmus').exitOverride();
  registerArxivCommands(program, context);
  registerExpandCommand(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } finally {
    await store?.close();
  }
  return { stdout, stderr, exitCode };
}

describe('litmus arxiv search', () => {
  it('prints a JSON array of results and sends the query, paging and sort parameters', async () => {
    arxiv.atom.set('search:cat:cs.RO AND (neural)', atomReply(realArxivFile('atom_search_cs.RO_neural_legacy.xml')));
    const config = configFor(join(dir, 'search.db'));
    const { stdout } = await runCommand(config, ['arxiv', 'search', 'cat:cs.RO AND (neural)', '--max', '2', '--sort', 'submitted'], true);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      id: '2510.14968',
      version: 1,
      title: 'RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks',
      authors: ['Mingxuan Yan', 'Yuping Wang', 'Zechun Liu', 'Jiachen Li'],
      published: '2025-10-16T17:59:37Z',
      updated: '2025-10-16T17:59:37Z',
      primary_category: 'cs.RO',
      categories: ['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY'],
      abstract: expect.stringMatching(/^To tackle long-horizon tasks/),
      comment: '39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: rdd-neurips.github.io',
      abs_url: 'http://arxiv.org/abs/2510.14968v1',
      pdf_url: 'http://arxiv.org/pdf/2510.14968v1',
    });
    const [request] = arxiv.requestsTo('api');
    expect(Object.fromEntries(request!.query)).toEqual({
      search_query: 'cat:cs.RO AND (neural)',
      start: '0',
      max_results: '2',
      sortBy: 'submittedDate',
      sortOrder: 'descending',
    });
    expect(request!.headers['user-agent']).toMatch(/^litmus\/[\d.]+ \(\+mailto:litmus-user@example\.invalid\)$/);

    // a second search within the TTL is served from the cache; --refresh asks again
    await runCommand(config, ['arxiv', 'search', 'cat:cs.RO AND (neural)', '--max', '2', '--sort', 'submitted'], true);
    expect(arxiv.requestsTo('api')).toHaveLength(1);
    const refreshed = await runCommand(config, ['arxiv', 'search', 'cat:cs.RO AND (neural)', '--max', '2', '--sort', 'submitted', '--refresh'], false);
    expect(arxiv.requestsTo('api')).toHaveLength(2);
    expect(refreshed.stdout).toContain('2510.14968v1');
  });
});

describe('litmus expand', () => {
  async function seed(db: string): Promise<Config> {
    for (const entry of realEntries('atom_idlist_1706.03762_2025format.xml')) arxiv.entries.set('1706.03762v7', entry);
    arxiv.pdf.set('1706.03762v7', pdfReply);
    arxiv.entries.set('1409.0473v7', atomEntry({ id: '1409.0473v7', title: 'Neural Machine Translation by Jointly Learning to Align and Translate' }));
    arxiv.pdf.set('1409.0473v7', pdfReply);
    arxiv.entries.set('1810.04805v2', atomEntry({ id: '1810.04805v2', title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding' }));
    arxiv.html.set('1810.04805v2', { headers: { 'content-type': 'text/html' }, body: readFileSync(sharedData('html', 'acl-P14-2122.latexml-0.8.0.html')) });
    const config = configFor(db);
    const store = openSqliteStore(db);
    await addArxivPapers(store, config, ['arxiv:1706.03762v7'], { http: createHttpClientFromConfig(store, config) });
    await store.close();
    return config;
  }

  it('adds arXiv references and citations found through Semantic Scholar, with citing contexts', async () => {
    const config = await seed(join(dir, 'expand.db'));
    const { stdout, exitCode } = await runCommand(config, ['expand', 'arxiv:1706.03762v7', '--max', '5'], true);
    const result = JSON.parse(stdout) as {
      added: { paper_id: string; status: string; fulltext: string | null }[];
      links: { direction: string; title: string; contexts: string[] }[];
      skipped: { title: string }[];
      warnings: string[];
    };
    expect(exitCode).toBe(0);
    expect(result.added.map((r) => [r.paper_id, r.status, r.fulltext])).toEqual([
      ['arxiv:1409.0473v7', 'added', 'pdf'],
      ['s2:0b0cf7e00e7532e38238a9164f0a8db2574be2ea', 'added', 'pdf'],
      ['arxiv:1810.04805v2', 'added', 'html'],
    ]);
    expect(result.links.map((l) => l.direction)).toEqual(['reference', 'reference', 'reference', 'citation']);
    expect(result.links[3]!.contexts[0]).toMatch(/^BERT's model architecture/);
    // LSTM has neither an arXiv id nor an open-access PDF; the WMT paper came from its open-access PDF
    expect(result.skipped.map((s) => s.title)).toEqual(['Long Short-Term Memory']);
    const s2Paths = s2.requests.map((r) => r.path);
    expect(s2Paths).toEqual([
      '/graph/v1/paper/ARXIV:1706.03762/references',
      '/graph/v1/paper/ARXIV:1706.03762/references',
      '/graph/v1/paper/ARXIV:1706.03762/citations',
      '/oa/W14-3302.pdf',
    ]);
  }, 60_000);

  it('Semantic Scholar failing is a warning, never an error', async () => {
    const db = join(dir, 'expand-down.db');
    const config = await seed(db);
    s2Down = true;
    const store = openSqliteStore(db);
    const warnings: string[] = [];
    const http = createHttpClientFromConfig(store, config, { backoffBaseMs: 10 });
    const result = await expandPaper(store, config, 'arxiv:1706.03762v7', { max: 3 }, { http, warn: (w) => warnings.push(w) });
    await store.close();
    expect(result.added).toEqual([]);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^Semantic Scholar references of ARXIV:1706\.03762 unavailable: GET .* failed after 2 tries: HTTP 500$/);
    expect(warnings).toEqual(result.warnings);
  });

  it('an unknown paper id is a usage error', async () => {
    const config = configFor(join(dir, 'empty.db'));
    const store = openSqliteStore(config.db);
    const http = createHttpClientFromConfig(store, config);
    await expect(expandPaper(store, config, 'arxiv:0000.00000v1', {}, { http })).rejects.toMatchObject({ code: 'E_NOT_FOUND', exitCode: 2 });
    await store.close();
  });
});
