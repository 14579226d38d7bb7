import type { ResultTable } from '../../core/tables.ts';
import type { Verdict } from '../../core/types.ts';
import { splitSentences } from '../tokenize.ts';

/**
 * Readers for labelled claim-verification sets (SciFact, Check-COVID, HealthVer) into one shape:
 * (claim, document, gold label, rationale sentences). Pure: text in, arrays out.
 */
export interface LabelledDocument {
  docId: string;
  title: string;
  sentences: string[];
  /**
   * The results tables of the paper the sentences come from (review claims only), so the checks
   * read cells as they do at run time; the classifier never sees them.
   */
  tables?: ResultTable[];
}

export interface LabelledPair {
  claimId: string;
  claim: string;
  docId: string;
  label: Verdict;
  /** Indices of the document's rationale sentences (empty for NOT_ENOUGH_INFO). */
  rationale: number[];
  /** Pairs sharing a group share a cross-validation fold (same claim text or same cited document). */
  group: string;
  /** A fixed cross-validation fold (the ML-claims set splits by paper); otherwise folds are drawn by group. */
  fold?: number;
  /** 'biomedical' or 'ml': which calibration the pair's out-of-fold predictions fit. */
  domain?: string;
  /** Training weight (default 1): a generated set can count for less than a human-labelled one. */
  weight?: number;
  /** Which labelled set the pair comes from ('scifact', 'ml-claims', …), for per-dataset figures. */
  dataset?: string;
}

export interface LabelledSet {
  pairs: LabelledPair[];
  documents: Map<string, LabelledDocument>;
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const SCIFACT_LABELS: Record<string, Verdict> = { SUPPORT: 'SUPPORTED', CONTRADICT: 'REFUTED', REFUTE: 'REFUTED' };

interface SciFactClaim {
  id: number | string;
  claim: string;
  evidence?: Record<string, { sentences: number[]; label: string }[]>;
  cited_doc_ids?: (number | string)[];
}

/** One pair per (claim, cited document); the gold label is that document's evidence label, else NEI. */
export function readSciFact(claimsText: string, corpusText: string): LabelledSet {
  const documents = new Map<string, LabelledDocument>();
  for (const raw of jsonLines(corpusText) as { doc_id: number | string; title: string; abstract: string[] }[]) {
    documents.set(String(raw.doc_id), { docId: String(raw.doc_id), title: raw.title, sentences: raw.abstract });
  }
  const pairs: LabelledPair[] = [];
  for (const raw of jsonLines(claimsText) as SciFactClaim[]) {
    for (const cited of raw.cited_doc_ids ?? []) {
      const docId = String(cited);
      const sets = raw.evidence?.[docId] ?? [];
      const label = sets.length > 0 ? (SCIFACT_LABELS[sets[0]!.label] ?? 'NOT_ENOUGH_INFO') : 'NOT_ENOUGH_INFO';
      const rationale = [...new Set(sets.flatMap((s) => s.sentences))].sort((a, b) => a - b);
      pairs.push({ claimId: String(raw.id), claim: raw.claim, docId, label, rationale, group: docId });
    }
  }
  return { pairs, documents };
}

/** Check-COVID: one pair per claim line, against its single CORD-19 abstract. */
export function readCheckCovid(claimsText: string, corpusText: string): LabelledSet {
  const documents = new Map<string, LabelledDocument>();
  for (const raw of jsonLines(corpusText) as { cord_id: string; title: string; abstract: string[] }[]) {
    documents.set(raw.cord_id, { docId: raw.cord_id, title: raw.title, sentences: raw.abstract });
  }
  const labels: Record<string, Verdict> = { SUPPORT: 'SUPPORTED', REFUTE: 'REFUTED', NOTENOUGHINFO: 'NOT_ENOUGH_INFO' };
  const pairs: LabelledPair[] = [];
  for (const raw of jsonLines(claimsText) as {
    id: string;
    claim: string;
    cord_id: string;
    label: string;
    evidence_set: { sent_index: number }[];
  }[]) {
    const label = labels[raw.label];
    if (!label || !documents.has(raw.cord_id)) continue;
    const rationale = label === 'NOT_ENOUGH_INFO' ? [] : raw.evidence_set.map((e) => e.sent_index);
    pairs.push({ claimId: raw.id, claim: raw.claim.trim(), docId: raw.cord_id, label, rationale, group: raw.cord_id });
  }
  return { pairs, documents };
}

/** Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** HealthVer: claim–evidence passage pairs; each passage becomes a one-off document. */
export function readHealthVer(csvText: string): LabelledSet {
  const [header, ...rows] = parseCsv(csvText);
  const col = (name: string): number => header!.indexOf(name);
  const labels: Record<string, Verdict> = { Supports: 'SUPPORTED', Refutes: 'REFUTED', Neutral: 'NOT_ENOUGH_INFO' };
  const documents = new Map<string, LabelledDocument>();
  const pairs: LabelledPair[] = [];
  rows.forEach((row, i) => {
    const label = labels[row[col('label')] ?? ''];
    const evidence = row[col('evidence')] ?? '';
    const claim = row[col('claim')] ?? '';
    if (!label || !evidence || !claim) return;
    const docId = `healthver-${i}`;
    const sentences = splitSentences(evidence).map((r) => evidence.slice(r.start, r.end));
    documents.set(docId, { docId, title: '', sentences });
    const id = row[col('id')] ?? String(i);
    pairs.push({ claimId: id, claim, docId, label, rationale: [], group: claim });
  });
  return { pairs, documents };
}
