import { contentStems, createRelevanceScorer } from '../../core/relevance.ts';
import type { DocumentClaim, DocumentFinding, DocumentReference } from './document-types.ts';

/**
 * Findings about a document on its own terms: figures that disagree with the document itself,
 * confidences that contradict the verdicts next to them, claims off the question, cut-off claims,
 * and citations that lead nowhere. Thresholds are stated where they are used.
 */

export function truncationFindings(claims: DocumentClaim[]): DocumentFinding[] {
  return claims
    .filter((c) => c.truncated)
    .map((c) => ({
      kind: 'truncated_claim' as const,
      claim: c.n,
      detail: `claim ${c.n} is cut off (${c.truncation?.reason ?? 'truncated'}): "${tail(c.text)}"`,
    }));
}

/** A ✓ below 0.5 or a ✗ above 0.5 (the figure read as the probability the claim holds) contradicts its mark. */
export function confidenceFindings(claims: DocumentClaim[]): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  for (const c of claims) {
    if (c.documentConfidenceRaw !== null && c.documentConfidence === null && /\d/.test(c.documentConfidenceRaw)) {
      findings.push({
        kind: 'invalid_confidence',
        claim: c.n,
        detail: `claim ${c.n} gives confidence "${c.documentConfidenceRaw}", which is not a probability`,
      });
    }
    if (c.documentConfidence === null || c.documentVerdict === null) continue;
    const mark = c.documentVerdictMark ?? c.documentVerdict;
    if (c.documentVerdict === 'SUPPORTED' && c.documentConfidence < 0.5) {
      findings.push({
        kind: 'confidence_contradiction',
        claim: c.n,
        detail: `claim ${c.n} is marked ${mark} (supported) with confidence ${c.documentConfidenceRaw}, below even odds`,
      });
    } else if (c.documentVerdict === 'REFUTED' && c.documentConfidence > 0.5) {
      findings.push({
        kind: 'confidence_contradiction',
        claim: c.n,
        detail: `claim ${c.n} is marked ${mark} (not supported) with confidence ${c.documentConfidenceRaw}, above even odds`,
      });
    }
  }
  const figures = claims.filter((c) => c.documentConfidence !== null);
  const verdicts = new Set(figures.map((c) => c.documentVerdict));
  if (figures.length >= 4 && new Set(figures.map((c) => c.documentConfidence)).size === 1 && verdicts.size > 1) {
    findings.push({
      kind: 'uniform_confidence',
      detail: `all ${figures.length} confidence figures are ${figures[0]!.documentConfidenceRaw} whatever the verdict: they carry no information`,
    });
  }
  return findings;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};
const COUNT_WORD = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
const PAPER_NOUN = '(?:papers?|studies|articles|sources|references|publications|preprints|works)';
// Up to two words between the figure and the noun ("12 arXiv papers"), but never "of" or a number.
const FILLER = '(?:(?!of\\b)[a-z][\\w-]*[ \\t]+){0,2}?';
const PAPER_COUNT = new RegExp(`(?<![\\d.,])\\b${COUNT_WORD}[ \\t]+${FILLER}${PAPER_NOUN}\\b`, 'gi');
const PAPER_LABEL = new RegExp(
  `\\b${PAPER_NOUN}(?:[ \\t]+[\\w-]+){0,2}[ \\t]*[:=][ \\t]*(?:\\*\\*)?(\\d{1,4})\\b(?![.,]\\d)`,
  'gi',
);
const CLAIM_COUNT = new RegExp(`(?<![\\d.,])\\b${COUNT_WORD}[ \\t]+${FILLER}claims\\b`, 'gi');
const VERIFIED_COUNT =
  /\b(\d{1,4})\s*(?:of|\/|out of)\s*(\d{1,4})\s+(?:[\w-]+\s+)?claims?\s+(?:were\s+|are\s+)?(?:verified|supported|confirmed)/gi;

/**
 * "12 papers retrieved" with 4 references; "9 claims" with 6 in the table; "5 of 6 claims verified"
 * with three ✓. `text` is the document without its reference list.
 */
export function countFindings(
  text: string,
  claims: DocumentClaim[],
  references: DocumentReference[],
): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  const seen = new Set<string>();
  const push = (detail: string) => {
    if (seen.has(detail)) return;
    seen.add(detail);
    findings.push({ kind: 'count_mismatch', detail });
  };
  const referenceCount = references.length;
  const statements: { n: number; phrase: string; at: number }[] = [];
  for (const m of text.matchAll(PAPER_COUNT)) statements.push({ n: toNumber(m[1]!), phrase: m[0], at: m.index });
  for (const m of text.matchAll(PAPER_LABEL)) statements.push({ n: Number(m[1]), phrase: m[0], at: m.index });
  for (const { n, phrase, at } of statements) {
    if (Number.isNaN(n) || /\b(?:19|20)\d{2}\b/.test(String(n))) continue;
    if (reportedByOthers(text, at)) continue;
    if (n !== referenceCount) {
      push(
        `the document states "${oneLine(phrase)}" but lists ${referenceCount} reference${referenceCount === 1 ? '' : 's'}`,
      );
    }
  }
  const structured = claims.filter((c) => c.origin !== 'prose');
  const claimTotal = structured.length > 0 ? structured.length : claims.length;
  for (const m of text.matchAll(CLAIM_COUNT)) {
    const n = toNumber(m[1]!);
    if (Number.isNaN(n) || reportedByOthers(text, m.index)) continue;
    if (n !== claimTotal && !/\bof\s*$/i.test(text.slice(0, m.index))) {
      push(`the document states "${oneLine(m[0])}" but presents ${claimTotal} claim${claimTotal === 1 ? '' : 's'}`);
    }
  }
  const marked = claims.filter((c) => c.documentVerdict === 'SUPPORTED').length;
  for (const m of text.matchAll(VERIFIED_COUNT)) {
    const [verified, total] = [Number(m[1]), Number(m[2])];
    if (verified !== marked || total !== claimTotal) {
      push(`the document states "${oneLine(m[0])}" but marks ${marked} of ${claimTotal} claims as verified`);
    }
  }
  return findings;
}

