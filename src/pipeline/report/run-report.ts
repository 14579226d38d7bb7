import { configSnapshot } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { renderHtml } from '../../report/render-html.ts';
import { renderJson } from '../../report/render-json.ts';
import { CHART_FILES, renderMarkdown } from '../../report/render-markdown.ts';
import { checkReportGuards } from '../../report/report-guards.ts';
import type { ReportExperiment, ReportModel } from '../../report/report-model.ts';
import { renderReferenceFiles } from '../../report/references/render-references.ts';
import { validateReport } from '../../report/validate-report.ts';
import { createCrossrefClient } from '../../sources/crossref/crossref-client.ts';
import type { ArxivSource } from '../../sources/arxiv/arxiv-source.ts';
import { createSourceRegistry, type SourceRegistry } from '../../sources/registry.ts';
import type { SemanticScholarSource } from '../../sources/semantic-scholar/s2-source.ts';
import type { Store } from '../../store/store.ts';
import { screenRecords } from '../../selection/screen-records.ts';
import { checkPapers } from '../check-integrity.ts';
import type { Engines } from '../engines.ts';
import { distributedAssess, distributedRetrieve } from '../jobs/distribute.ts';
import { claimReportFolder, RunFolder } from '../run-folder.ts';
import { assessClaims } from './assess.ts';
import { buildReportModel } from './build-report-model.ts';
import { identifyRecords, reportSources } from './identify.ts';
import { answerExclusions, citesExcluded, withPaperChecks } from './paper-checks.ts';
import {
  type IdentifyArtifact,
  REPORT_STAGES,
  type ReportOptions,
  type ReportStage,
  type RetrieveArtifact,
  type ScreenArtifact,
} from './report-types.ts';
import { planReport } from './plan.ts';
import { retrieveFullTexts } from './retrieve.ts';
import { judgeSources, type ReportRunStatus, withRunStatus } from './run-status.ts';
import { synthesizeAnswer } from './synthesize-answer.ts';

/** Per-item progress of a long stage (a bar on a terminal, a line per item otherwise). */
export interface StageProgress {
  tick(item?: string): void;
  done(): void;
}

export interface ReportDeps {
  /** A run already in the ledger (reserved by `report --detach`); default: a new one. */
  runId?: number;
  store: Store;
  config: Config;
  http: HttpClient;
  arxiv: ArxivSource;
  s2?: SemanticScholarSource;
  /** Every configured paper source and full-text finder; default: built from the config around `arxiv`/`s2`. */
  sources?: SourceRegistry;
  engines: Engines;
  litmusVersion: string;
  matchExperiment?: (claimText: string) => ReportExperiment | null;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Progress over `total` items (null when unknown until the end). */
  progress?: (total: number | null, label: string) => StageProgress;
  now?: () => Date;
}

export interface ReportRunResult {
  /** ok, or partial: some source failed, the report says so. (A failed run throws.) */
  status: Exclude<ReportRunStatus, 'failed'>;
  outDir: string;
  files: string[];
  model: ReportModel;
  timings: Record<string, number>;
  httpRequests: number;
}

/**
 * `litmus report`: plan → identify → screen → retrieve → assess → synthesize → render. Each stage
 * leaves its output in the run folder; `--from <stage>` reloads the earlier ones and resumes there.
 * Guards run before any report file is written: a failed guard writes nothing.
 */
