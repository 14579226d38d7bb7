import { basename, extname, join } from 'node:path';
import type { DocumentFinding } from './document-types.ts';
import { parseAuditDocument } from './parse-audit-document.ts';
import { formatArxiv } from './references.ts';
import { configSnapshot } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { slugify } from '../../core/text.ts';
import type { Paper, Warning } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { AuditClaimJson, AuditJson, AuditReferenceJson, AuditSummary } from '../../report/audit/audit-json.ts';
import { renderAuditHtml } from '../../report/audit/render-audit-html.ts';
import { renderAuditMarkdown } from '../../report/audit/render-audit-markdown.ts';
import { validateAudit } from '../../report/audit/validate-audit.ts';
import type { Store } from '../../store/store.ts';
import { createCrossrefClient } from '../../sources/crossref/crossref-client.ts';
import type { Engines } from '../engines.ts';
import { EvidenceIndex } from '../evidence-index.ts';
import { PaperSelfNames } from '../paper-self-names.ts';
import { distributedCheck, distributedLookups } from '../jobs/distribute-audit.ts';
import { RunFolder } from '../run-folder.ts';
import { checkCitedIntegrity } from './check-cited-integrity.ts';
import { readAuditDocument } from './read-audit-document.ts';
import { type PaperFile, type ResolveArtifact, resolveReferences } from './resolve-references.ts';
import { checkClaim } from './verify-document-claims.ts';
import { tablesOf } from '../retrieve-evidence.ts';

export interface AuditInput {
  document: string;
  papers: PaperFile[];
  /** Output folder; default reports/audit-<document-slug>. */
  outDir?: string;
  /** Resume from this stage, reusing the earlier stages saved in the output folder. */
  from?: AuditStage;
}

