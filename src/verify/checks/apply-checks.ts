import { describeLocation, type Evidence, type NumericMismatch, type Verdict, type VerdictCheck } from '../../core/types.ts';
import { contentStems, splitSentences } from '../tokenize.ts';
import type { CandidatePassage, VerificationInput, VerificationResult } from '../verifier.ts';
import { carriesKeyContent, type Coverage, isAboutClaim, measureCoverage } from './evidence-coverage.ts';
import { nonEvidenceKind } from '../../core/evidence-quality.ts';
import { type KeyContent, mentionsEntity, readKeyContent } from './key-content.ts';
import { type MeasuredQuantity, readMeasuredQuantities } from './measured-quantities.ts';
import { type Comparison, effectsConflict, readComparison, readEffect, splitClauses } from './polarity.ts';
import { ruleCalibration, ruleConfidence } from './rule-confidence.ts';
import { overstatement } from './strength.ts';
import { type CellReading, checkAgainstTables } from './table-cells.ts';
import { readSwappedContrast } from './contrast-order.ts';
import { readSlotSwap } from './slot-swap.ts';
import { selfNamesOf, statesVerbatim } from './verbatim.ts';
import { type EntitySwap, readEntitySwap } from './entity-swap.ts';

/**
 * Deterministic checks run after any engine (embedded or LLM), so a verdict never contradicts a table
 * cell, a negation or a stated direction, and SUPPORTED always rests on a quote that carries the
 * claim's key content. Each change is recorded in `checks` with its reason; a verdict the checks
 * agree with keeps the engine's confidence.
 */

/** Bumped when a rule changes, so verdicts stored under older rules are not reused. */
export const CHECKS_VERSION = 'checks@12';

interface Sentence {
  passage: CandidatePassage;
  start: number;
  end: number;
  text: string;
  coverage: Coverage;
}

interface ClaimReading {
  text: string;
  content: KeyContent;
  quantities: MeasuredQuantity[];
  paperId: string | null;
  /** Names the claim's own paper goes by (given with the claim, or read from its title). */
  selfNames: string[];
}

