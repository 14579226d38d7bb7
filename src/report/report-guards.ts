import { nonEvidenceKind } from '../core/evidence-quality.ts';
import { findVerbatim } from '../core/text.ts';
import { findTruncation } from '../core/truncation.ts';
import { checkExcludedClaimsUncited } from './answer-support-guard.ts';
import type { ReportClaim, ReportModel } from './report-model.ts';

/**
 * Checks a report must pass before anything is written. Each returned string names one failed
 * check and the input it failed on; an empty list means the report may be written.
 *
 * `texts(paperId)` returns the stored full text of a paper (undefined when there is none).
 */
export function checkReportGuards(model: ReportModel, texts: (paperId: string) => string | undefined): string[] {
  return [
    ...checkQuotes(model, texts),
    ...checkQuoteKinds(model),
    ...checkAnswerNumbers(model),
    ...checkCounts(model),
    ...checkPaperIds(model),
    ...checkClaimTexts(model),
    ...checkFindings(model),
    ...checkExcludedClaimsUncited(model),
  ];
}

/**
 * The structured answer rests on the claims table: every finding, evidence row and facet names claims
 * that are in it, every size a finding shows is written in its claim, and every finding's claim is
 * cited by the answer.
 */
export function checkFindings(model: ReportModel): string[] {
  const failures: string[] = [];
  const byNumber = new Map(model.claims.map((c) => [c.n, c]));
  const cited = new Set(model.answer.cited_claims);
  for (const finding of model.answer.findings) {
    for (const effect of finding.effects) {
      const claim = byNumber.get(effect.claim);
      if (!claim)
        failures.push(`finding on "${finding.outcome}" names claim ${effect.claim}, which is not in the claims table`);
      else if (effect.size !== null && !claim.text.includes(effect.size))
        failures.push(`finding on "${finding.outcome}": size "${effect.size}" is not written in claim ${effect.claim}`);
      if (!cited.has(effect.claim))
        failures.push(`finding on "${finding.outcome}": claim ${effect.claim} is not cited by the answer`);
    }
  }
  for (const row of model.answer.evidence_table)
    for (const n of row.claims)
      if (!byNumber.has(n))
        failures.push(`evidence row of ${row.paper_id} names claim ${n}, which is not in the claims table`);
  for (const facet of model.facets)
    for (const n of facet.covered_by)
      if (!byNumber.has(n)) failures.push(`facet "${facet.label}" names claim ${n}, which is not in the claims table`);
  return failures;
}

/** Every evidence quote is a verbatim (whitespace-normalised) substring of its paper's stored text. */
export function checkQuotes(model: ReportModel, texts: (paperId: string) => string | undefined): string[] {
  const failures: string[] = [];
  for (const claim of model.claims) {
    claim.evidence.forEach((e, i) => {
      const where = `claim ${claim.n}, quote ${i + 1} (${e.paper_id}, ${e.location})`;
      const text = texts(e.paper_id);
      if (text === undefined) failures.push(`quote not verifiable: ${where}: no stored text for paper ${e.paper_id}`);
      else if (!findVerbatim(text, e.quote)) {
        failures.push(`quote not verbatim: ${where}: "${preview(e.quote)}" is not in the paper's stored text`);
      }
    });
  }
  return failures;
}

/**
 * No evidence quote is a heading, a title-and-author line, a reference entry, a caption alone, a table
 * number dump or text addressed to the verifier: such text states no finding. Table cells are shown
 * as cells with their headers, never as prose quotes.
 */
export function checkQuoteKinds(model: ReportModel): string[] {
  const failures: string[] = [];
  for (const claim of model.claims) {
    claim.evidence.forEach((e, i) => {
      if (e.cell) return;
      const kind = nonEvidenceKind(e.quote);
      if (kind)
        failures.push(`quote is a ${kind}, not evidence: claim ${claim.n}, quote ${i + 1}: "${preview(e.quote)}"`);
    });
  }
  return failures;
}

/**
 * Every number in the answer appears, as written, in a claim the answer cites (its text, numeric
 * mismatches or experiment figures). Claim references ("claim 3", "claims 2 and 5", "[3]", "[2, 4]")
 * and years (1900–2099) are not quantities and are skipped.
 */
export function checkAnswerNumbers(model: ReportModel): string[] {
  const failures: string[] = [];
  const byNumber = new Map(model.claims.map((c) => [c.n, c]));
  const cited: ReportClaim[] = [];
  for (const n of model.answer.cited_claims) {
    const claim = byNumber.get(n);
    if (claim) cited.push(claim);
    else failures.push(`answer cites claim ${n}, which is not in the claims table`);
  }
  // Numbers the question itself contains (e.g. "GPT-4") may be repeated; any other figure must come from a cited claim.
  // A cited paper's title is a name: "S2ORC" or "GPT-4" in it is not a figure.
  const titles = new Map(model.papers.map((p) => [p.id, p.title]));
  const available = new Set([
    ...cited.flatMap((c) => numberTokens(claimNumberText(c))),
    ...cited.flatMap((c) => numberTokens(titles.get(c.paper_id) ?? '')),
    ...numberTokens(model.question),
  ]);
  for (const token of numberTokens(stripClaimReferences(model.answer.summary))) {
    if (isYear(token) || available.has(token)) continue;
    const citedList = cited.map((c) => c.n).join(', ') || 'none';
    failures.push(`answer number not in a cited claim: ${token} (cited claims: ${citedList})`);
  }
  return failures;
}

