import { type Command, Option } from 'commander';
import { CITATION_STYLES, type CitationStyle } from '../../report/references/render-references.ts';
import { matchExperimentsFromStore } from '../../pipeline/match-experiments.ts';
import { REPORT_STAGES, type ReportStage } from '../../pipeline/report/report-types.ts';
import { runReport } from '../../pipeline/report/run-report.ts';
import { defaultReportDir } from '../../pipeline/run-folder.ts';
import type { EngineName } from '../../config/schema.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { DETACH_HELP, detach, inReservedRun, runIdOption } from './detach.ts';
import { litmusVersion } from '../version.ts';
import { engineOption } from './engine-option.ts';
import { integerInRange, parsePositiveInt, parsePositiveNumber, parseProbability } from './parse-options.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerReportCommand(program: Command, context: CliContext): void {
  program
    .command('report')
    .description('from a research question to a scored, checkable literature report')
    .argument('<question>', 'the research question')
    .option('--max-papers <n>', 'papers to include at most (default: config report.maxPapers, 20)', integerInRange(1, 10_000))
    .option('--query <query>', 'arXiv query to run instead of the planned ones (repeatable)', collect)
    .option('--paper <id|file>', 'an arXiv id or a local file to include (repeatable)', collect)
    .option('--threshold <x>', 'screening relevance threshold, 0–1 (default: config report.threshold, 0.2)', parseProbability)
    .option(
      '--claim-threshold <x>',
      'claims less relevant than this stay out of the main table (default: config report.claimThreshold, 0.25)',
      parseProbability,
    )
    .option('--per-query <n>', 'records to ask of each query (default: config report.perQuery, 25)', parsePositiveInt)
    .option(
      '--claims-per-paper <n>',
      'claims beyond each paper’s headline findings, at most; headline findings are always kept (default: config report.claimsPerPaper, 12)',
      parsePositiveInt,
    )
    .addOption(engineOption())
    .addOption(
      new Option('--from <stage>', 'resume from this stage, reusing the saved earlier ones').choices([
        ...REPORT_STAGES,
      ]),
    )
    .option('--expand', 'snowball through Semantic Scholar references and citations')
    .option('--refresh', 'ignore cached search responses')
    .addOption(
      new Option('--source <where>', 'where to look for papers (default: config `sources`, else all)').choices([
        'all',
        'library',
        'arxiv',
      ]),
    )
    .addOption(
      new Option('--style <style>', 'citation style of the reference list (default: config `style`, else apa)').choices(
        CITATION_STYLES,
      ),
    )
    .option('--out <dir>', 'output folder (default reports/<question-slug>-<hash>)')
    .option('--force', 'write into --out even if it holds the report of another question')
    .option('--budget <usd>', 'LLM engine: stop cleanly before spending more than this', parsePositiveNumber)
    .option('--detach', DETACH_HELP)
    .addOption(runIdOption())
    .action(async (question: string, flags: ReportFlags) => {
      const workspace = await openWorkspace(context);
      const { config, store } = workspace;
      const output = context.output;
      if (flags.detach) return detach(context, store, { command: 'report', args: [question] });
      // A detached run that cannot start is recorded as failed, not left running.
      const engines = await inReservedRun(store, flags.runId, () =>
        workspace.engines(flags.engine, { budgetUsd: flags.budget }),
      );
      const defaults = config.report;
      const outDir = flags.out ?? defaultReportDir(question);
      const result = await runReport(
        {
          question,
          queries: flags.query,
          papers: flags.paper,
          maxPapers: flags.maxPapers ?? defaults.maxPapers,
          threshold: flags.threshold ?? defaults.threshold,
          claimThreshold: flags.claimThreshold ?? defaults.claimThreshold,
          perQuery: flags.perQuery ?? defaults.perQuery,
          claimsPerPaper: flags.claimsPerPaper ?? defaults.claimsPerPaper,
          expand: Boolean(flags.expand),
          refresh: Boolean(flags.refresh),
          outDir,
          from: flags.from,
          source: flags.source ?? config.sources,
          force: Boolean(flags.force),
          style: flags.style ?? config.style,
        },
        {
          ...(flags.runId ? { runId: flags.runId } : {}),
          store,
          config,
          http: workspace.http,
          arxiv: workspace.arxiv(),
          s2: flags.expand ? workspace.semanticScholar() : undefined,
          sources: workspace.sources,
          engines,
          litmusVersion,
          matchExperiment: await matchExperimentsFromStore(store),
          log: output.info,
          warn: output.warn,
          progress: (total, label) => output.progress(total, label),
        },
      );
      // A partial report is written, but some source failed: exit 1, like any command whose work partly failed.
      if (result.status === 'partial') context.setExitCode(1);
      const summary = {
        status: result.status,
        out_dir: result.outDir,
        files: result.files,
        evidence_grade: result.model.answer.evidence_grade,
        answer: result.model.answer.summary,
        counts: result.model.counts,
        claims: result.model.claims.length,
        http_requests: result.httpRequests,
        timings_ms: result.timings,
      };
      output.result(summary, (s) =>
        [
          `report written to ${s.out_dir}${s.status === 'partial' ? ' (partial: some sources failed, see its method)' : ''}`,
          `answer (${s.evidence_grade} evidence): ${s.answer}`,
          `papers included: ${s.counts.included} of ${s.counts.identified} identified; claims: ${s.claims}`,
        ].join('\n'),
      );
    });
}

interface ReportFlags {
  style?: CitationStyle;
  maxPapers?: number;
  query?: string[];
  paper?: string[];
  threshold?: number;
  claimThreshold?: number;
  perQuery?: number;
  claimsPerPaper?: number;
  engine?: EngineName;
  from?: ReportStage;
  expand?: boolean;
  refresh?: boolean;
  out?: string;
  budget?: number;
  source?: 'all' | 'library' | 'arxiv';
  force?: boolean;
  detach?: boolean;
  runId?: number;
}