export function applyChecks(input: VerificationInput, base: VerificationResult): VerificationResult {
  const ownTitle = input.passages.find((p) => p.paperId === input.claim.paperId)?.paperTitle;
  const claim: ClaimReading = {
    text: input.claim.text,
    content: readKeyContent(input.claim.text),
    // Years date a finding; the quote need not repeat them.
    quantities: readMeasuredQuantities(input.claim.text).filter((q) => !q.year),
    paperId: input.claim.paperId ?? null,
    selfNames: [...new Set([...(input.claim.selfNames ?? []), ...selfNamesOf(input.claim.text, ownTitle)])],
  };
  const checks: VerdictCheck[] = [];
  const evidence = base.evidence.filter((e) => {
    const kind = e.cell ? null : nonEvidenceKind(e.quote);
    if (kind) checks.push({ rule: 'non-evidence', detail: `dropped a quote that is a ${kind}: "${clip(e.quote)}"` });
    return kind === null;
  });
  const sentences = candidateSentences(input.passages, claim);
  const about = sentences.filter((s) => isAboutClaim(s.coverage, claim.content));
  const decide = (verdict: Verdict, rule: VerdictCheck['rule'], detail: string, ev: Evidence[], numeric?: NumericMismatch[]) => {
    const changed = verdict !== base.verdict;
    checks.push(changed ? { rule, from: base.verdict, detail } : { rule, detail });
    const result = finish(base, verdict, changed ? ruleConfidence(rule) : base.confidence, ev, checks, numeric, detail);
    if (changed) result.calibration = ruleCalibration(rule);
    return result;
  };

  // 1. A sentence that states the claim word for word supports it, whatever its neighbours pull the
  // engine towards (a paper stating the claim is the faithfulness this check is for), and whatever
  // cell the table check would read: when a paper's prose says "+6.3 BLEU", a cell that says otherwise
  // is a table read wrongly (or a paper at odds with itself), not a claim the paper does not make.
  // Looked for only where it can change the outcome.
  const table = checkAgainstTables(claim.text, input.tables ?? [], input.claim.paperId);
  const verbatim =
    base.verdict !== 'SUPPORTED' || table.verdict === 'REFUTED'
      ? sentences.find((s) => statesVerbatim(claim.text, s.text, ownNames(claim, s.passage)))
      : undefined;
  if (verbatim && base.verdict !== 'SUPPORTED') {
    return decide('SUPPORTED', 'verbatim', 'the paper states the claim word for word', [sentenceEvidence(verbatim)]);
  }

  // 2. Table cells: a figure that disagrees with the cell its headers pick out is refuted.
  if (table.verdict === 'REFUTED' && !verbatim) {
    const cell = table.readings.find((r) => r.comparison === 'different')!;
    return decide('REFUTED', 'table-cell', `claimed ${cell.claimed.text}, ${cell.address}`, cellEvidence(cell, input), [
      { claimed: cell.claimed.text, found: cell.text, quantity: cell.address },
    ]);
  }

  // 3. Polarity and direction: among the sentences most about the claim, the closest one that states an
  // effect decides; if it states the opposite (a negation in scope, the other direction or order), it refutes.
  const stating = about
    .filter((s) => s.coverage.stemFraction >= 0.5)
    .map((s) => ({ s, reading: polarityAgainst(claim.text, s.text, claim.content) }))
    .filter((x) => x.reading !== null)
    .sort((a, b) => b.s.coverage.stemFraction - a.s.coverage.stemFraction);
  const closest = stating[0];
  if (closest && closest.reading !== 'agrees' && closest.reading !== null) {
    const tie = stating.some((x) => x.reading === 'agrees' && x.s.coverage.stemFraction >= closest.s.coverage.stemFraction);
    if (!tie) return decide('REFUTED', closest.reading.rule, closest.reading.detail, [sentenceEvidence(closest.s)]);
  }

  // 4. Numbers in prose: the closest sentence stating the claim's measure with another value refutes,
  // even when it states the claim's other figures ("5 additions … 11-word windows" against "5 additions
  // … 14-word windows"); a sentence that states a figure and contradicts none ends the search.
  for (const sentence of about) {
    const conflict = sentence.coverage.quantityConflicts[0];
    if (conflict && sentence.coverage.missingEntities.length === 0 && sentence.coverage.stemFraction >= 0.6) {
      return decide('REFUTED', 'number', `claimed ${conflict.claimed}, the paper states ${conflict.found}`, [sentenceEvidence(sentence)], [
        { claimed: conflict.claimed, found: conflict.found },
      ]);
    }
    if (sentence.coverage.quantitiesFound > 0) break;
  }

  // 5. A name or figure swapped: the closest sentence repeats the claim but names another system,
  // dataset or metric (or gives another figure) in one place, and no sentence about as close has the claim's.
  const swapped = swapAmong(claim, sentences);
  if (swapped?.swap.kind === 'figure') {
    const { sentence, swap } = swapped;
    return decide('REFUTED', 'number', `claimed ${swap.claimed}, the paper states ${swap.found}`, [sentenceEvidence(sentence)], [
      { claimed: swap.claimed, found: swap.found },
    ]);
  }
  if (swapped) {
    const { sentence, swap } = swapped;
    return decide('REFUTED', 'entity', `the claim names "${swap.claimed}" where the paper says "${swap.found}"`, [sentenceEvidence(sentence)]);
  }

  // A name the paper gives in the claim's slot ("trained on SQuAD" against "trained on BioASQ"), in a
  // close sentence that never names the claim's.
  const slotted = slotSwapAmong(claim, sentences);
  if (slotted) {
    const { sentence, swap } = slotted;
    return decide('REFUTED', 'entity', `the claim names "${swap.claimed}" where the paper says "${swap.found}"`, [sentenceEvidence(sentence)]);
  }

  // 6. Support must be faithful: quotes (or cells) that carry the claim's entities and figures.
  const tableSupport = table.verdict === 'SUPPORTED' ? table.readings.filter((r) => r.comparison !== 'different') : [];
  const carrying = sentences.filter((s) => carriesKeyContent(s.coverage, claim.content));
  const needed = withoutTableFigures(claim.quantities, tableSupport);
  // A figure the quotes leave out may be stated in another sentence of the same paper: quote that too.
  const figureSentence = evidence.length > 0 ? sentenceStatingFigures(sentences, evidence, claim, needed) : null;
  if (figureSentence) evidence.push(sentenceEvidence(figureSentence));
  const quoteText = evidence.map((e) => e.quote).join(' ');
  const quotesCarry = evidence.length > 0 && carriesKeyContent(quoteCoverage(claim, needed, evidence, input.passages), claim.content);
  const supportBy = (sentence: Sentence | null, quotes: Evidence[] = evidence): VerificationResult => {
    const ev = [...(sentence ? [sentenceEvidence(sentence)] : quotes), ...tableSupport.flatMap((r) => cellEvidence(r, input))];
    // Strength is judged against the one quote that says the claim best, not every quote joined.
    const said = sentence?.text ?? bestQuote(claim, quotes);
    const over = said ? overstatement(claim.text, said) : null;
    if (over) return decide('PARTIAL', 'strength', over, ev);
    const detail = tableSupport.length > 0 ? `the figure agrees with ${tableSupport[0]!.address}` : 'the quote carries the claim’s entities and figures';
    return decide('SUPPORTED', tableSupport.length > 0 ? 'table-cell' : 'faithful', detail, ev);
  };

  // A cell whose row and column headers name the claim's things, with the claim's figure: the cell
  // (with its headers) is the evidence; prose quotes are kept only when they carry the claim too.
  if (tableSupport.length > 0) return supportBy(null, quotesCarry ? evidence : []);

  if (base.verdict === 'SUPPORTED' || base.verdict === 'PARTIAL') {
    if (quotesCarry) {
      if (base.verdict === 'PARTIAL') return finish(base, base.verdict, base.confidence, evidence, checks);
      return supportBy(null);
    }
    const replacement = carrying[0];
    if (replacement) return supportBy(replacement);
    const missing = describeMissing(claim, quoteText);
    return decide('NOT_ENOUGH_INFO', 'faithful', `no quote carries the claim's key content (${missing})`, []);
  }

  if (base.verdict === 'REFUTED' && (base.numeric?.length ?? 0) > 0 && !numbersComparable(claim, base.numeric!)) {
    // The engine compared numbers that measure different things (epochs against a score).
    const sentence = carrying[0];
    if (sentence) return supportBy(sentence);
    return decide('NOT_ENOUGH_INFO', 'measure', 'the numbers compared measure different things', []);
  }

  if (base.verdict === 'NOT_ENOUGH_INFO' && !base.unverifiedReason?.startsWith('model output')) {
    const verbatim = carrying.find((s) => s.coverage.stemFraction >= 0.9);
    if (verbatim) return supportBy(verbatim);
  }
  return finish(base, base.verdict, base.confidence, evidence, checks);
}