/** identified = duplicates + screened; screened = excluded + full text unavailable + included = papers. */
export function checkCounts(model: ReportModel): string[] {
  const c = model.counts;
  const failures: string[] = [];
  if (c.identified !== c.duplicates + c.screened) {
    failures.push(
      `counts do not add up: identified ${c.identified} ≠ duplicates ${c.duplicates} + screened ${c.screened}`,
    );
  }
  if (c.screened !== c.excluded + c.full_text_unavailable + c.included) {
    failures.push(
      `counts do not add up: screened ${c.screened} ≠ excluded ${c.excluded} + full text unavailable ${c.full_text_unavailable} + included ${c.included}`,
    );
  }
  if (c.included !== model.papers.length) {
    failures.push(`counts do not add up: included ${c.included} ≠ ${model.papers.length} papers in the reference list`);
  }
  // Every record left out must carry its reason, so each stage's count matches its exclusion list.
  const stages = [
    ['duplicate', 'duplicates', c.duplicates],
    ['screening', 'excluded', c.excluded],
    ['full_text', 'full text unavailable', c.full_text_unavailable],
  ] as const;
  for (const [stage, label, count] of stages) {
    const listed = model.method.exclusions.filter((e) => e.stage === stage).length;
    if (listed !== count) {
      failures.push(`exclusion reasons missing: ${label} count is ${count} but ${listed} records list a reason`);
    }
  }
  return failures;
}

/** Every paper a claim, quote, cross-reference or contradiction names is in the reference list. */
export function checkPaperIds(model: ReportModel): string[] {
  const failures: string[] = [];
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const p of model.papers) {
    if (ids.has(p.id)) failures.push(`paper listed twice: ${p.id}`);
    if (keys.has(p.cite_key)) failures.push(`cite key used twice: ${p.cite_key} (${p.id})`);
    ids.add(p.id);
    keys.add(p.cite_key);
  }
  const need = (id: string, where: string) => {
    if (!ids.has(id)) failures.push(`unknown paper: ${where} names ${id}, which is not in papers`);
  };
  const numbers = new Set<number>();
  for (const claim of model.claims) {
    if (numbers.has(claim.n)) failures.push(`claim number used twice: ${claim.n}`);
    numbers.add(claim.n);
    need(claim.paper_id, `claim ${claim.n}`);
    for (const e of claim.evidence) need(e.paper_id, `claim ${claim.n} evidence`);
    for (const id of claim.corroborating) need(id, `claim ${claim.n} corroborating`);
    for (const id of claim.contradicting) need(id, `claim ${claim.n} contradicting`);
  }
  for (const c of model.contradictions) {
    need(c.paper_id, `contradiction on claim ${c.claim}`);
    if (!numbers.has(c.claim)) failures.push(`contradiction names claim ${c.claim}, which is not in the claims table`);
  }
  return failures;
}

/** A claim that does not end with terminal punctuation (or ends in an ellipsis) was cut. */
export function checkClaimTexts(model: ReportModel): string[] {
  const failures: string[] = [];
  for (const claim of model.claims) {
    const text = claim.text.trim();
    const cut = findTruncation(text, { requireTerminal: true });
    if (cut) failures.push(`claim text truncated: claim ${claim.n} ends "…${text.slice(-40)}": ${cut.reason}`);
  }
  return failures;
}

/** Number tokens as written ("71.3", "1,104"), without sign; "171.3" is not "71.3". */
export function numberTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/(?<![\p{L}\p{N}_.,])\d+(?:[.,]\d+)*/gu)) tokens.push(match[0]);
  return tokens;
}

/** Removes references to claim numbers, which are not quantities. */
export function stripClaimReferences(text: string): string {
  return (
    text
      // Paper ids named in the answer ("local:2302-07302v1", "arXiv:2302.07302") are names, not figures.
      .replace(/\b(?:local|arxiv|doi|s2|acl):\S+/giu, ' ')
      // "2 included papers address the question": a count of the report's own papers, not a finding.
      .replace(/\b\d+ included papers\b/giu, ' ')
      .replace(/\bclaims?\s*#?\s*\d+(?:\s*(?:,|and|&|or|to|–|-)\s*#?\s*\d+)*/giu, ' ')
      .replace(/\[\s*\d+(?:\s*(?:,|;|–|-)\s*\d+)*\s*\]/gu, ' ')
  );
}

function isYear(token: string): boolean {
  return /^(19|20)\d\d$/.test(token);
}

function claimNumberText(claim: ReportClaim): string {
  const parts = [claim.text, ...claim.numeric.flatMap((m) => [m.claimed, m.found])];
  if (claim.experiment) parts.push(String(claim.experiment.claimed), String(claim.experiment.measured));
  return parts.join(' \n ');
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
