import type { ResultTable } from '../core/tables.ts';
import { LitmusError } from '../core/errors.ts';
import type { Verdict, Warning } from '../core/types.ts';
import { Bm25Index } from './bm25.ts';
import { applyChecks } from './checks/apply-checks.ts';
import { detectDomain } from './embedded/domain.ts';
import { analyzeText, type TextInfo } from './embedded/features.ts';
import {
  type EmbeddedModel,
  evidenceSentences,
  idfLookup,
  judgeDocument,
  loadEmbeddedModel,
} from './embedded/model.ts';
import { splitSentences } from './tokenize.ts';
import type { VerificationResult } from './verifier.ts';

/**
 * Batch verification for `litmus verify --claims claims.jsonl --corpus corpus.jsonl --out predictions.jsonl`:
 * pure functions over parsed arrays, plus JSONL parsers that report the file and line of bad input.
 */

export interface BatchClaim {
  /** As given in the input (SciFact uses numbers). */
  id: string | number;
  claim: string;
  /** Documents to judge against; absent → retrieve the top documents with BM25. */
  docIds?: (string | number)[];
}

export interface BatchDocument {
  docId: string | number;
  title: string;
  /** The text the quotes come from: given abstract sentences, or sentences split from `text`. */
  sentences: string[];
}

export interface BatchEvidence {
  quote: string;
  sentence_index?: number;
}

export interface BatchPrediction {
  id: string | number;
  doc_id: string | number;
  verdict: Verdict;
  confidence: number;
  evidence: BatchEvidence[];
}

export interface BatchOptions {
  /** Documents retrieved per claim without doc ids (default 3). */
  topK?: number;
  model?: EmbeddedModel;
}

export interface BatchConsidered {
  claims: number;
  /** (claim, document) pairs judged = predictions written. */
  pairs: number;
  /** Claims without doc ids, for which the top `topK` of `corpusSize` documents were retrieved. */
  retrievedClaims: number;
  topK: number;
  corpusSize: number;
}

export interface BatchResult {
  predictions: BatchPrediction[];
  considered: BatchConsidered;
  warnings: Warning[];
}

/** Judges every (claim, document) pair: given doc ids, else the BM25 top-k of the corpus. */
export function verifyBatch(claims: BatchClaim[], corpus: BatchDocument[], options: BatchOptions = {}): BatchResult {
  const model = options.model ?? loadEmbeddedModel();
  const idf = idfLookup(model);
  const topK = options.topK ?? 3;
  const warnings: Warning[] = [];
  const analysed = new Map<string, { sentences: TextInfo[]; title: TextInfo | null }>();
  const analyse = (doc: BatchDocument): { sentences: TextInfo[]; title: TextInfo | null } => {
    const key = String(doc.docId);
    let info = analysed.get(key);
    if (!info) {
      info = { sentences: doc.sentences.map(analyzeText), title: doc.title ? analyzeText(doc.title) : null };
      analysed.set(key, info);
    }
    return info;
  };
  const select = createDocumentSelector(corpus, topK);
  const predictions: BatchPrediction[] = [];
  for (const claim of claims) {
    const docs = select(claim, warnings);
    const claimInfo = analyzeText(claim.claim);
    for (const doc of docs) {
      const { sentences, title } = analyse(doc);
      if (sentences.length === 0) {
        predictions.push({ id: claim.id, doc_id: doc.docId, verdict: 'NOT_ENOUGH_INFO', confidence: 1, evidence: [] });
        continue;
      }
      const domain = detectDomain(`${claim.claim} ${doc.title ?? ''} ${doc.sentences.join(' ')}`);
      const judgement = judgeDocument(model, claimInfo, sentences, title, idf, domain);
      const checked = checkJudgement(claim.claim, doc, judgement);
      predictions.push({
        id: claim.id,
        doc_id: doc.docId,
        verdict: checked.verdict,
        confidence: Number(checked.confidence.toFixed(4)),
        evidence: checked.evidence,
      });
    }
  }
  return {
    predictions,
    considered: {
      claims: claims.length,
      pairs: predictions.length,
      retrievedClaims: select.retrievedClaims(),
      topK,
      corpusSize: corpus.length,
    },
    warnings,
  };
}

