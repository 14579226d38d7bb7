import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicDiff } from '../../src/pipeline/refresh/diff.ts';
import type { RefreshSummary } from '../../src/pipeline/refresh/refresh-topic.ts';
import { arxivDate } from '../../src/sources/arxiv/query-builder.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { atomEntry, atomFeed } from '../support/arxiv-stand-in.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';
import { type ReportStandIn, standInPapers, startReportStandIn } from '../support/report-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus, spawnLitmus } from '../support/workspace.ts';

const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const topicQuery = 'all:papers';

/**
 * arXiv as a refresh sees it: a world of entries, each with the time its newest version appeared.
 * Searches honour `lastUpdatedDate:[from TO to]` windows (whole minutes, GMT) and list only the newest
 * version of each work, like arXiv; everything else (id_list, /pdf, /html) is served by the report
 * stand-in, which holds the real PDFs.
 */
interface World {
  server: LoopbackServer;
  standIn: ReportStandIn;
  publish(id: string, updated: Date): void;
  /** Called before answering a /pdf request; may hold it. */
  onPdf: ((path: string) => Promise<void>) | null;
}

async function startWorld(): Promise<World> {
  const standIn = await startReportStandIn(question);
  const published = new Map<string, { xml: string; updated: Date }>();
  const world: World = {
    standIn,
    server: undefined as unknown as LoopbackServer,
    onPdf: null,
    publish(id, updated) {
      const work = id.replace(/v\d+$/, '');
      const paper = standInPapers.find((p) => p.id.startsWith(`${work}v`))!;
      const xml = atomEntry({
        ...paper,
        id,
        authors: [...paper.authors],
        categories: ['cs.HC'],
        updated: updated.toISOString().replace(/\.\d+Z$/, 'Z'),
      });
      published.set(id, { xml, updated });
      standIn.arxiv.entries.set(id, xml);
      if (!standIn.arxiv.pdf.has(id)) {
        const first = standInPapers.find((p) => p.id.startsWith(`${work}v`))!;
        standIn.arxiv.pdf.set(id, {
          headers: { 'content-type': 'application/pdf' },
          body: readFileSync(sharedData('pdfs', first.pdf)),
        });
      }
    },
  };
  world.server = await startLoopbackServer(async (request, response) => {
    const searchQuery = request.query.get('search_query');
    if (request.path === '/api/query' && searchQuery) {
      const window = /lastUpdatedDate:\[(\d{12}) TO (\d{12})\]/.exec(searchQuery);
      const newest = new Map<string, { id: string; xml: string; updated: Date }>();
      for (const [id, entry] of published) {
        const work = id.replace(/v\d+$/, '');
        const version = Number(id.split('v').at(-1));
        const current = newest.get(work);
        if (!current || Number(current.id.split('v').at(-1)) < version) newest.set(work, { id, ...entry });
      }
      const found = [...newest.values()].filter((e) => {
        if (!window) return true;
        const minute = arxivDate(e.updated);
        return minute >= window[1]! && minute <= window[2]!;
      });
      response.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      response.end(
        atomFeed(
          found.map((e) => e.xml),
          { total: found.length },
        ),
      );
      return;
    }
    if (request.path.startsWith('/pdf/') && world.onPdf) await world.onPdf(request.path);
    await proxy(`${standIn.arxiv.url}${request.url}`, response);
  });
  for (const paper of ['2302.07302v1', '2304.02623v1', '2206.10883v3', '1708.05894v1']) {
    world.publish(paper, new Date(`${standInPapers.find((p) => p.id === paper)!.published}`));
  }
  return world;
}

async function proxy(url: string, response: ServerResponse): Promise<void> {
  const upstream = await fetch(url);
  const body = Buffer.from(await upstream.arrayBuffer());
  if (response.destroyed) return;
  response.writeHead(upstream.status, Object.fromEntries(upstream.headers.entries()));
  response.end(body);
}