/** Sentences looked at for a swapped name or figure: the closest few. */
const SWAP_CANDIDATES = 5;

function swapAmong(claim: ClaimReading, sentences: Sentence[]): { sentence: Sentence; swap: EntitySwap } | null {
  for (const sentence of sentences.slice(0, SWAP_CANDIDATES)) {
    const swap = readEntitySwap(claim.text, sentence.text);
    if (!swap) continue;
    const claimed = swap.claimed.toLowerCase();
    const rival = sentences.some(
      (other) =>
        other !== sentence &&
        other.text.toLowerCase().includes(claimed) &&
        other.coverage.stemFraction >= sentence.coverage.stemFraction - 0.1,
    );
    if (!rival) return { sentence, swap };
  }
  return null;
}

function slotSwapAmong(claim: ClaimReading, sentences: Sentence[]): { sentence: Sentence; swap: EntitySwap } | null {
  for (const sentence of sentences.slice(0, SWAP_CANDIDATES)) {
    const { missingEntities, otherVersions, stemFraction } = sentence.coverage;
    if (missingEntities.length === 0 || otherVersions.length > 0 || stemFraction < SLOT_SWAP_OVERLAP) continue;
    const swap = readSlotSwap(claim.text, sentence.text, missingEntities);
    if (!swap) continue;
    // Another sentence about as close that names the claim's thing: the paper names it both ways.
    const rival = sentences.some(
      (other) => other !== sentence && mentionsEntity(other.text, swap.claimed) && other.coverage.stemFraction >= stemFraction - 0.1,
    );
    if (!rival) return { sentence, swap };
  }
  return null;
}