export async function runReport(options: ReportOptions, deps: ReportDeps): Promise<ReportRunResult> {
  const folder = new RunFolder(options.outDir);
  const claimed = claimReportFolder(options.outDir, options.question, options.force ?? false);
  if (claimed === 'replace' && !options.from && !options.topic) {
    deps.log(`replacing the earlier report of this question in ${options.outDir}`);
  }
  const progress = deps.progress ?? (() => ({ tick() {}, done() {} }));
  const fromIndex = options.from ? REPORT_STAGES.indexOf(options.from) : 0;
  const timings: Record<string, number> = {};
  const requestsBefore = deps.http.requestCount;
  const runId =
    deps.runId ??
    (await deps.store.runs.start('report', [options.question], configSnapshot(deps.config), options.topic));

  async function stage<T>(name: ReportStage, run: () => Promise<T> | T): Promise<T> {
    const index = REPORT_STAGES.indexOf(name);
    if (index < fromIndex) return folder.readStage<T>(index, name);
    const start = performance.now();
    deps.log(`stage ${index + 1}/${REPORT_STAGES.length}: ${name}`);
    const value = await run();
    timings[name] = Math.round(performance.now() - start);
    folder.writeStage(index, name, value);
    return value;
  }

  try {
    const plan = await stage('plan', () => planReport(options, deps));
    const sources = reportSources(options, deps.config.offline);
    if (sources.arxiv) for (const query of plan.queries) deps.log(`  query: ${query}`);
    else deps.log(`  the local library is the only source (${deps.config.offline ? 'offline' : '--source library'})`);

    const registry =
      deps.sources ??
      createSourceRegistry({ http: deps.http, config: deps.config, warn: deps.warn }, [
        deps.arxiv,
        ...(deps.s2 ? [deps.s2] : []),
      ]);
    const identify = await stage('identify', () =>
      identifyRecords(plan, options, {
        store: deps.store,
        config: deps.config,
        arxiv: deps.arxiv,
        s2: deps.s2,
        sources: registry,
        warn: deps.warn,
      }),
    );
    const outcome = judgeSources(identify);
    if (outcome.status === 'failed') {
      const line = outcome.failure!;
      throw new LitmusError('E_NO_SOURCE', line.startsWith('no network') ? line : `every search failed: ${line}`, {
        hint: line.startsWith('no network')
          ? undefined
          : 'try again later, or use --offline to work from the local library',
      });
    }
    if (outcome.status === 'partial') deps.warn(`partial run: ${outcome.failures.join('; ')}`);
    const screen = await stage(
      'screen',
      (): ScreenArtifact => ({
        decisions: screenRecords(options.question, identify.records, {
          maxPapers: options.maxPapers,
          threshold: options.threshold,
          pinned: new Set(identify.pinned),
        }),
      }),
    );
    const includedRecords = screen.decisions
      .filter((d) => d.included)
      .map((d) => identify.records.find((r) => r.id === d.id)!)
      .filter(Boolean);
    const retrieve = await stage('retrieve', async () => {
      // On Postgres the per-paper work goes to `litmus worker`s (null: run it here).
      const distributed = await distributedRetrieve(includedRecords, deps);
      if (distributed) return distributed;
      const bar = progress(includedRecords.length, 'retrieve');
      try {
        return await retrieveFullTexts(includedRecords, {
          store: deps.store,
          config: deps.config,
          http: deps.http,
          warn: deps.warn,
          sources: registry,
          onProgress: (id, outcome) => bar.tick(`${id} (${outcome})`),
        });
      } finally {
        bar.done();
      }
    });
    const assess = await stage('assess', async () => {
      const distributed = await distributedAssess(retrieve.retrieved, options, deps);
      if (distributed) return distributed;
      // Extraction ticks once per paper; verification and cross-checking once per claim, each phase
      // with its own count (known when it starts) and ETA.
      let bar = progress(retrieve.retrieved.length, 'extract claims');
      try {
        return await assessClaims(retrieve.retrieved, options, {
          store: deps.store,
          engines: deps.engines,
          matchExperiment: deps.matchExperiment,
          onPhase: (phase, total) => {
            bar.done();
            bar = progress(total, phase);
          },
          onProgress: (label) => bar.tick(label.replace(/^claims /, '')),
        });
      } finally {
        bar.done();
      }
    });
    // Work between stages is timed too (not resumable with --from, so not a stage): run.json's
    // timings then account for all of the report's own work, and what is left is start-up and exit.
    let stepStart = performance.now();
    const papers: Paper[] = [];
    const fullTexts = new Map<string, string | undefined>();
    for (const id of retrieve.retrieved) {
      const paper = await deps.store.papers.get(id);
      if (paper) papers.push(paper);
      if (paper) fullTexts.set(id, (await deps.store.documents.latest(id))?.fullText);
    }
    // Retractions, withdrawals, venue and language of every included paper (Crossref answers are cached).
    const checks = await checkPapers(papers, {
      crossref: createCrossrefClient({ http: deps.http, config: deps.config }),
      fullTextOf: (paperId) => fullTexts.get(paperId),
      warn: deps.warn,
    });
    const excluded = answerExclusions(checks);
    timings.checks = Math.round(performance.now() - stepStart);
    let synthesize = await stage('synthesize', () =>
      synthesizeAnswer(options.question, plan, assess, papers, deps, excluded),
    );
    // A resumed run's saved answer may predate a retraction: it is written again without those claims.
    if (citesExcluded(synthesize, assess, excluded)) {
      synthesize = await synthesizeAnswer(options.question, plan, assess, papers, deps, excluded);
    }

    stepStart = performance.now();
    const generatedAt = (deps.now?.() ?? new Date()).toISOString();
    const built = buildReportModel({
      options,
      plan,
      identify,
      screen,
      retrieve,
      assess,
      synthesize,
      papers,
      engines: deps.engines,
      generatedAt,
      litmusVersion: deps.litmusVersion,
      arxivBase: deps.config.arxiv.base,
      runId,
      offline: deps.config.offline,
    });
    const model = await withPaperChecks(
      withRunStatus(built, outcome, plan, identify, {
        offline: deps.config.offline,
        pinnedReason: options.papers?.length ? (options.pinnedReason ?? 'papers given with --paper') : undefined,
      }),
      checks,
      excluded,
      options.style ?? deps.config.style,
    );
    timings.model = Math.round(performance.now() - stepStart); // the reference list's CSL style is built here

    const files = await stage('render', async () => {
      const texts = new Map<string, string | undefined>();
      for (const id of new Set(model.claims.flatMap((claim) => claim.evidence.map((e) => e.paper_id)))) {
        texts.set(id, (await deps.store.documents.latest(id))?.fullText);
      }
      const failures = checkReportGuards(model, (paperId) => texts.get(paperId));
      const validation = validateReport(JSON.parse(renderJson(model)));
      if (!validation.valid) failures.push(...validation.errors.map((e) => `report.json schema: ${e}`));
      if (failures.length > 0) {
        throw new LitmusError(
          'E_GUARD',
          `report guard failed: ${failures[0]}${failures.length > 1 ? ` (+${failures.length - 1} more)` : ''}`,
          {
            hint: 'this is a litmus bug: nothing was written; please report it with the run folder',
          },
        );
      }
      // vega and vega-lite take ~0.3 s to load: only once a report is rendered (a failed or resumed run
      // that stops earlier never pays it), and inside the stage that uses them.
      const { renderCharts } = await import('../../report/render-charts.ts');
      const charts = await renderCharts(model);
      const references = await renderReferenceFiles(model.papers);
      const written = [
        folder.write('report.md', renderMarkdown(model, charts)),
        folder.write('report.html', renderHtml(model, charts)),
        folder.write('report.json', renderJson(model)),
        ...Object.entries(references).map(([name, text]) => folder.write(name, text)),
        folder.write(CHART_FILES.verdicts, charts.verdicts),
        folder.write(CHART_FILES.confidence, charts.confidence),
        folder.write(CHART_FILES.years, charts.years),
      ];
      return written;
    });

    const httpRequests = deps.http.requestCount - requestsBefore;
    const usage = deps.engines.usage();
    folder.write(
      'run.json',
      `${JSON.stringify(
        {
          run_id: runId,
          question: options.question,
          status: outcome.status,
          sources: outcome.sources,
          failures: outcome.failures,
          generated_at: generatedAt,
          litmus_version: deps.litmusVersion,
          engine: deps.engines.kind,
          model: deps.engines.model,
          prompts: deps.engines.prompts,
          extractor: deps.engines.extractor.name,
          verifier: deps.engines.verifier.name,
          corpus_snapshot: assess.corpus_snapshot,
          counts: model.counts,
          claims: model.claims.length,
          timings_ms: timings,
          http_requests: httpRequests,
          llm: usage,
          options: { ...options, outDir: undefined },
          config: configSnapshot(deps.config),
        },
        null,
        2,
      )}\n`,
    );
    await deps.store.runs.finish(runId, outcome.status, {
      outDir: options.outDir,
      ...(outcome.failures.length > 0 ? { failures: outcome.failures } : {}),
      counts: model.counts,
      claims: model.claims.length,
      httpRequests,
    });
    return {
      status: outcome.status,
      outDir: options.outDir,
      files: [...files, `${options.outDir}/run.json`],
      model,
      timings,
      httpRequests,
    };
  } catch (error) {
    await deps.store.runs.finish(runId, 'failed', { error: (error as Error).message });
    throw error;
  }
}

export type { IdentifyArtifact, RetrieveArtifact };
