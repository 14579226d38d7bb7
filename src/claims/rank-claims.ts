/**
 * Ranks a paper's claims the way a reader of the paper would: its findings first, by how central they
 * are (stated in the abstract, and again in the results or conclusion, ranks highest), then by
 * relevance to the question. Near-duplicates merge into one claim that keeps every location. A cap
 * bounds the rest, never a headline finding. Both engines (embedded rules, LLM) rank through here.
 */
import { contentStems } from '../core/relevance.ts';
import { normalizeForMatch } from '../core/text.ts';
import type { ClaimLocation } from '../core/types.ts';
import type { ExtractedClaim } from './claim-extractor.ts';
import type { SectionRole } from './claim-worthiness.ts';
import type { FindingKind } from './finding-kind.ts';

/** At or above this centrality a claim is a headline finding of its paper. */
export const CENTRAL_AT = 0.75;
const DUPLICATE_JACCARD = 0.8;
/** Share of a restated finding's content words the other statement must repeat. */
const RESTATED_OVERLAP = 0.5;
/**
 * With a question, relevance is the geometric mean of the question score and the claim's centrality
 * (centrality's weight lower when the question asks about the method): a finding ranks above the
 * paper's statement of scope that repeats the question's words, and a claim the question does not
 * touch stays at 0 however central it is to its paper.
 */
const CENTRALITY_WEIGHT = 0.5;
const CENTRALITY_WEIGHT_METHOD_ASKED = 0.2;

export interface RankCandidate {
  claim: ExtractedClaim;
  /** The cleaned source sentence (before decontextualisation), for restatement checks. */
  source: string;
  role: SectionRole;
  inAbstract: boolean;
  kind: FindingKind;
  /** 0–1 how much the sentence reads like a checkable claim (embedded) or the model's own rating (LLM). */
  worthiness: number;
  /** A claim read from a results table (row against its baseline). */
  fromTable?: boolean;
}

export interface RankOptions {
  /** Lexical relevance of a claim text to the question, 0–1; absent without a question. */
  questionScore?: (text: string) => number;
  /** The question is about the method: its details and hyperparameters rank as findings do. */
  methodAsked?: boolean;
  /** Claims beyond the headline findings, at most (default: no bound). */
  maxClaims?: number;
}

interface Merged extends RankCandidate {
  words: Set<string>;
  stems: Set<string>;
  roles: Set<SectionRole>;
  locations: ClaimLocation[];
}

/** Merged, ranked claims with `centrality` and `relevance` set; headline findings are never cut. */
export function rankClaims(candidates: RankCandidate[], options: RankOptions = {}): ExtractedClaim[] {
  const merged = mergeDuplicates(candidates);
  const scored = merged.map((m) => {
    const centrality = centralityOf(m, merged, options.methodAsked === true);
    const rank = options.questionScore
      ? weightedMean(
          options.questionScore(m.claim.text),
          centrality,
          options.methodAsked ? CENTRALITY_WEIGHT_METHOD_ASKED : CENTRALITY_WEIGHT,
        )
      : 0.8 * centrality + 0.2 * m.worthiness;
    const claim: ExtractedClaim = { ...m.claim, centrality: round(centrality), relevance: round(rank) };
    if (m.locations.length > 0) claim.locations = m.locations;
    return claim;
  });
  scored.sort(
    (a, b) =>
      b.relevance - a.relevance ||
      (b.centrality ?? 0) - (a.centrality ?? 0) ||
      (a.charStart ?? Number.MAX_SAFE_INTEGER) - (b.charStart ?? Number.MAX_SAFE_INTEGER),
  );
  return selectClaims(scored, options.maxClaims);
}

/** Every headline finding, and at most `maxClaims` of the others, in rank order. */
export function selectClaims<T extends { centrality?: number }>(ranked: T[], maxClaims: number | undefined): T[] {
  if (maxClaims === undefined) return ranked;
  const bound = Math.max(0, Math.floor(maxClaims));
  let others = 0;
  return ranked.filter((claim) => {
    if ((claim.centrality ?? 0) >= CENTRAL_AT) return true;
    others += 1;
    return others <= bound;
  });
}

/** Whether a claim is one of its paper's headline findings. */
export function isCentral(claim: { centrality?: number }): boolean {
  return (claim.centrality ?? 0) >= CENTRAL_AT;
}