/** A sentence sharing at least half the claim's words is about the same thing. */
const SLOT_SWAP_OVERLAP = 0.5;

function candidateSentences(passages: CandidatePassage[], claim: ClaimReading): Sentence[] {
  const out: Sentence[] = [];
  for (const passage of passages) {
    for (const range of splitSentences(passage.text)) {
      const text = passage.text.slice(range.start, range.end);
      if (nonEvidenceKind(text)) continue;
      out.push({ passage, ...range, text, coverage: withContext(measureCoverage(claim.content, claim.quantities, text), claim, passage, text) });
    }
  }
  return out.sort((a, b) => score(b.coverage) - score(a.coverage));
}

/**
 * Entities a sentence leaves implicit ("our model") count when its passage or paper title names them,
 * or when they name the claim's own paper and the sentence, from that paper, says "we"/"our"/"us".
 */
function withContext(coverage: Coverage, claim: ClaimReading, passage: CandidatePassage, sentence: string): Coverage {
  if (coverage.missingEntities.length === 0) return coverage;
  const context = measureCoverage(claim.content, [], `${passage.paperTitle ?? ''} ${passage.text}`);
  const self = selfWords(claim, passage, sentence, coverage);
  const missingEntities = coverage.missingEntities.filter((e) => context.missingEntities.includes(e) && !self.has(e.toLowerCase()));
  const total = claim.content.entities.length;
  return { ...coverage, missingEntities, entityFraction: total === 0 ? 1 : 1 - missingEntities.length / total };
}

const FIRST_PERSON = /\b(?:we|our|ours|us)\b/i;

/** The claim's own-paper names, for sentences of that paper (another paper's "we" is someone else). */
function ownNames(claim: ClaimReading, passage: CandidatePassage): string[] {
  return claim.paperId !== null && passage.paperId === claim.paperId ? claim.selfNames : [];
}

/**
 * Words of the own-paper names a first-person sentence of that paper stands for, when it restates
 * most of the claim (a claim decontextualised from it): a loose paraphrase that says "we" is no
 * evidence that the paper's system does what the claim says.
 */