/** A document as one passage: its sentences joined by single spaces, with where each one starts. */
export function joinSentences(doc: { sentences: string[] }): { text: string; starts: number[] } {
  const starts: number[] = [];
  let offset = 0;
  for (const sentence of doc.sentences) {
    starts.push(offset);
    offset += sentence.length + 1;
  }
  return { text: doc.sentences.join(' '), starts };
}

/** An engine's verdict on a document given as sentences: its quotes are sentence indexes. */
export interface SentenceVerdict {
  verdict: VerificationResult['verdict'];
  confidence: number;
  evidence: number[];
  numeric?: VerificationResult['numeric'];
}

/**
 * The same deterministic checks every engine gets (src/verify/checks/), for a verdict on a document
 * given as sentences: the document is one passage of its sentences joined by spaces (its title as
 * context), so quotes the checks choose are still whole sentences of it. Also used by the bench and
 * by scripts/measure-check-rules.ts, so they measure the checks exactly as batch mode applies them.
 */
export function checkSentenceVerdict(
  claimText: string,
  doc: { docId: string | number; title: string; sentences: string[]; tables?: ResultTable[] },
  judged: SentenceVerdict,
): { checked: VerificationResult; starts: number[] } {
  const { text, starts } = joinSentences(doc);
  const passage = { id: 0, paperId: String(doc.docId), text, page: null, sectionPath: [], charStart: 0, paperTitle: doc.title };
  const base: VerificationResult = {
    verdict: judged.verdict,
    confidence: judged.confidence,
    evidence: judged.evidence.map((i) => ({
      passageId: 0,
      paperId: String(doc.docId),
      quote: doc.sentences[i]!,
      location: 'abstract',
      charStart: starts[i]!,
      charEnd: starts[i]! + doc.sentences[i]!.length,
    })),
    rationale: '',
    engine: 'embedded',
    warnings: [],
  };
  if (judged.numeric && judged.numeric.length > 0) base.numeric = judged.numeric;
  const input = doc.tables
    ? { claim: { text: claimText, paperId: String(doc.docId) }, passages: [passage], tables: doc.tables }
    : { claim: { text: claimText }, passages: [passage] };
  return { checked: applyChecks(input, base), starts };
}

function checkJudgement(claimText: string, doc: BatchDocument, judgement: ReturnType<typeof judgeDocument>) {
  const { checked, starts } = checkSentenceVerdict(claimText, doc, {
    verdict: judgement.verdict,
    confidence: judgement.confidence,
    evidence: evidenceSentences(judgement),
    numeric: judgement.numericEvidence.map((n) => ({ claimed: n.claimed.text, found: n.found.text })),
  });
  // A quote the checks chose is reported as the given sentence it starts in, so indexes stay exact.
  const evidence: BatchEvidence[] = [];
  for (const e of checked.evidence) {
    let index = starts.findIndex((start, i) => (e.charStart ?? 0) >= start && (e.charStart ?? 0) < start + doc.sentences[i]!.length + 1);
    if (index < 0) index = doc.sentences.findIndex((sentence) => sentence.includes(e.quote));
    if (index >= 0 && !evidence.some((x) => x.sentence_index === index)) evidence.push({ quote: doc.sentences[index]!, sentence_index: index });
  }
  return { verdict: checked.verdict, confidence: checked.confidence, evidence };
}

/**
 * Which documents each claim is judged against: its doc ids when given (unknown ids are skipped with
 * a warning), else the BM25 top-k of the corpus (the index is built on first use). Shared by every
 * batch engine so embedded and LLM runs judge the same pairs.
 */