/**
 * 0–1: findings above contributions above other statements above background and method details; a
 * statement in the abstract gains most, one the results or conclusion repeat gains more.
 */
function centralityOf(m: Merged, all: Merged[], methodAsked: boolean): number {
  // Asked about the method, its details are what the reader wants: they rank as findings do.
  const kind = m.kind === 'method-detail' && methodAsked ? 'finding' : m.kind;
  const base: Record<FindingKind, number> = {
    finding: 0.45,
    contribution: 0.38,
    other: 0.2,
    background: 0.08,
    'method-detail': 0.05,
  };
  let score = base[kind] + 0.1 * m.worthiness;
  const restated = all.some((other) => other !== m && restates(other, m));
  const inAbstract = m.inAbstract || m.roles.has('abstract');
  const headlineKind = kind === 'finding' || kind === 'contribution';
  // The abstract's findings first, then what it says the paper contributes.
  if (inAbstract) score += kind === 'finding' ? 0.35 : kind === 'contribution' ? 0.25 : 0.1;
  if (restated) score += 0.1;
  if (m.roles.has('results') || m.roles.has('conclusion')) score += 0.06;
  if (m.roles.has('related')) score -= 0.15;
  if (m.fromTable) score -= 0.05;
  // A headline: a finding or contribution of the abstract, or a finding the conclusion states and
  // the body repeats.
  const central =
    headlineKind && (inAbstract || (kind === 'finding' && m.roles.has('conclusion') && restated && !m.fromTable));
  score = Math.max(0, Math.min(1, score));
  return central ? Math.max(score, CENTRAL_AT) : Math.min(score, CENTRAL_AT - 0.01);
}

/** `other` states `m` again elsewhere in the paper: most of `m`'s content words, and its figures. */
function restates(other: Merged, m: Merged): boolean {
  if (other.roles.size === m.roles.size && [...other.roles].every((r) => m.roles.has(r))) return false;
  if (m.stems.size === 0) return false;
  let shared = 0;
  for (const s of m.stems) if (other.stems.has(s)) shared++;
  if (shared / m.stems.size < RESTATED_OVERLAP) return false;
  const theirs = new Set(figuresOf(other.source).split(' '));
  return figuresOf(m.source)
    .split(' ')
    .every((f) => f === '' || theirs.has(f));
}

/** Near-identical claims (the abstract's sentence again in the conclusion) become one, keeping every span. */
function mergeDuplicates(candidates: RankCandidate[]): Merged[] {
  const ranked = [...candidates].sort(
    (a, b) => Number(b.inAbstract) - Number(a.inAbstract) || b.worthiness - a.worthiness,
  );
  const kept: Merged[] = [];
  for (const c of ranked) {
    const words = new Set(normalizeForMatch(c.claim.text).split(' '));
    const numbers = figuresOf(c.claim.text);
    // Near-identical wording with other figures ("… Ar-En BLEU by +1.4 …" and "… Ch-En BLEU by +0.8 …")
    // is two claims, and so is every table row (their wording is a template).
    const twin = kept.find(
      (k) =>
        !c.fromTable &&
        !k.fromTable &&
        k.kind === c.kind &&
        jaccard(k.words, words) >= DUPLICATE_JACCARD &&
        figuresOf(k.claim.text) === numbers,
    );
    if (twin) {
      twin.roles.add(c.role);
      twin.inAbstract ||= c.inAbstract;
      twin.worthiness = Math.max(twin.worthiness, c.worthiness);
      if (c.claim.charStart !== null && c.claim.charEnd !== null && c.claim.charStart !== twin.claim.charStart) {
        twin.locations.push({ passageId: c.claim.passageId, charStart: c.claim.charStart, charEnd: c.claim.charEnd });
      }
      twin.locations.push(...(c.claim.locations ?? []));
      continue;
    }
    kept.push({
      ...c,
      words,
      stems: new Set(contentStems(c.source)),
      roles: new Set([c.role]),
      locations: [...(c.claim.locations ?? [])],
    });
  }
  return kept;
}

/** The figures a text states, in order: two claims with other figures never merge. */
function figuresOf(text: string): string {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).join(' ');
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** q^(1−w) · c^w: 0 when either is 0. */
function weightedMean(question: number, centrality: number, weight: number): number {
  if (question <= 0 || centrality <= 0) return 0;
  return question ** (1 - weight) * centrality ** weight;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
