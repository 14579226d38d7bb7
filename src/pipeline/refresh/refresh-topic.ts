import { configSnapshot } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import { LitmusError, toLitmusError, usageError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import type { SourceRegistry } from '../../sources/registry.ts';
import type { Store } from '../../store/store.ts';
import { emptyTopicState, type Topic, type TopicState } from '../../store/topics.ts';
import { invalidPlanWarning, planQueries } from '../../selection/plan-queries.ts';
import type { Engines } from '../engines.ts';
import type { IdentifyArtifact, ReportOptions } from '../report/report-types.ts';
import { runReport } from '../report/run-report.ts';
import { RunFolder } from '../run-folder.ts';
import { computeTopicDiff, renderDiffMarkdown, type TopicDiff, workOf } from './diff.ts';
import { lockTopic, type ProcessIdentity, thisProcess } from './topic-lock.ts';
import { topicReportDir } from './topic-files.ts';
import { type ClassifiedRecords, classifyRecords, stateFromReport } from './topic-state.ts';
import { refreshWindow, windowQuery, withCategories } from './window-query.ts';

export interface RefreshDeps {
  /** A run already in the ledger (reserved by `refresh --detach`); default: a new one. */
  runId?: number;
  store: Store;
  config: Config;
  http: HttpClient;
  arxiv: ArxivSource;
  /** Every configured source (the workspace's); default: built from the config around `arxiv`. */
  sources?: SourceRegistry;
  engines: Engines;
  litmusVersion: string;
  log: (line: string) => void;
  warn: (line: string) => void;
  now?: () => Date;
  identity?: ProcessIdentity;
}

export interface RefreshOptions {
  /** Overrides the topic's own --max-papers for this refresh. */
  maxPapers?: number;
  /** How far before the last refresh a window starts (arXiv announces versions late). Default 72 h. */
  lookbackHours?: number;
  /** Records asked of each windowed query. */
  windowMax?: number;
}

export type RefreshStatus = 'built' | 'updated' | 'no_changes';

/** What `litmus refresh --json` prints for one topic. */
export interface RefreshSummary {
  topic: string;
  status: RefreshStatus;
  run_id: number;
  new_papers: number;
  new_versions: number;
  new_claims: number;
  changed_verdicts: number;
  withdrawn: number;
  http_requests: number;
  llm_calls: number;
  duration_ms: number;
  /** The report folder when the report was (re)written, else null. */
  report: string | null;
  /** The diff when there was one, with where it was written. */
  diff: (TopicDiff & { files: string[] }) | null;
}

/**
 * `litmus refresh <topic>`: the first refresh builds the report from the topic's queries; later ones
 * ask arXiv only for what changed since the last successful refresh, hand the new records and the
 * topic's included papers (pinned) to the report pipeline, and write diff.md/diff.json. The topic's
 * state and watermark move in one statement at the very end, so a refresh killed anywhere and rerun
 * ends where an uninterrupted one would. One refresh per topic at a time (lock; exit 3 when busy).
 */
export async function refreshTopic(name: string, options: RefreshOptions, deps: RefreshDeps): Promise<RefreshSummary> {
  const started = performance.now();
  const { store } = deps;
  const topic = await store.topics.get(name);
  if (!topic)
    throw usageError(
      'E_TOPIC_UNKNOWN',
      `no topic "${name}"`,
      'add it with `litmus topic add` or list them with `litmus topic list`',
    );
  const lock = await lockTopic(store, name, deps.identity ?? thisProcess());
  try {
    if (lock.takenOverFrom) {
      const { pid, host, acquiredAt } = lock.takenOverFrom;
      await store.runs.failInterrupted(
        name,
        `interrupted: process ${pid} on ${host} died (lock from ${acquiredAt} taken over)`,
      );
      // That marks every running run of the topic, this one's reserved run too: it is running again.
      if (deps.runId !== undefined) await store.runs.finish(deps.runId, 'running', null);
      deps.warn(
        `topic "${name}": took over the lock of process ${pid}, which is no longer running; redoing its refresh`,
      );
    }
    const now = deps.now?.() ?? new Date();
    const requestsBefore = deps.http.requestCount;
    const llmBefore = deps.engines.usage().calls;
    const runId = deps.runId ?? (await store.runs.start('refresh', [name], configSnapshot(deps.config), name));
    try {
      const outcome =
        topic.lastRefreshAt === null
          ? await firstRefresh(topic, options, deps, now)
          : await incrementalRefresh(topic, options, deps, now);
      const summary: RefreshSummary = {
        topic: name,
        status: outcome.status,
        run_id: runId,
        new_papers: outcome.diff?.new_papers.length ?? 0,
        new_versions: outcome.diff?.new_versions.length ?? 0,
        new_claims: outcome.diff?.new_claims.length ?? 0,
        changed_verdicts: outcome.diff?.changed_verdicts.length ?? 0,
        withdrawn: outcome.diff?.withdrawn.length ?? 0,
        http_requests: deps.http.requestCount - requestsBefore,
        llm_calls: deps.engines.usage().calls - llmBefore,
        duration_ms: Math.round(performance.now() - started),
        report: outcome.reportDir,
        diff: outcome.diff ? { ...outcome.diff, files: outcome.diffFiles } : null,
      };
      // The one commit point: the topic's new state, its watermark and the run's outcome together.
      await store.transaction(async (tx) => {
        await tx.topics.commitRefresh(name, outcome.state, now.toISOString());
        await tx.runs.finish(runId, outcome.partial ? 'partial' : 'ok', {
          ...summary,
          diff: summary.diff?.files ?? null,
        });
      });
      return summary;
    } catch (error) {
      await store.runs.finish(runId, 'failed', { error: toLitmusError(error).toLine() });
      throw error;
    }
  } finally {
    await lock.release();
  }
}

interface Outcome {
  status: RefreshStatus;
  state: TopicState;
  diff: TopicDiff | null;
  diffFiles: string[];
  reportDir: string | null;
  /** The report was written but some source failed (see its method). */
  partial?: boolean;
}

function reportOptions(topic: Topic, options: RefreshOptions, queries: string[], config: Config): ReportOptions {
  return {
    question: topic.question,
    queries,
    // The flag, else the topic's own setting, else the config's `report` defaults.
    maxPapers: options.maxPapers ?? topic.options.maxPapers ?? config.report.maxPapers,
    threshold: topic.options.threshold ?? config.report.threshold,
    claimThreshold: config.report.claimThreshold,
    perQuery: config.report.perQuery,
    claimsPerPaper: config.report.claimsPerPaper,
    expand: false,
    refresh: false,
    outDir: topicReportDir(config, topic),
    topic: topic.name,
  };
}

function reportDeps(deps: RefreshDeps) {
  return {
    store: deps.store,
    config: deps.config,
    http: deps.http,
    arxiv: deps.arxiv,
    sources: deps.sources,
    engines: deps.engines,
    litmusVersion: deps.litmusVersion,
    log: deps.log,
    warn: deps.warn,
    now: deps.now,
  };
}

/**
 * The topic's base queries: given ones, else planned once (by the LLM engine when it plans, falling
 * back to the embedded planner when its plan is invalid) and kept.
 */
async function baseQueries(topic: Topic, engines: Engines, warn: (line: string) => void): Promise<string[]> {
  if (topic.queries.length > 0) return topic.queries;
  if (engines.planQueries) {
    const queries = await engines.planQueries(topic.question);
    if (queries.length > 0) return queries;
    warn(`topic ${topic.name}: ${invalidPlanWarning(engines.model)}`);
  }
  return planQueries(topic.question).queries;
}

async function firstRefresh(topic: Topic, options: RefreshOptions, deps: RefreshDeps, now: Date): Promise<Outcome> {
  const queries = await baseQueries(topic, deps.engines, deps.warn);
  deps.log(
    `topic ${topic.name}: first refresh, building the report from ${queries.length} quer${queries.length === 1 ? 'y' : 'ies'}`,
  );
  const report = await runReport(
    reportOptions(
      topic,
      options,
      queries.map((q) => withCategories(q, topic.categories)),
      deps.config,
    ),
    reportDeps(deps),
  );
  const next = await stateFromReport(deps.store, report.outDir, report.model, queries, []);
  const outcome = await finishWithDiff(topic, emptyTopicState(), next, [], report.outDir, now, deps, 'built');
  return { ...outcome, partial: report.status === 'partial' };
}

async function incrementalRefresh(
  topic: Topic,
  options: RefreshOptions,
  deps: RefreshDeps,
  now: Date,
): Promise<Outcome> {
  const previous = topic.state;
  const queries = previous.queries.length > 0 ? previous.queries : await baseQueries(topic, deps.engines, deps.warn);
  const window = refreshWindow(topic.lastRefreshAt!, now, options.lookbackHours ?? 72);
  const found: Paper[] = [];
  const perQuery: IdentifyArtifact['per_query'] = [];
  for (const query of queries) {
    const windowed = windowQuery(query, topic.categories, window);
    deps.log(`  query: ${windowed}`);
    try {
      const records = await deps.arxiv.search(windowed, {
        max: options.windowMax ?? 100,
        sort: 'updated',
        refresh: true,
      });
      found.push(...records);
      perQuery.push({ query: windowed, source: 'arxiv', records: records.length });
    } catch (error) {
      // A window not searched must be searched again: fail before the watermark moves.
      throw new LitmusError(
        'E_REFRESH_SEARCH',
        `topic "${topic.name}": search "${windowed}" failed: ${toLitmusError(error).toLine()}`,
        {
          hint: 'nothing was committed; run the refresh again later',
          cause: error,
        },
      );
    }
  }
  const classified = classifyRecords(previous, found);
  if (isNothingNew(classified)) {
    return { status: 'no_changes', state: { ...previous, queries }, diff: null, diffFiles: [], reportDir: null };
  }
  deps.log(
    `topic ${topic.name}: ${classified.candidates.length} new record(s), ${classified.newVersions.length} new version(s), ${classified.withdrawn.length} withdrawn`,
  );
  // New versions replace the old ones as pinned papers; their metadata is stored so identify needs no look-up.
  for (const paper of classified.newVersions) await deps.store.papers.upsert(paper);
  const replaced = new Map(classified.newVersions.map((p) => [p.workId, p.id]));
  const gone = new Set(classified.withdrawn.map((p) => p.workId));
  const pinned = previous.included.filter((id) => !gone.has(workOf(id))).map((id) => replaced.get(workOf(id)) ?? id);
  const report = await runReport(
    {
      ...reportOptions(
        topic,
        options,
        queries.map((q) => withCategories(q, topic.categories)),
        deps.config,
      ),
      papers: pinned,
      pinnedReason: 'included in an earlier refresh of this topic',
      preidentified: { records: classified.candidates, per_query: perQuery },
    },
    reportDeps(deps),
  );
  const seen = [...classified.candidates, ...classified.newVersions, ...classified.withdrawn].map((p) => p.id);
  const next = await stateFromReport(deps.store, report.outDir, report.model, queries, [...previous.seen, ...seen]);
  const withdrawn = classified.withdrawn.map((paper) => ({
    id: paper.id,
    title: paper.title,
    reason: paper.comment ? `withdrawn: ${paper.comment}` : 'withdrawn by its authors',
  }));
  const outcome = await finishWithDiff(topic, previous, next, withdrawn, report.outDir, now, deps, 'updated');
  return { ...outcome, partial: report.status === 'partial' };
}

function isNothingNew(classified: ClassifiedRecords): boolean {
  return classified.candidates.length + classified.newVersions.length + classified.withdrawn.length === 0;
}

async function finishWithDiff(
  topic: Topic,
  previous: TopicState,
  next: TopicState,
  withdrawn: TopicDiff['withdrawn'],
  outDir: string,
  now: Date,
  deps: RefreshDeps,
  status: RefreshStatus,
): Promise<Outcome> {
  const titles: Record<string, string> = {};
  for (const id of new Set([...previous.included, ...next.included]))
    titles[id] = (await deps.store.papers.get(id))?.title ?? id;
  const diff = computeTopicDiff({
    topic: topic.name,
    previous,
    next,
    previousRefresh: topic.lastRefreshAt,
    refreshedAt: now.toISOString(),
    titles,
    withdrawn,
  });
  const folder = new RunFolder(outDir);
  const files = [
    folder.write('diff.md', renderDiffMarkdown(diff)),
    folder.write('diff.json', `${JSON.stringify(diff, null, 2)}\n`),
  ];
  return { status, state: next, diff, diffFiles: files, reportDir: outDir };
}
