import type { TableEvidence } from './table-evidence.ts';
import { type ClaimEffect, type EffectDirection, readEffects } from './read-effect.ts';

/**
 * Findings grouped by outcome across papers: for each outcome, the effects reported (direction, size,
 * the claim and paper behind each), whether the papers agree, and an evidence row per paper. Only
 * claims their paper was found to state (SUPPORTED or PARTIAL) and that report a direction count.
 */

export interface FindingClaim {
  n: number;
  text: string;
  paperId: string;
  verdict: string;
  /** Covers at least one facet of the question. */
  onQuestion: boolean;
}

export interface OutcomeEffect {
  claim: number;
  paper_id: string;
  direction: EffectDirection;
  size: string | null;
  significant: boolean;
}

export interface OutcomeFinding {
  outcome: string;
  direction: 'positive' | 'negative' | 'null' | 'mixed';
  /** One paper; several that report the same direction; several that do not. */
  agreement: 'single_paper' | 'agree' | 'disagree';
  papers: string[];
  effects: OutcomeEffect[];
}

export interface EvidenceRow {
  paper_id: string;
  method: string;
  data: string[];
  task: string[];
  metric: string[];
  /** The paper's results tables (label and caption head). */
  tables: string[];
  /** Per outcome, the direction and size this paper reports ("ease of reading: better, significant"). */
  effect: string;
  claims: number[];
}

export function groupFindings(
  claims: FindingClaim[],
  outcomeFacets: string[],
): { findings: OutcomeFinding[]; effects: Map<number, ClaimEffect[]> } {
  const effects = new Map<number, ClaimEffect[]>();
  const groups = new Map<string, OutcomeEffect[]>();
  for (const claim of claims) {
    if (claim.verdict !== 'SUPPORTED' && claim.verdict !== 'PARTIAL') continue;
    const read = readEffects(claim.text, outcomeFacets);
    effects.set(claim.n, read);
    if (!claim.onQuestion) continue;
    // A finding needs a direction and an outcome it is about; "state-of-the-art results" on nothing named is not one.
    for (const effect of read) {
      if (effect.direction === 'unclear' || effect.outcome === null) continue;
      const list = groups.get(effect.outcome) ?? [];
      if (list.some((e) => e.claim === claim.n && e.direction === effect.direction)) continue;
      list.push({
        claim: claim.n,
        paper_id: claim.paperId,
        direction: effect.direction,
        size: effect.size,
        significant: effect.significant,
      });
      groups.set(effect.outcome, list);
    }
  }
  const findings = [...groups].map(([outcome, list]): OutcomeFinding => {
    const papers = [...new Set(list.map((e) => e.paper_id))];
    const directions = new Set(list.map((e) => e.direction));
    const direction = directions.size === 1 ? ([...directions][0] as OutcomeFinding['direction']) : 'mixed';
    // Papers disagree when one paper's direction differs from another's (not within one paper).
    const perPaper = papers.map((p) => new Set(list.filter((e) => e.paper_id === p).map((e) => e.direction)));
    const disagree = perPaper.some((a, i) => perPaper.some((b, j) => j > i && ![...a].some((d) => b.has(d))));
    return {
      outcome,
      direction,
      agreement: papers.length === 1 ? 'single_paper' : disagree ? 'disagree' : 'agree',
      papers,
      effects: list,
    };
  });
  // Outcomes more papers report first, then more claims.
  findings.sort((a, b) => b.papers.length - a.papers.length || b.effects.length - a.effects.length);
  return { findings, effects };
}

/** One row per paper: what it studied and what it found, from its claims. */
export function evidenceRows(
  papers: { id: string; title: string }[],
  claims: FindingClaim[],
  effects: Map<number, ClaimEffect[]>,
  findings: OutcomeFinding[],
  tables: ReadonlyMap<string, TableEvidence> = new Map(),
): EvidenceRow[] {
  return papers.map((paper) => {
    const fromTables = tables.get(paper.id) ?? { tables: [], data: [], metric: [] };
    const own = claims.filter((c) => c.paperId === paper.id);
    const read = own.flatMap((c) => effects.get(c.n) ?? []);
    const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
    const effect = findings
      .flatMap((f) => {
        const mine = f.effects.filter((e) => e.paper_id === paper.id);
        if (mine.length === 0) return [];
        const directions = unique(mine.map((e) => EFFECT_WORD[e.direction] ?? e.direction));
        const sizes = unique(mine.map((e) => e.size));
        const significant = mine.some((e) => e.significant) ? ', significant' : '';
        return [`${f.outcome}: ${directions.join('/')}${significant}${sizes.length ? ` (${sizes.join('; ')})` : ''}`];
      })
      .join('; ');
    return {
      paper_id: paper.id,
      method: methodName(paper.title, own),
      data: unique([...read.flatMap((e) => e.data), ...fromTables.data]),
      task: unique(read.map((e) => e.outcome)),
      metric: unique([...read.map((e) => e.metric), ...fromTables.metric]),
      tables: fromTables.tables,
      effect: effect || 'no directional finding on the question',
      claims: own.map((c) => c.n),
    };
  });
}

/** The method or tool a paper is about: as its claims name it ("the CiteSee authors"), else its title's head. */
function methodName(title: string, claims: FindingClaim[]): string {
  for (const claim of claims) {
    const named = /\b[Tt]he ((?:\p{Lu}[\p{L}\p{N}-]*\s){1,4})authors\b/u.exec(claim.text)?.[1]?.trim();
    if (named) return named;
  }
  const head = title.split(/:\s/)[0]!;
  return head.split(/\s+/).length <= 6 ? head : `${head.split(/\s+/).slice(0, 6).join(' ')}…`;
}

/** How a direction reads beside its outcome: a favourable effect is "better" whatever the scale. */
const EFFECT_WORD: Record<string, string> = { positive: 'better', negative: 'worse', null: 'no effect' };