/** The world's third state: a new paper (Paper Plain), and a new version of an included one (CiteSee). */
function publishChanges(world: World): void {
  const now = new Date();
  world.publish('2203.00130v1', now);
  world.publish('2302.07302v2', now);
}

function workspace(world: World, name: string) {
  const { dir, cleanup } = makeTempDir(`litmus-refresh-${name}-`);
  writeFileSync(join(dir, 'none.json'), '{}');
  const endpoint = world.server.url;
  const env = {
    LITMUS_DB: join(dir, 'corpus', 'litmus.db'),
    LITMUS_ARXIV_API: `${endpoint}/api/query`,
    LITMUS_ARXIV_BASE: endpoint,
    LITMUS_ARXIV_OAI: `${endpoint}/oai`,
    LITMUS_ARXIV_DELAY_MS: '20',
    LITMUS_CONFIG: join(dir, 'none.json'),
  };
  return { dir, cleanup, env, out: join(dir, 'report') };
}

async function addTopic(env: Record<string, string>, out: string): Promise<void> {
  const added = await runLitmus(
    [
      'topic',
      'add',
      'reading-tools',
      '--question',
      question,
      '--query',
      topicQuery,
      '--max-papers',
      '6',
      '--threshold',
      '0.05',
      '--out',
      out,
      '--schedule',
      '0 6 * * *',
    ],
    env,
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
}

async function refresh(env: Record<string, string>): Promise<RefreshSummary> {
  const result = await runLitmus(['--json', '--quiet', 'refresh', 'reading-tools'], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as RefreshSummary;
}

/** Everything a refresh decides, without ids or times that legitimately differ between databases. */
async function finalState(dbPath: string) {
  const store = openSqliteStore(dbPath);
  try {
    const topic = (await store.topics.get('reading-tools'))!;
    const claims = store.db
      .prepare(
        `SELECT c.paper_id, c.text,
           (SELECT v.verdict || ' ' || round(v.confidence, 6) FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id DESC LIMIT 1) AS verdict
         FROM claims c ORDER BY c.paper_id, c.text`,
      )
      .all();
    const papers = store.db
      .prepare(
        'SELECT p.id, (SELECT COUNT(*) FROM documents d WHERE d.paper_id = p.id) AS documents FROM papers p ORDER BY p.id',
      )
      .all();
    return {
      included: topic.state.included,
      seen: topic.state.seen,
      queries: topic.state.queries,
      topicClaims: topic.state.claims.map(({ claim_id: _id, ...rest }) => rest),
      snapshot: topic.state.snapshot,
      refreshed: topic.lastRefreshAt !== null,
      claims,
      papers,
    };
  } finally {
    await store.close();
  }
}

describe('litmus refresh: first build, no-op, incremental update', () => {
  let world: World;
  let ws: ReturnType<typeof workspace>;
  beforeAll(async () => {
    world = await startWorld();
    ws = workspace(world, 'main');
  });
  afterAll(async () => {
    await world.server.close();
    await world.standIn.close();
    ws.cleanup();
  });

  it('stores a topic in the database and as a versionable file; refuses a bad cron or name', async () => {
    const bad = await runLitmus(['topic', 'add', 'x', '--question', 'q', '--schedule', '61 * * * *'], ws.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('invalid schedule "61 * * * *"');
    const badName = await runLitmus(['topic', 'add', 'Not A Slug', '--question', 'q'], ws.env);
    expect(badName.code).toBe(2);
    await addTopic(ws.env, ws.out);
    const file = JSON.parse(readFileSync(join(ws.dir, 'corpus', 'topics', 'reading-tools.json'), 'utf8'));
    expect(file).toMatchObject({
      name: 'reading-tools',
      question,
      queries: [topicQuery],
      schedule: '0 6 * * *',
      maxPapers: 6,
    });
    const list = await runLitmus(['--json', 'topic', 'list'], ws.env);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'reading-tools', last_refresh_at: null, due: true }]);
  });

  it('builds the report on the first refresh', async () => {
    const summary = await refresh(ws.env);
    expect(summary.status).toBe('built');
    // CiteSee and Beyond Summarization; Multi-LexSum and the sepsis paper are screened out.
    expect(summary.new_papers).toBe(2);
    expect(summary.new_claims).toBeGreaterThan(0);
    expect(summary.report).toBe(ws.out);
    for (const file of ['report.md', 'report.json', 'diff.md', 'diff.json'])
      expect(statSync(join(ws.out, file)).size).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(ws.out, 'report.json'), 'utf8'));
    expect(report.papers.map((p: { id: string }) => p.id)).toContain('arxiv:2302.07302v1');
  });

  it('finds nothing new on a second refresh: no LLM call, one request per query, report untouched', async () => {
    const reportMtime = statSync(join(ws.out, 'report.md')).mtimeMs;
    const diffMtime = statSync(join(ws.out, 'diff.json')).mtimeMs;
    const before = world.server.requests.length;
    const summary = await refresh(ws.env);
    expect(summary).toMatchObject({
      status: 'no_changes',
      new_papers: 0,
      new_versions: 0,
      new_claims: 0,
      changed_verdicts: 0,
      llm_calls: 0,
      report: null,
      diff: null,
    });
    const requests = world.server.requests.slice(before);
    expect(requests.length).toBeLessThanOrEqual(1);
    expect(summary.http_requests).toBe(requests.length);
    expect(requests[0]?.query.get('search_query')).toMatch(/^all:papers AND lastUpdatedDate:\[\d{12} TO \d{12}\]$/);
    expect(statSync(join(ws.out, 'report.md')).mtimeMs).toBe(reportMtime);
    expect(statSync(join(ws.out, 'diff.json')).mtimeMs).toBe(diffMtime);
    const human = await runLitmus(['refresh', 'reading-tools'], ws.env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('no changes');
    // Said once, as the result: not also as a log line.
    expect(human.stderr).not.toContain('no changes');
    const runs = JSON.parse((await runLitmus(['--json', 'runs', '--topic', 'reading-tools'], ws.env)).stdout) as {
      command: string;
      status: string;
      summary: { status?: string };
    }[];
    expect(runs.filter((r) => r.command === 'refresh').map((r) => r.summary.status)).toEqual([
      'no_changes',
      'no_changes',
      'built',
    ]);
    expect(runs.every((r) => r.status === 'ok')).toBe(true);
  });

  it('processes exactly the new paper and the new version, and says what changed', async () => {
    const before = await final();
    publishChanges(world);
    const mark = world.server.requests.length;
    const summary = await refresh(ws.env);
    expect(summary.status).toBe('updated');
    expect(summary.llm_calls).toBe(0);
    const fetched = world.server.requests
      .slice(mark)
      .filter((r) => r.path.startsWith('/pdf/'))
      .map((r) => r.path)
      .sort();
    expect(fetched).toEqual(['/pdf/2203.00130v1', '/pdf/2302.07302v2']);
    const diff = JSON.parse(readFileSync(join(ws.out, 'diff.json'), 'utf8')) as TopicDiff;
    expect(diff.new_papers.map((p) => p.id)).toEqual(['arxiv:2203.00130v1']);
    expect(diff.new_versions).toEqual([
      expect.objectContaining({ from: 'arxiv:2302.07302v1', to: 'arxiv:2302.07302v2' }),
    ]);
    expect(summary).toMatchObject({
      new_papers: 1,
      new_versions: 1,
      new_claims: diff.new_claims.length,
      changed_verdicts: diff.changed_verdicts.length,
    });
    // The new version replaced the old one in the topic and the report.
    const after = await final();
    expect(after.included).toContain('arxiv:2302.07302v2');
    expect(after.included).not.toContain('arxiv:2302.07302v1');
    const report = JSON.parse(readFileSync(join(ws.out, 'report.json'), 'utf8'));
    expect(report.papers.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['arxiv:2302.07302v2', 'arxiv:2203.00130v1']),
    );
    // Changed verdicts are exactly the claims kept across refreshes whose verdict moved, each shown with old → new and why.
    const old = new Map(before.topicClaims.map((c) => [c.key, c.verdict]));
    const moved = after.topicClaims
      .filter((c) => old.has(c.key) && old.get(c.key) !== c.verdict)
      .map((c) => c.text)
      .sort();
    expect(diff.changed_verdicts.map((c) => c.text).sort()).toEqual(moved);
    const markdown = readFileSync(join(ws.out, 'diff.md'), 'utf8');
    expect(markdown).toContain('arxiv:2302.07302v1 → arxiv:2302.07302v2');
    expect(markdown).toContain('## New papers (1)');
    for (const change of diff.changed_verdicts) {
      expect(change.why.length).toBeGreaterThan(0);
      expect(markdown).toContain(`${change.old} (${change.old_confidence.toFixed(2)}) → ${change.new}`);
    }
    // New claims are exactly the claims whose (work, text) the topic did not have.
    expect(diff.new_claims.map((c) => c.text).sort()).toEqual(
      after.topicClaims
        .filter((c) => !old.has(c.key))
        .map((c) => c.text)
        .sort(),
    );
    expect(diff.new_claims.some((c) => c.paper_id === 'arxiv:2203.00130v1')).toBe(true);
    // Earlier claims were re-checked against the new paper: where it bears on them, the diff says so.
    const crossChecked = after.topicClaims.filter((c) => {
      const earlier = before.topicClaims.find((b) => b.key === c.key);
      return (
        earlier &&
        earlier.verdict === c.verdict &&
        [...c.corroborating, ...c.contradicting].some(
          (id) => id === 'arxiv:2203.00130v1' && ![...earlier.corroborating, ...earlier.contradicting].includes(id),
        )
      );
    });
    expect(diff.new_cross_checks.map((c) => c.text).sort()).toEqual(crossChecked.map((c) => c.text).sort());
    // Whether the new paper bears on an earlier claim depends on what it states (support must be
    // faithful: a shared topic word is not corroboration); the diff lists exactly those that it does.
    expect(markdown).toContain(`## Earlier claims checked against new papers (${diff.new_cross_checks.length})`);
  });

  it('shows and removes a topic', async () => {
    const show = JSON.parse((await runLitmus(['--json', 'topic', 'show', 'reading-tools'], ws.env)).stdout);
    expect(show).toMatchObject({ name: 'reading-tools', lock: null });
    expect(show.included).toContain('arxiv:2302.07302v2');
    expect((await runLitmus(['topic', 'remove', 'reading-tools'], ws.env)).code).toBe(0);
    expect((await runLitmus(['topic', 'show', 'reading-tools'], ws.env)).code).toBe(2);
    expect(JSON.parse((await runLitmus(['--json', 'topic', 'list'], ws.env)).stdout)).toEqual([]);
  });

  function final() {
    return finalState(ws.env.LITMUS_DB);
  }
});

