/**
 * The embedded claim extractor ("embedded@1"): rules only, no model and no key. Sentences of the
 * paper's passages are scored for claim-worthiness, rewritten to stand alone (the paper named by
 * its method or "Lee et al. (2021)"), typed and given their numbers; results-table rows against
 * their baseline join them; then rank-claims.ts merges near-duplicates and ranks findings by how
 * central they are to the paper and how relevant to the question, never cutting a headline finding.
 */
import { extractNumbers } from '../core/numbers.ts';
import { createRelevanceScorer } from '../core/relevance.ts';
import { splitSentences } from '../core/sentences.ts';
import { findVerbatim, normalizeForMatch } from '../core/text.ts';
import type { Passage, Warning } from '../core/types.ts';
import { definedAcronyms, withExpansions } from './acronyms.ts';
import type { ClaimExtractionInput, ClaimExtractionResult, ClaimExtractor } from './claim-extractor.ts';
import { cleanSentence, isCompleteSentence } from './claim-text.ts';
import { claimWorthiness, classifyClaimType, isCaptionStart, sectionRole } from './claim-worthiness.ts';
import { decontextualize } from './decontextualize.ts';
import { findingKind, questionAsksMethod, speaksOfPaper } from './finding-kind.ts';
import { findPaperName, shortCitation } from './paper-name.ts';
import { type RankCandidate, rankClaims } from './rank-claims.ts';
import { tableClaimCandidates } from './table-claims.ts';
import { buildTextLayout } from './text-layout.ts';

export const EMBEDDED_CLAIM_ENGINE = 'embedded@1';
export const DEFAULT_MAX_CLAIMS = 30;
/** Sentences scoring below this are not claims at all, whatever the question. */
export const MIN_CLAIM_WORTHINESS = 0.45;
/** The share of its abstract's relevance to the question an abstract sentence keeps at least. */
const ABSTRACT_CONTEXT = 0.5;

/** One source sentence: its span in fullText (null when the passage text is not in fullText). */
interface SourceSentence {
  text: string;
  start: number | null;
  end: number | null;
  passage: Passage | null;
  previous: string | null;
}

export function createEmbeddedClaimExtractor(): ClaimExtractor {
  return {
    name: EMBEDDED_CLAIM_ENGINE,
    extract: async (input) => extractClaims(input),
  };
}

/** The synchronous core, exported for benchmarks and callers that have no use for a promise. */
export function extractClaims(input: ClaimExtractionInput): ClaimExtractionResult {
  const warnings: Warning[] = [];
  const { paper, fullText } = input;
  const maxClaims = Math.max(0, Math.floor(input.maxClaims ?? DEFAULT_MAX_CLAIMS));
  const sentences = sourceSentences(input, warnings);
  const layout = buildTextLayout(fullText);
  const name = findPaperName(paper.title, paper.abstract, fullText);
  const citation = shortCitation(paper.authors, paper.year ?? null);
  const abstract = paper.abstract ?? abstractFromFront(input);
  const abstractNorm = abstract ? normalizeForMatch(abstract) : '';

  const candidates: RankCandidate[] = [];
  let abstractSpokeOfPaper = false;
  for (const sentence of sentences) {
    const cleaned = cleanSentence(sentence.text);
    if (cleaned.length === 0) continue;
    const section = sectionOf(sentence, layout, abstractNorm, cleaned);
    const paragraphStart = sentence.start === null ? null : layout.paragraphStartAt(sentence.start);
    const inCaption =
      paragraphStart !== null && isCaptionStart(fullText.slice(paragraphStart, paragraphStart + 200).trimStart());
    const role = sectionRole(section);
    const afterContribution = abstractSpokeOfPaper;
    if (role === 'abstract' && speaksOfPaper(cleaned, name?.name ?? null)) abstractSpokeOfPaper = true;
    const worthiness = claimWorthiness(cleaned, { section, inCaption, name: name?.name ?? null });
    if (worthiness < MIN_CLAIM_WORTHINESS) continue;
    const text = decontextualize(cleaned, { name, citation, previous: sentence.previous, title: input.paper.title });
    if (text === null || !isCompleteSentence(text)) continue;
    candidates.push({
      source: cleaned,
      role,
      inAbstract: role === 'abstract',
      kind: findingKind(cleaned, { name: name?.name ?? null, role, afterContribution }),
      worthiness,
      claim: {
        paperId: paper.id,
        text,
        type: classifyClaimType(text),
        numbers: extractNumbers(text),
        passageId: sentence.passage?.id ?? null,
        charStart: sentence.start,
        charEnd: sentence.end,
        relevance: worthiness,
        engine: EMBEDDED_CLAIM_ENGINE,
      },
    });
  }
  candidates.push(
    ...tableClaimCandidates({
      paperId: paper.id,
      fullText,
      tables: input.tables ?? [],
      passages: input.passages,
      engine: EMBEDDED_CLAIM_ENGINE,
    }),
  );

  const question = input.question?.trim();
  let questionScore: ((text: string) => number) | undefined;
  if (question) {
    const documents = input.passages.length > 0 ? input.passages.map((p) => p.text) : sentences.map((s) => s.text);
    const scorer = createRelevanceScorer(question, documents);
    // "NNJM features produce +3.0 BLEU" is about a question on the "neural network joint model".
    const acronyms = definedAcronyms(`${abstract ?? ''}\n${fullText.slice(0, 20_000)}`);
    // An abstract sentence speaks in the context of its abstract ("The first algorithm is exact and
    // requires O(n^6) running time" is about sentence compression): it keeps part of the abstract's
    // own relevance to the question when its words alone miss the question's.
    const abstractTexts = new Set(candidates.filter((c) => c.inAbstract).map((c) => c.claim.text));
    const paperScore = scorer.score(withExpansions(`${paper.title}. ${abstract ?? ''}`, acronyms));
    questionScore = (text) => {
      const own = scorer.score(withExpansions(text, acronyms));
      return abstractTexts.has(text) ? Math.max(own, ABSTRACT_CONTEXT * paperScore) : own;
    };
  }
  const claims = rankClaims(candidates, { questionScore, methodAsked: questionAsksMethod(question), maxClaims });
  if (claims.length === 0) {
    warnings.push({
      code: 'CLAIMS_NONE_FOUND',
      message: `no claim-worthy sentence found in ${paper.id}`,
      input: paper.id,
    });
  }
  return { claims, warnings };
}

