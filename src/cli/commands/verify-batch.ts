import { existsSync, readFileSync } from 'node:fs';
import { usageError } from '../../core/errors.ts';
import { chooseEngine } from '../../pipeline/engine-registry.ts';
import { verifyBatchWith } from '../../pipeline/verify-batch-llm.ts';
import { writeTextFile } from '../../pipeline/write-text-file.ts';
import { formatPredictionsJsonl, parseClaimsJsonl, parseCorpusJsonl, verifyBatch } from '../../verify/batch.ts';
import type { CliContext } from '../context.ts';
import { openWorkspace } from '../open-workspace.ts';

/** `litmus verify --claims <claims.jsonl> --corpus <corpus.jsonl> --out <predictions.jsonl>`. */
export async function runBatchVerify(
  context: CliContext,
  flags: { claims?: string; corpus?: string; out?: string; engine?: string; budget?: number },
): Promise<void> {
  if (!flags.claims || !flags.corpus || !flags.out) {
    throw usageError('E_USAGE', 'batch mode needs --claims, --corpus and --out together', 'see `litmus verify --help`');
  }
  for (const file of [flags.claims, flags.corpus]) {
    if (!existsSync(file)) throw usageError('E_NOT_FOUND', `no such file: ${file}`, 'check the path');
  }
  const claims = parseClaimsJsonl(readFileSync(flags.claims, 'utf8'), flags.claims);
  const corpus = parseCorpusJsonl(readFileSync(flags.corpus, 'utf8'), flags.corpus);
  const config = context.config();
  const started = performance.now();
  let result: ReturnType<typeof verifyBatch>;
  if (chooseEngine(config, flags.engine) === 'embedded') {
    result = verifyBatch(claims, corpus);
  } else {
    const engines = await (await openWorkspace(context)).engines('llm', { budgetUsd: flags.budget });
    result = await verifyBatchWith(engines.verifier, claims, corpus);
  }
  writeTextFile(flags.out, formatPredictionsJsonl(result.predictions));
  for (const warning of result.warnings.slice(0, 20)) context.output.warn(warning.message);
  if (result.warnings.length > 20) context.output.warn(`… and ${result.warnings.length - 20} more warnings`);
  const summary = {
    out: flags.out,
    claims: result.considered.claims,
    pairs: result.considered.pairs,
    retrieved_claims: result.considered.retrievedClaims,
    documents_considered_per_retrieved_claim: result.considered.topK,
    corpus_size: result.considered.corpusSize,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
  context.output.result(summary, (s) =>
    [
      `wrote ${s.pairs} predictions for ${s.claims} claims to ${s.out} in ${s.seconds} s`,
      s.retrieved_claims > 0
        ? `${s.retrieved_claims} claim(s) had no doc_ids: litmus retrieved the top ${s.documents_considered_per_retrieved_claim} of ${s.corpus_size} documents for each`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