describe('litmus refresh: one at a time, killed and resumed', () => {
  let world: World;
  let killed: ReturnType<typeof workspace>;
  let clean: ReturnType<typeof workspace>;
  beforeAll(async () => {
    world = await startWorld();
    killed = workspace(world, 'killed');
    clean = workspace(world, 'clean');
    for (const ws of [killed, clean]) {
      await addTopic(ws.env, ws.out);
      expect((await refresh(ws.env)).status).toBe('built');
    }
    publishChanges(world);
  });
  afterAll(async () => {
    await world.server.close();
    await world.standIn.close();
    killed.cleanup();
    clean.cleanup();
  });

  it('refuses a concurrent refresh (exit 3), and a rerun after SIGKILL ends where an uninterrupted refresh does', async () => {
    const uninterrupted = await refresh(clean.env);
    expect(uninterrupted.status).toBe('updated');

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    world.onPdf = async () => {
      reached();
      await held;
    };
    const child = spawnLitmus(['refresh', 'reading-tools'], { env: killed.env });
    await midway; // the child is fetching a new paper's PDF, well inside its refresh

    const concurrent = await runLitmus(['refresh', 'reading-tools'], killed.env);
    expect(concurrent.code).toBe(3);
    expect(concurrent.stderr).toMatch(/^error: topic "reading-tools" is being refreshed by process \d+/);
    expect(concurrent.stderr.trim().split('\n')).toHaveLength(1);

    child.child.kill('SIGKILL');
    const ended = await child.done;
    expect(ended.code).not.toBe(0);
    world.onPdf = null;
    release();

    // The dead process's lock is taken over; the rerun redoes the same window.
    const rerun = await runLitmus(['--json', 'refresh', 'reading-tools'], killed.env);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('took over the lock of process');
    const summary = JSON.parse(rerun.stdout) as RefreshSummary;
    expect(summary).toMatchObject({
      status: 'updated',
      new_papers: uninterrupted.new_papers,
      new_versions: uninterrupted.new_versions,
      new_claims: uninterrupted.new_claims,
      changed_verdicts: uninterrupted.changed_verdicts,
    });
    expect(await finalState(killed.env.LITMUS_DB)).toEqual(await finalState(clean.env.LITMUS_DB));
    const diffOf = (ws: typeof clean) => {
      const diff = JSON.parse(readFileSync(join(ws.out, 'diff.json'), 'utf8')) as TopicDiff;
      return { ...diff, previous_refresh: '', refreshed_at: '' };
    };
    expect(diffOf(killed)).toEqual(diffOf(clean));

    // The killed run is on record as failed, not left running.
    const runs = JSON.parse((await runLitmus(['--json', 'runs', '--topic', 'reading-tools'], killed.env)).stdout) as {
      command: string;
      status: string;
    }[];
    expect(runs.some((r) => r.status === 'running')).toBe(false);
    expect(runs.filter((r) => r.command === 'refresh').map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);

    // And a further refresh has nothing left to do.
    expect((await refresh(killed.env)).status).toBe('no_changes');
  });

  it('watch --once runs only topics whose schedule fired since their last refresh', async () => {
    const idle = await runLitmus(['watch', '--once', '--timezone', 'UTC'], killed.env);
    expect(idle.code).toBe(0);
    expect(idle.stderr).toContain('reading-tools: not due until');
    expect(idle.stdout).toContain('0 refresh(es)');
    // Pretend the watcher was down for two days: the missed 06:00 run is caught up once.
    const store = openSqliteStore(killed.env.LITMUS_DB);
    store.db
      .prepare('UPDATE topics SET last_refresh_at = ? WHERE name = ?')
      .run(new Date(Date.now() - 2 * 86_400_000).toISOString(), 'reading-tools');
    await store.close();
    const caughtUp = await runLitmus(['watch', '--once', '--timezone', 'UTC'], killed.env);
    expect(caughtUp.code).toBe(0);
    expect(caughtUp.stderr).toMatch(/refresh reading-tools \(missed the run at .*T06:00:00\.000Z\)/);
    expect(caughtUp.stderr).toContain('refresh reading-tools: topic reading-tools: no changes');
    expect(caughtUp.stdout).toContain('1 refresh(es), 0 failed');
  });

  it('watch runs in the foreground until SIGTERM, then stops cleanly', async () => {
    const watcher = spawnLitmus(['watch', '--timezone', 'UTC'], { env: killed.env });
    let stderr = '';
    await new Promise<void>((resolve) => {
      watcher.child.stderr!.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('scheduled "0 6 * * *"')) resolve();
      });
    });
    watcher.child.kill('SIGTERM');
    const ended = await watcher.done;
    expect(ended.code).toBe(0);
    expect(ended.stderr).toContain('SIGTERM received');
    expect(ended.stdout).toContain('watch stopped');
  });
});
