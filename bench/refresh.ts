/**
 * Refresh benchmark: a topic is built once against a loopback arXiv (real PDFs), then refreshed with
 * nothing new. Figures: the no-op refresh's wall time (median of several) and the HTTP requests and
 * LLM calls it made (one search per query, no LLM call expected).
 */
import { join } from 'node:path';
import { createHttpClientFromConfig } from '../src/http/client-from-config.ts';
import { createEmbeddedEngines } from '../src/pipeline/embedded-engines.ts';
import { refreshTopic } from '../src/pipeline/refresh/refresh-topic.ts';
import { createArxivSource } from '../src/sources/arxiv/arxiv-source.ts';
import { openStore } from '../src/store/open-store.ts';
import { standInConfig } from '../test/support/arxiv-stand-in.ts';
import { startReportStandIn } from '../test/support/report-stand-in.ts';
import { makeTempDir } from '../test/support/temp-dir.ts';

const QUESTION = 'How can AI reading and writing support tools help researchers read scientific papers?';
const QUERIES = ['all:papers', 'all:summarization'];
const NOOP_RUNS = 5;

export async function benchRefresh(): Promise<Record<string, number>> {
  const standIn = await startReportStandIn(QUESTION, QUERIES);
  const { dir, cleanup } = makeTempDir('litmus-bench-refresh-');
  const config = standInConfig({ db: join(dir, 'corpus', 'litmus.db'), arxiv: { ...standIn.arxiv.endpoints, delayMs: 20 } });
  const store = await openStore(config.db);
  try {
    await store.topics.saveDefinition({
      name: 'bench',
      question: QUESTION,
      queries: QUERIES,
      categories: [],
      schedule: null,
      options: { maxPapers: 4, outDir: join(dir, 'report') },
    });
    const refresh = () => {
      const http = createHttpClientFromConfig(store, config);
      return refreshTopic('bench', {}, {
        store,
        config,
        http,
        arxiv: createArxivSource({ http, config }),
        engines: createEmbeddedEngines(),
        litmusVersion: 'bench',
        log: () => {},
        warn: () => {},
      });
    };
    const build = await refresh();
    const durations: number[] = [];
    let requests = 0;
    let llmCalls = 0;
    for (let i = 0; i < NOOP_RUNS; i += 1) {
      const before = standIn.arxiv.requests.length;
      const start = performance.now();
      const result = await refresh();
      durations.push(performance.now() - start);
      if (result.status !== 'no_changes') throw new Error(`no-op refresh found changes: ${result.status}`);
      requests = Math.max(requests, standIn.arxiv.requests.length - before);
      llmCalls = Math.max(llmCalls, result.llm_calls);
    }
    durations.sort((a, b) => a - b);
    return {
      queries: QUERIES.length,
      first_build_ms: build.duration_ms,
      first_build_requests: build.http_requests,
      noop_refresh_ms_median: Math.round(durations[Math.floor(durations.length / 2)]!),
      noop_refresh_ms_max: Math.round(durations.at(-1)!),
      noop_refresh_requests: requests,
      noop_refresh_llm_calls: llmCalls,
    };
  } finally {
    await store.close();
    await standIn.close();
    cleanup();
  }
}
