import { statSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { EngineName } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { parsePaperFile } from '../../pipeline/audit/resolve-references.ts';
import { AUDIT_STAGES, type AuditStage, runAudit } from '../../pipeline/audit/run-audit.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';
import { litmusVersion } from '../version.ts';
import { DETACH_HELP, detach, inReservedRun, runIdOption } from './detach.ts';
import { engineOption } from './engine-option.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface AuditFlags {
  paper?: string[];
  engine?: EngineName;
  out?: string;
  from?: AuditStage;
  detach?: boolean;
  runId?: number;
}

/**
 * `litmus audit <document>`: re-verifies the claims of a report or paper against the papers it cites.
 * Exit 0 whenever the audit completes, whatever it finds; 1 when the document cannot be read, or when
 * the audit is partial (on Postgres, a worker's look-up of a cited paper failed after its retries).
 */
export function registerAuditCommand(program: Command, context: CliContext): void {
  program
    .command('audit')
    .description("re-verify a report's or paper's claims against the papers it cites")
    .argument('<document>', 'the report or paper to audit (Markdown, text, HTML or PDF)')
    .option(
      '--paper <id=file>',
      'a local file for a cited paper; the id may be an arXiv id, a DOI, an ACL Anthology id or URL, an OpenReview URL, a URL or a reference number, e.g. 2401.00001=paper.pdf (repeatable)',
      collect,
    )
    .addOption(engineOption('verification engine'))
    .option('--out <dir>', 'output folder (default reports/audit-<document-slug>)')
    .addOption(
      new Option('--from <stage>', 'resume from this stage, reusing the saved earlier ones').choices([...AUDIT_STAGES]),
    )
    .option('--detach', DETACH_HELP)
    .addOption(runIdOption())
    .action(async (document: string, flags: AuditFlags) => {
      const papers = (flags.paper ?? []).map(parsePaperFile);
      const workspace = await openWorkspace(context);
      const output = context.output;
      if (flags.detach) {
        // A document that is not there is an error now, not a failed run in the background.
        if (!statSync(document, { throwIfNoEntry: false })?.isFile()) {
          throw new LitmusError('E_AUDIT_UNREADABLE', `cannot read ${document}: no such file`, {
            hint: 'give the path of a Markdown, text, HTML or PDF document',
          });
        }
        return detach(context, workspace.store, { command: 'audit', args: [document] });
      }
      const run = await inReservedRun(workspace.store, flags.runId, async () =>
        runAudit(
          { document, papers, outDir: flags.out, from: flags.from },
          {
            ...(flags.runId !== undefined ? { runId: flags.runId } : {}),
            store: workspace.store,
            config: workspace.config,
            http: workspace.http,
            engines: await workspace.engines(flags.engine),
            litmusVersion,
            log: output.verbose,
            warn: output.warn,
            progress: (total, label) => output.progress(total, label),
          },
        ),
      );
      if (run.status === 'partial') context.setExitCode(1);
      const summary = {
        status: run.status,
        run_id: run.runId,
        out_dir: run.outDir,
        files: run.files,
        document: run.audit.document,
        question: run.audit.question ?? null,
        engine: run.audit.engine,
        ...run.audit.summary,
        findings_by_kind: countBy(run.audit.findings.map((f) => f.kind)),
      };
      output.result(summary, (s) =>
        [
          `audit written to ${s.out_dir}${s.status === 'partial' ? ' (partial: some cited papers could not be looked up, see the warnings)' : ''}`,
          `claims: ${s.claims} — upheld ${s.upheld}, overturned ${s.overturned}, unverifiable ${s.unverifiable}`,
          `findings: ${s.findings}${
            Object.keys(s.findings_by_kind).length > 0
              ? ` (${Object.entries(s.findings_by_kind)
                  .map(([k, n]) => `${k.replaceAll('_', ' ')} ${n}`)
                  .join(', ')})`
              : ''
          }`,
          `references resolved: ${s.references_resolved} of ${s.references}`,
          `independent support: ${s.independently_supported ?? 0} backed by another paper, ${s.source_only ?? 0} on their source's word alone, ${s.contradicted_elsewhere ?? 0} contradicted elsewhere`,
        ].join('\n'),
      );
    });
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