/** Work that reports on other papers: "a survey of 162 papers", "a meta-analysis of 40 studies". */
const OTHERS_STUDY =
  /\b(?:survey|review|meta-analysis|analysis|study|studies|examination|collection|compilation|corpus|dataset|benchmark)\s+(?:of|covering|spanning)\s+(?:over\s+|about\s+|nearly\s+|more than\s+)?$/i;
/** The sentence attributes the figure to a cited work: a citation marker, "et al.", an identifier. */
const ATTRIBUTED = /\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\(\p{Lu}[\p{L}'’-]+(?: et al\.?)?,? (?:19|20)\d{2}[a-z]?\)|\bet al\.|arxiv\s*:|https?:\/\/|\b(?:they|the authors)\b/iu;

/**
 * A count in the document that is not the document's own: it belongs to the work the sentence
 * cites or describes ("Lo et al. report a survey of 162 papers"), not to the document's references.
 */
function reportedByOthers(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 60), at);
  if (OTHERS_STUDY.test(before)) return true;
  const start = Math.max(text.lastIndexOf('\n\n', at), sentenceStart(text, at));
  const endMatch = /[.!?](?:\s|$)|\n\n/.exec(text.slice(at));
  const sentence = text.slice(start, endMatch ? at + endMatch.index + 1 : text.length);
  return ATTRIBUTED.test(sentence);
}

function sentenceStart(text: string, at: number): number {
  const head = text.slice(0, at);
  const match = /.*[.!?]\s/s.exec(head);
  return match ? match[0].length : 0;
}

/** Lexical relevance below this (0–1, to the question or the title, whichever is higher) is off-topic. */
export const UNRELATED_THRESHOLD = 0.12;

export interface TopicContext {
  question: string | null;
  title: string | null;
  abstract: string | null;
  references: DocumentReference[];
  /** The document's own prose outside its claims (introduction, conclusion…): what it is about. */
  prose: string[];
  /** Texts the IDF is computed over (the document's paragraphs and claims). */
  documents: string[];
}

/**
 * A claim is off the question when it scores low against the question and title AND shares at most
 * one content word with the topic: the question, title, abstract, the document's prose outside its claims,
 * and the titles of references that are themselves on the question. Lexical relevance alone would flag "CodeBridge reaches 71.8%" in a
 * report on code generation; sharing "CodeBridge" with an on-topic reference keeps it in.
 */
export function relevanceFindings(claims: DocumentClaim[], topic: TopicContext): DocumentFinding[] {
  const { question, title } = topic;
  if (!question) return [];
  const scorers = [question, title]
    .filter((q): q is string => Boolean(q))
    .map((q) => createRelevanceScorer(q, topic.documents));
  const score = (text: string) => Math.max(...scorers.map((s) => s.score(text)));
  const topicTexts = [question, title ?? '', topic.abstract ?? '', ...topic.prose];
  const topicStems = new Set(topicTexts.flatMap(contentStems));
  // References on the topic widen it by their titles (one step, so an off-topic citation cannot).
  const onTopic = topic.references.filter((r) => {
    if (!r.title) return false;
    return (
      score(r.title) >= UNRELATED_THRESHOLD || new Set(contentStems(r.title).filter((s) => topicStems.has(s))).size >= 2
    );
  });
  for (const reference of onTopic) for (const stem of contentStems(reference.title!)) topicStems.add(stem);
  const findings: DocumentFinding[] = [];
  for (const c of claims) {
    const relevance = score(c.text);
    const stems = [...new Set(contentStems(c.text))];
    const shared = stems.filter((s) => topicStems.has(s)).length;
    // One shared word is chance ("lowers" meets "low-resource"); two, or a quarter of a short claim, is topic.
    if (relevance >= UNRELATED_THRESHOLD || shared >= 2 || (stems.length > 0 && shared / stems.length >= 0.25))
      continue;
    findings.push({
      kind: 'unrelated_claim',
      claim: c.n,
      detail: `claim ${c.n} is not about the question "${question}" (relevance ${relevance.toFixed(2)}, ${shared} word${shared === 1 ? '' : 's'} in common with its topic): "${tail(c.text, 120)}"`,
    });
  }
  return findings;
}

/** Citations with no reference entry, and entries with nothing to look them up by. */
export function citationFindings(claims: DocumentClaim[], references: DocumentReference[]): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  for (const c of claims) {
    for (const marker of c.danglingCitations) {
      findings.push({
        kind: 'unresolved_reference',
        claim: c.n,
        detail: `claim ${c.n} cites ${marker}, which no entry of the reference list answers`,
      });
    }
  }
  for (const r of references) {
    if (!r.arxiv && !r.doi && !r.url && !r.title) {
      findings.push({
        kind: 'unresolved_reference',
        reference: r.key,
        detail: `reference [${r.key}] "${tail(r.raw, 100)}" has no identifier or title to look it up by`,
      });
    }
  }
  return findings;
}

function toNumber(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? Number.NaN);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function tail(text: string, max = 80): string {
  return text.length <= max ? text : `…${text.slice(text.length - max)}`;
}
