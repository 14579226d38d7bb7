/**
 * How strongly a finding is stated. A claim that says more than its evidence — "on all tasks" where
 * the paper says "on some", "outperforms" where it says "comparable", "does" where it says "may" —
 * is at most PARTIAL.
 */

const UNIVERSAL =
  /\b(?:all|every|each|always|consistently|uniformly|across (?:all|the board)|in (?:all|every) (?:cases?|settings?|tasks?|languages?))\b/i;
const PARTIAL_SCOPE =
  /\b(?:some|several|many|most|a few|certain|mixed|not all|the majority|half|in (?:a|some) cases|\d+ (?:of|out of) (?:the )?\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s+[\w-]+){0,3}?\s+(?:datasets|tasks|languages|benchmarks|domains|settings|models|corpora))\b/i;
const BEATS =
  /\b(?:outperform\w*|underperform\w*|better|worse|superior|inferior|beat(?:s)?|surpass\w*|significantly (?:improv\w*|higher|better|lower|worse))\b/i;
const PARITY =
  /\b(?:comparabl[ey]|on (?:a )?par|similar(?:ly)?|competitive|match(?:es|ed|ing)?|rivals?|close to|roughly (?:the same|equal)|no significant difference|statistically indistinguishable)\b/i;
const HEDGE =
  /\b(?:may|might|could|suggests?|suggested|possibly|potentially|appears? to|seems? to|likely|preliminary|tentative(?:ly)?|we hypothesi[sz]e)\b/i;
const SIGNIFICANT = /\bsignifican\w*|\bsubstantial\w*|\blarge(?:ly)?\b|\bdramatic\w*|\bmarked(?:ly)?\b/i;
const SMALL = /\b(?:slight(?:ly)?|marginal(?:ly)?|modest(?:ly)?|small|minor|little)\b/i;

/** Why the claim overstates the evidence sentence, or null when it does not. */
export function overstatement(claim: string, evidence: string): string | null {
  if (UNIVERSAL.test(claim) && !UNIVERSAL.test(evidence) && PARTIAL_SCOPE.test(evidence))
    return `the claim generalises ("${UNIVERSAL.exec(claim)?.[0]}") where the evidence says "${PARTIAL_SCOPE.exec(evidence)?.[0]}"`;
  if (BEATS.test(claim) && !BEATS.test(evidence) && PARITY.test(evidence))
    return `the claim says "${BEATS.exec(claim)?.[0]}" where the evidence says "${PARITY.exec(evidence)?.[0]}"`;
  if (!HEDGE.test(claim) && HEDGE.test(evidence))
    return `the evidence is hedged ("${HEDGE.exec(evidence)?.[0]}") where the claim is not`;
  if (SIGNIFICANT.test(claim) && !SIGNIFICANT.test(evidence) && SMALL.test(evidence))
    return `the claim calls the effect "${SIGNIFICANT.exec(claim)?.[0]}" where the evidence calls it "${SMALL.exec(evidence)?.[0]}"`;
  return null;
}