export function createDocumentSelector(corpus: BatchDocument[], topK: number) {
  const byId = new Map(corpus.map((d) => [String(d.docId), d]));
  let index: Bm25Index | null = null;
  let retrieved = 0;
  const select = (claim: BatchClaim, warnings: Warning[]): BatchDocument[] => {
    if (claim.docIds && claim.docIds.length > 0) {
      const docs: BatchDocument[] = [];
      for (const id of claim.docIds) {
        const doc = byId.get(String(id));
        if (doc) docs.push(doc);
        else
          warnings.push({
            code: 'W_DOC_MISSING',
            message: `claim ${claim.id} names document ${id}, which is not in the corpus; pair skipped`,
            input: String(claim.id),
          });
      }
      return docs;
    }
    if (!index) {
      index = new Bm25Index();
      for (const doc of corpus) index.add(String(doc.docId), `${doc.title} ${doc.sentences.join(' ')}`);
    }
    retrieved += 1;
    const docs = index.search(claim.claim, topK).map((hit) => byId.get(hit.id)!);
    if (docs.length === 0) {
      warnings.push({
        code: 'W_NO_CANDIDATES',
        message: `claim ${claim.id} shares no terms with any corpus document; nothing judged`,
        input: String(claim.id),
      });
    }
    return docs;
  };
  return Object.assign(select, { retrievedClaims: () => retrieved });
}

function badLine(file: string, line: number, what: string, hint: string): LitmusError {
  return new LitmusError('E_BAD_JSONL', `${file}:${line}: ${what}`, { hint, exitCode: 2 });
}

/** Non-empty lines parsed as JSON objects, with their 1-based line numbers. */
function jsonObjects(text: string, file: string, hint: string): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw badLine(file, i + 1, 'not valid JSON', hint);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badLine(file, i + 1, 'expected a JSON object', hint);
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}

const isId = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Claims JSONL: `{id, claim, doc_ids?}` per line; SciFact's `cited_doc_ids` is accepted for `doc_ids`. */
export function parseClaimsJsonl(text: string, file = 'claims.jsonl'): BatchClaim[] {
  const hint = 'each line must be {"id": …, "claim": "…", "doc_ids": [ … ]} (doc_ids optional)';
  return jsonObjects(text, file, hint).map(({ line, value }) => {
    if (!isId(value.id)) throw badLine(file, line, 'missing "id" (string or number)', hint);
    if (typeof value.claim !== 'string' || value.claim.trim() === '')
      throw badLine(file, line, 'missing "claim" text', hint);
    const ids = value.doc_ids ?? value.cited_doc_ids;
    const claim: BatchClaim = { id: value.id, claim: value.claim };
    if (ids !== undefined && ids !== null) {
      if (!Array.isArray(ids) || !ids.every(isId))
        throw badLine(file, line, '"doc_ids" must be an array of strings or numbers', hint);
      claim.docIds = ids;
    }
    return claim;
  });
}

/** Corpus JSONL: `{doc_id, title, abstract: string | string[]}` or `{doc_id, title, text}` per line. */
export function parseCorpusJsonl(text: string, file = 'corpus.jsonl'): BatchDocument[] {
  const hint =
    'each line must be {"doc_id": …, "title": "…", "abstract": ["sentence", …] | "text"} or {"doc_id", "title", "text"}';
  const seen = new Set<string>();
  return jsonObjects(text, file, hint).map(({ line, value }) => {
    if (!isId(value.doc_id)) throw badLine(file, line, 'missing "doc_id" (string or number)', hint);
    if (seen.has(String(value.doc_id))) throw badLine(file, line, `duplicate doc_id ${value.doc_id}`, hint);
    seen.add(String(value.doc_id));
    const title = typeof value.title === 'string' ? value.title : '';
    const body = value.abstract ?? value.text;
    let sentences: string[];
    if (Array.isArray(body) && body.every((s) => typeof s === 'string')) sentences = body as string[];
    else if (typeof body === 'string') sentences = splitSentences(body).map((r) => body.slice(r.start, r.end));
    else throw badLine(file, line, '"abstract" or "text" must be a string or an array of strings', hint);
    return { docId: value.doc_id, title, sentences };
  });
}

/** One JSON object per line, newline-terminated: the predictions file's content. */
export function formatPredictionsJsonl(predictions: BatchPrediction[]): string {
  return predictions.map((p) => JSON.stringify(p)).join('\n') + (predictions.length > 0 ? '\n' : '');
}