const SELF_RESTATEMENT = 0.7;
function selfWords(claim: ClaimReading, passage: CandidatePassage, sentence: string, coverage: Coverage): Set<string> {
  if (coverage.stemFraction < SELF_RESTATEMENT || !FIRST_PERSON.test(sentence)) return new Set();
  return new Set(ownNames(claim, passage).flatMap((name) => name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
}

const score = (c: Coverage) => 2 * c.stemFraction + 0.5 * c.entityFraction + c.quantitiesFound;

type PolarityReading = 'agrees' | { rule: VerdictCheck['rule']; detail: string } | null;

/** 'agrees' when the sentence states the claim's effect, a conflict when the opposite, null when neither. */
function polarityAgainst(claim: string, sentence: string, content: KeyContent): PolarityReading {
  const swapped = readSwappedContrast(claim, sentence);
  if (swapped) return { rule: 'order', detail: swapped };
  const claimEffect = splitClauses(claim).map(readEffect).find((e) => e !== null) ?? null;
  // The clause about the claim: the one sharing most of its words (entities count double).
  const claimStems = new Set(contentStems(claim));
  const overlap = (clause: string) =>
    contentStems(clause).filter((s) => claimStems.has(s)).length +
    content.entities.filter((e) => clause.toLowerCase().includes(e.split(' ')[0]!)).length;
  const ranked = splitClauses(sentence).sort((a, b) => overlap(b) - overlap(a));
  // The clause closest to the claim that states an effect ("…, but this data provides almost no benefit").
  const focus = ranked.find((c) => readEffect(c) !== null || readComparison(c) !== null) ?? ranked[0];
  if (!focus) return null;
  const claimed = readComparison(claim);
  const stated = readComparison(focus);
  if (claimed && stated && comparisonInverted(claimed, stated)) {
    return { rule: 'order', detail: `the claim puts "${clip(claimed.winner)}" ahead of "${clip(claimed.loser)}"; the paper says the opposite` };
  }
  if (!claimEffect) return null;
  const found = readEffect(focus);
  if (!found) return null;
  if (found.effect === claimEffect.effect) return 'agrees';
  if (!effectsConflict(claimEffect, found)) return null;
  const rule = found.effect === 'none' || claimEffect.effect === 'none' ? 'negation' : 'direction';
  return { rule, detail: `the claim says "${claimEffect.cue}", the paper says "${found.cue}"` };
}

/**
 * Whether the paper's comparison names the claim's winner on its losing side and the claim's loser on
 * its winning side, judged by the words that tell the two sides apart ("subtree deletion" vs "joint").
 */
function comparisonInverted(claimed: Comparison, stated: Comparison): boolean {
  const a = new Set(contentStems(subjectOf(claimed.winner)));
  const b = new Set(contentStems(subjectOf(claimed.loser)));
  const onlyA = [...a].filter((x) => !b.has(x));
  const onlyB = [...b].filter((x) => !a.has(x));
  const w = new Set(contentStems(subjectOf(stated.winner)));
  const l = new Set(contentStems(subjectOf(stated.loser)));
  const hits = (set: string[], side: Set<string>) => set.filter((x) => side.has(x)).length;
  const straight = hits(onlyA, w) + hits(onlyB, l);
  const crossed = hits(onlyA, l) + hits(onlyB, w);
  return crossed >= 2 && hits(onlyA, l) > 0 && hits(onlyB, w) > 0 && crossed > straight;
}

/** The noun phrase a comparison side is about: up to its verb ("S2ORC contains three times" → "S2ORC"). */
function subjectOf(side: string): string {
  const verb =
    /\b(?:contains?|has|have|had|is|are|was|were|achieves?|achieved|reach(?:es|ed)?|obtains?|obtained|performs?|performed|shows?|showed|yields?|yielded|gets?|produces?|produced|scores?|scored|does|did)\b/i.exec(
      side,
    );
  return verb && verb.index > 0 ? side.slice(0, verb.index) : side;
}

/** The quote sharing most of the claim's words. */
function bestQuote(claim: ClaimReading, quotes: Evidence[]): string {
  let best = '';
  let bestShare = -1;
  for (const q of quotes) {
    const share = measureCoverage(claim.content, [], q.quote).stemFraction;
    if (share > bestShare) {
      bestShare = share;
      best = q.quote;
    }
  }
  return best;
}

function numbersComparable(claim: ClaimReading, numeric: NumericMismatch[]): boolean {
  return numeric.some((n) => {
    const found = readMeasuredQuantities(n.found)[0];
    const claimed = claim.quantities.find((q) => q.number.text === n.claimed);
    if (!found || !claimed) return true;
    return !(claimed.count || found.count) || claimed.measure[0] === found.measure[0];
  });
}

/**
 * Coverage of the quotes, where an entity counts as carried when the quote's own passage names it
 * ("in the UK" two sentences earlier): the figures must be in the quotes themselves.
 */
function quoteCoverage(claim: ClaimReading, needed: MeasuredQuantity[], evidence: Evidence[], passages: CandidatePassage[]): Coverage {
  const quoteText = evidence.map((e) => e.quote).join(' ');
  const coverage = measureCoverage(claim.content, needed, quoteText);
  const context = passages
    .filter((p) => evidence.some((e) => e.passageId === p.id))
    .map((p) => `${p.paperTitle ?? ''} ${p.text}`)
    .join(' ');
  if (context === '' || coverage.missingEntities.length === 0) return coverage;
  const inContext = measureCoverage(claim.content, [], context);
  const self = new Set(
    evidence.flatMap((e) => {
      const passage = passages.find((p) => p.id === e.passageId);
      return passage ? [...selfWords(claim, passage, e.quote, coverage)] : [];
    }),
  );
  const missingEntities = coverage.missingEntities.filter((e) => inContext.missingEntities.includes(e) && !self.has(e.toLowerCase()));
  const entityFraction = claim.content.entities.length === 0 ? 1 : 1 - missingEntities.length / claim.content.entities.length;
  return { ...coverage, missingEntities, entityFraction };
}

function sentenceStatingFigures(sentences: Sentence[], evidence: Evidence[], claim: ClaimReading, needed: MeasuredQuantity[]): Sentence | null {
  if (needed.length === 0) return null;
  const quoted = measureCoverage(claim.content, needed, evidence.map((e) => e.quote).join(' '));
  if (quoted.quantitiesMissing === 0) return null;
  const quotedText = new Set(evidence.map((e) => e.quote));
  return (
    sentences.find(
      (s) => !quotedText.has(s.text) && s.coverage.quantitiesFound > 0 && s.coverage.quantityConflicts.length === 0 && s.coverage.stemFraction >= 0.25,
    ) ?? null
  );
}

function withoutTableFigures(quantities: MeasuredQuantity[], readings: CellReading[]): MeasuredQuantity[] {
  return quantities.filter((q) => !readings.some((r) => r.claimed.text === q.number.text));
}

function describeMissing(claim: ClaimReading, quoteText: string): string {
  const coverage = measureCoverage(claim.content, claim.quantities, quoteText);
  const parts: string[] = [];
  if (coverage.otherVersions.length > 0)
    parts.push(coverage.otherVersions.map((v) => `names ${v.found}, not ${v.claimed}`).join('; '));
  else if (coverage.missingEntities.length > 0) parts.push(`missing ${coverage.missingEntities.join(', ')}`);
  if (coverage.quantitiesMissing > 0) parts.push(`${coverage.quantitiesMissing} figure(s) not stated`);
  if (parts.length === 0) parts.push(`shares ${Math.round(coverage.stemFraction * 100)}% of its content words`);
  return parts.join('; ');
}

function sentenceEvidence(sentence: Sentence): Evidence {
  return {
    passageId: sentence.passage.id,
    paperId: sentence.passage.paperId,
    quote: sentence.text,
    location: describeLocation({ page: sentence.passage.page, sectionPath: sentence.passage.sectionPath }),
    charStart: sentence.passage.charStart + sentence.start,
    charEnd: sentence.passage.charStart + sentence.end,
  };
}

function cellEvidence(reading: CellReading, input: VerificationInput): Evidence[] {
  const rows = reading.baselineRow === undefined ? [reading.row] : [reading.row, reading.baselineRow];
  return rows.map((r) => {
    const { table } = reading;
    const cell = table.rows[r]!.cells[reading.column]!;
    const row = rowLabels(table, r);
    const column = (table.columnHeaders[reading.column] ?? []).filter((h) => h !== '');
    return {
      passageId: null,
      paperId: table.paperId ?? input.claim.paperId ?? '',
      quote: cell.text,
      location: `${table.label}${table.page === null ? '' : `, p. ${table.page}`}`,
      cell: { table: table.label, row, column, text: cell.text, address: `${table.label}, row ${row.join(' > ')}, column ${column.join(' > ')}: ${cell.text}` },
    };
  });
}

function rowLabels(table: CellReading['table'], r: number): string[] {
  const row = table.rows[r]!;
  const own = row.cells.slice(0, table.rowHeaderColumns).map((c) => c.text).filter(Boolean);
  return row.group ? [row.group, ...own] : own;
}

function finish(
  base: VerificationResult,
  verdict: Verdict,
  confidence: number,
  evidence: Evidence[],
  checks: VerdictCheck[],
  numeric?: NumericMismatch[],
  reason?: string,
): VerificationResult {
  const result: VerificationResult = { ...base, verdict, confidence, evidence: verdict === 'NOT_ENOUGH_INFO' ? [] : evidence };
  if (checks.length > 0) result.checks = checks;
  if (numeric) result.numeric = numeric;
  else if (verdict !== base.verdict && verdict !== 'REFUTED') delete result.numeric;
  if (reason && verdict !== base.verdict) result.rationale = `${reason} (engine said ${base.verdict}: ${base.rationale})`;
  // A check that decided the verdict (a table cell, a negation) verified the claim even where the engine
  // could not; the engine's failure stays in the rationale and the check in `checks`.
  if (verdict !== base.verdict) delete result.unverifiedReason;
  return result;
}

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