/** The stages of an audit; each leaves its output in `<out>/stages/NN-<stage>.json`. */
export const AUDIT_STAGES = ['read', 'resolve', 'verify', 'check'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

type ReadArtifact = Awaited<ReturnType<typeof readAuditDocument>>;
interface CheckArtifact {
  references: AuditReferenceJson[];
  findings: DocumentFinding[];
}

export interface AuditDeps {
  /** A run already in the ledger (reserved by `audit --detach`); default: a new one. */
  runId?: number;
  store: Store;
  config: Config;
  http: HttpClient;
  engines: Engines;
  litmusVersion: string;
  now?: () => Date;
  log?: (line: string) => void;
  warn?: (line: string) => void;
  /** Progress over `total` items: the workers' jobs on Postgres, the claims being verified here. */
  progress?: (total: number | null, label: string) => { tick(item?: string): void; done(): void };
}

export interface AuditRun {
  /** ok, or partial: some look-up job failed after its retries (its references are unresolved). */
  status: 'ok' | 'partial';
  outDir: string;
  files: string[];
  audit: AuditJson;
  warnings: Warning[];
  /** Its entry in the run ledger (`litmus runs`). */
  runId: number;
}

export function defaultAuditDir(document: string): string {
  return join('reports', `audit-${slugify(basename(document, extname(document)), 60)}`);
}

/**
 * `litmus audit <document>`: read the document, find its claims and references, fetch (or take from
 * --paper files) the cited papers, verify every claim against them, and write audit.md, audit.html and
 * audit.json. Unresolvable references and overturned claims are results, not failures. Like a report,
 * an audit is a run: an entry in the ledger (failed when it throws) and a folder of stage outputs that
 * `--from <stage>` resumes from.
 */
export async function runAudit(input: AuditInput, deps: AuditDeps): Promise<AuditRun> {
  const outDir = input.outDir ?? defaultAuditDir(input.document);
  const folder = new RunFolder(outDir);
  const fromIndex = input.from ? AUDIT_STAGES.indexOf(input.from) : 0;
  const runId = deps.runId ?? (await deps.store.runs.start('audit', [input.document], configSnapshot(deps.config)));
  try {
    const run = await auditStages(input, deps, folder, fromIndex);
    const failures = run.failures;
    await deps.store.runs.finish(runId, run.status, {
      outDir,
      ...run.audit.summary,
      ...(failures.length ? { failures } : {}),
    });
    return { ...run, runId };
  } catch (error) {
    await deps.store.runs.finish(runId, 'failed', { error: (error as Error).message });
    throw error;
  }
}

async function auditStages(
  input: AuditInput,
  deps: AuditDeps,
  folder: RunFolder,
  fromIndex: number,
): Promise<Omit<AuditRun, 'runId'> & { failures: string[] }> {
  const warnings: Warning[] = [];
  const warn = (warning: Warning) => {
    warnings.push(warning);
    deps.warn?.(warning.message);
  };
  async function stage<T>(name: AuditStage, run: () => Promise<T>): Promise<T> {
    const index = AUDIT_STAGES.indexOf(name);
    if (index < fromIndex) return folder.readStage<T>(index, name);
    deps.log?.(`stage ${index + 1}/${AUDIT_STAGES.length}: ${name}`);
    const value = await run();
    folder.writeStage(index, name, value);
    return value;
  }
  const document = await stage(
    'read',
    (): Promise<ReadArtifact> => readAuditDocument(input.document, deps.config.maxBytes),
  );
  const layout = { title: document.title, inlineBullets: document.kind === 'pdf' };
  const first = parseAuditDocument(document.text, layout);
  deps.log?.(`${input.document}: ${first.claims.length} claims, ${first.references.length} references`);

  // On Postgres the fetching and the checking go to `litmus worker`s (null: done here).
  const distribute = { store: deps.store, config: deps.config, log: deps.log ?? (() => {}), progress: deps.progress };
  const {
    resolutions,
    extraPaperIds,
    failures = [],
  } = await stage(
    'resolve',
    (): Promise<ResolveArtifact> =>
      resolveReferences(first.references, input.papers, {
        store: deps.store,
        config: deps.config,
        http: deps.http,
        log: deps.log,
        lookups: distributedLookups(distribute) ?? undefined,
      }),
  );
  for (const line of failures) deps.warn?.(`partial audit: ${line}`);
  const paperOf = new Map(resolutions.map((r) => [r.key, r.paperId]));
  const corpus = [...new Set([...resolutions.flatMap((r) => (r.paperId ? [r.paperId] : [])), ...extraPaperIds])];

  // Second reading with the papers' words known, so a claim cut mid-word is recognised as such.
  const vocabulary = new Set<string>();
  for (const paperId of corpus) {
    const text = (await deps.store.documents.latest(paperId))?.fullText ?? '';
    for (const word of text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []) vocabulary.add(word);
  }
  const parsed = parseAuditDocument(document.text, { ...layout, vocabulary });

  const findings: DocumentFinding[] = [...parsed.findings];
  for (const resolution of resolutions) {
    if (resolution.paperId) continue;
    const reference = parsed.references.find((r) => r.key === resolution.key);
    findings.push({
      kind: 'unresolved_reference',
      reference: resolution.key,
      detail: `reference ${describeReference(resolution.key)} could not be read: ${resolution.error ?? 'unknown reason'}${reference ? ` ("${shorten(reference.raw)}")` : ''}`,
    });
  }

  const claims = await stage('verify', async () => {
    const distributed = await distributedCheck(
      parsed.claims,
      { paperOf, corpus },
      { ...distribute, engines: deps.engines, warn },
    );
    if (distributed) return distributed;
    const bar = deps.progress?.(parsed.claims.length, 'verify claims');
    const checked: AuditClaimJson[] = [];
    // Every claim's evidence is ranked over the same indexed passages, each paper indexed once.
    const index = new EvidenceIndex(deps.store);
    const selfNames = new PaperSelfNames(deps.store);
    try {
      for (const claim of parsed.claims) {
        checked.push(
          await checkClaim(claim, {
            store: deps.store,
            verifier: deps.engines.verifier,
            paperOf,
            corpus,
            warn,
            tablesOf: (id) => tablesOf(deps.store, [id]),
            index,
            selfNames,
          }),
        );
        const line = `claim ${claim.n}/${parsed.claims.length}: ${checked[checked.length - 1]!.verdict}`;
        if (bar) bar.tick(line);
        else deps.log?.(line);
      }
    } finally {
      bar?.done();
    }
    return checked;
  });

  const listed: AuditReferenceJson[] = parsed.references.map((r) => {
    const resolution = resolutions.find((x) => x.key === r.key);
    return {
      key: r.key,
      text: r.raw,
      arxiv_id: r.arxiv ? formatArxiv(r.arxiv) : null,
      doi: r.doi,
      ids: r.ids,
      title: r.title,
      paper_id: resolution?.paperId ?? null,
      resolved_by: resolution?.by ?? null,
      error: resolution?.paperId ? null : (resolution?.error ?? null),
    };
  });
  // Retracted or withdrawn cited papers are findings, with the claims that rest on them.
  const cited = await stage('check', async (): Promise<CheckArtifact> => {
    const citedPapers = new Map<string, Paper | undefined>();
    for (const { paper_id: id } of listed)
      if (id && !citedPapers.has(id)) citedPapers.set(id, await deps.store.papers.get(id));
    return checkCitedIntegrity(listed, claims, {
      crossref: createCrossrefClient({ http: deps.http, config: deps.config }),
      paper: (paperId) => citedPapers.get(paperId),
      warn: (message) => warn({ code: 'W_RETRACTION_CHECK', message }),
    });
  });
  const references = cited.references;
  findings.push(...cited.findings);
  const count = (status: string) => claims.filter((c) => c.status === status).length;
  const audit: AuditJson = {
    document: input.document,
    document_title: parsed.title,
    document_kind: document.kind,
    ...(parsed.question ? { question: parsed.question } : {}),
    ...(parsed.questionSource ? { question_source: parsed.questionSource } : {}),
    claims,
    references,
    findings: findings.map((f) => ({ ...f })),
    summary: {
      claims: claims.length,
      upheld: count('upheld'),
      overturned: count('overturned'),
      unverifiable: count('unverifiable'),
      findings: findings.length,
      references: references.length,
      references_resolved: references.filter((r) => r.paper_id !== null).length,
      ...independenceCounts(claims),
      truncated: claims.filter((c) => c.truncated).length,
      retracted_references: cited.findings.length,
    },
    engine: deps.engines.verifier.name,
    calibration: deps.engines.calibration,
    generated_at: (deps.now?.() ?? new Date()).toISOString(),
    litmus_version: deps.litmusVersion,
  };

  const validation = validateAudit(audit);
  if (!validation.valid) {
    throw new LitmusError(
      'E_AUDIT_INVALID',
      `audit.json would not match its schema: ${validation.errors.slice(0, 3).join('; ')}`,
      {
        hint: 'this is a bug in litmus; please report it with the document',
      },
    );
  }
  const outDir = folder.dir;
  const files = [
    folder.write('audit.json', `${JSON.stringify(audit, null, 2)}\n`),
    folder.write('audit.md', renderAuditMarkdown(audit)),
    folder.write('audit.html', renderAuditHtml(audit)),
  ];
  return { status: failures.length > 0 ? 'partial' : 'ok', outDir, files, audit, warnings, failures };
}

/** How many claims other papers back or contradict, and how many rest on their cited paper's word alone. */
export function independenceCounts(
  claims: AuditClaimJson[],
): Pick<AuditSummary, 'independently_supported' | 'source_only' | 'contradicted_elsewhere'> {
  const supports = (c: AuditClaimJson) =>
    c.independent.some((o) => o.verdict === 'SUPPORTED' || o.verdict === 'PARTIAL');
  const backed = (c: AuditClaimJson) => c.verdict === 'SUPPORTED' || c.verdict === 'PARTIAL';
  return {
    independently_supported: claims.filter(supports).length,
    source_only: claims.filter((c) => c.basis === 'cited' && backed(c) && !supports(c)).length,
    contradicted_elsewhere: claims.filter((c) => c.independent.some((o) => o.verdict === 'REFUTED')).length,
  };
}

function describeReference(key: string): string {
  return /^\d+$/.test(key) ? `[${key}]` : key;
}

function shorten(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