/**
 * The abstract when the paper record has none (a PDF whose parser found no "Abstract" heading): the
 * longest paragraph of the front matter, before the introduction.
 */
export function abstractFromFront(input: Pick<ClaimExtractionInput, 'fullText' | 'passages'>): string | null {
  const intro = input.passages.find((p) => p.sectionPath.some((h) => /\bintroduction\b/i.test(h)));
  const front = input.fullText.slice(0, intro ? intro.charStart : Math.min(input.fullText.length, 4000));
  let best: string | null = null;
  for (const paragraph of front.split(/\n[ \t]*\n/)) {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    if (/^(?:ccs concepts|keywords|additional key words|acm reference)/i.test(text)) continue;
    if (text.split(' ').length >= 40 && text.length > (best?.length ?? 0)) best = text;
  }
  return best;
}

/**
 * Sentences of the passages, segmented over fullText so a passage cut mid-sentence never truncates
 * one; a sentence belongs to the passage its first char is in. Overlapping passages yield each
 * sentence once.
 */
function sourceSentences(input: ClaimExtractionInput, warnings: Warning[]): SourceSentence[] {
  const { fullText, passages } = input;
  if (passages.length === 0) {
    warnings.push({
      code: 'CLAIMS_NO_PASSAGES',
      message: `${input.paper.id} has no passages; reading its full text`,
      input: input.paper.id,
    });
    return withPrevious(
      splitSentences(fullText).map((s) => ({ ...s, passage: null, previous: null })),
      fullText,
    );
  }
  // Table passages hold a table's rows: they are read as data (table-claims.ts), not as sentences.
  const ordered = passages.filter((p) => p.kind !== 'table').sort((a, b) => a.charStart - b.charStart);
  const aligned = ordered.filter((p) => fullText.slice(p.charStart, p.charEnd) === p.text);
  const out: SourceSentence[] = [];
  if (aligned.length > 0) {
    const all = splitSentences(fullText);
    let p = 0;
    for (const s of all) {
      while (p < aligned.length && aligned[p]!.charEnd <= s.start) p++;
      const passage = aligned[p];
      if (passage && passage.charStart <= s.start) out.push({ ...s, passage, previous: null });
    }
  }
  const misaligned = ordered.filter((p) => fullText.slice(p.charStart, p.charEnd) !== p.text);
  if (misaligned.length > 0) {
    warnings.push({
      code: 'CLAIMS_PASSAGE_MISALIGNED',
      message: `${misaligned.length} passage(s) of ${input.paper.id} do not match its full text at their offsets; their claims are located by search`,
      input: input.paper.id,
    });
    for (const passage of misaligned) {
      for (const s of splitSentences(passage.text)) {
        const found = findVerbatim(fullText, s.text);
        out.push({ text: s.text, start: found?.start ?? null, end: found?.end ?? null, passage, previous: null });
      }
    }
  }
  return withPrevious(out, fullText);
}

/** Links each sentence to the one before it in the same paragraph (no blank line between). */
function withPrevious(sentences: SourceSentence[], fullText: string): SourceSentence[] {
  for (let i = 1; i < sentences.length; i++) {
    const prev = sentences[i - 1]!;
    const cur = sentences[i]!;
    if (prev.end === null || cur.start === null || prev.end > cur.start) continue;
    if (!/\n[ \t]*\n/.test(fullText.slice(prev.end, cur.start))) cur.previous = prev.text;
  }
  return sentences;
}

function sectionOf(
  sentence: SourceSentence,
  layout: ReturnType<typeof buildTextLayout>,
  abstractNorm: string,
  cleaned: string,
): string | null {
  if (abstractNorm.length > 0 && abstractNorm.includes(normalizeForMatch(cleaned))) return 'Abstract';
  const path = sentence.passage?.sectionPath ?? [];
  if (path.length > 0) {
    // A references heading anywhere on the path governs everything under it.
    const references = path.find((p) => sectionRole(p) === 'references');
    return references ?? path[path.length - 1]!;
  }
  return sentence.start === null ? null : layout.headingAt(sentence.start);
}
