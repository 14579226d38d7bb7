import { contentStems } from '../tokenize.ts';

/**
 * Two sides the claim sets against each other, put the other way round by the paper. Reviewers turn
 * a contrast around when they paraphrase: "gists replace the paper text rather than appear alongside
 * it" for "supplement, rather than replace, original paper text"; "from 6 hours before to 2 hours
 * after" for "from 2 hours prior to 6 hours after". Returns what the paper says, or null.
 */
export function readSwappedContrast(claim: string, sentence: string): string | null {
  return swappedRange(claim, sentence) ?? swappedPreference(claim, sentence);
}

/** "A rather than B", "A instead of B": what is preferred, and over what. */
const CONTRAST = /\b(?:rather\s+than|instead\s+of)\b/i;

/** Content words on each side of a contrast, up to the sentence's other clauses. */
const SIDE_WORDS = 5;

function sides(text: string): { left: Set<string>; right: Set<string>; said: string } | null {
  const match = CONTRAST.exec(text);
  if (!match) return null;
  const before =
    text
      .slice(0, match.index)
      .split(/[.;:!?]\s/)
      .at(-1) ?? '';
  const after = text.slice(match.index + match[0].length).split(/[.;:!?](?:\s|$)/)[0] ?? '';
  const left = contentStems(before).slice(-SIDE_WORDS);
  const right = contentStems(after).slice(0, SIDE_WORDS);
  if (left.length === 0 || right.length === 0) return null;
  const said = `${before.trim().split(/\s+/).slice(-4).join(' ')} ${match[0]} ${after.trim().split(/\s+/).slice(0, 4).join(' ')}`;
  return { left: new Set(left), right: new Set(right), said };
}

/**
 * Both set one thing against another, and the claim's preferred side is the paper's rejected one (and
 * the other way round) by a clear margin of shared words; a claim that keeps the paper's order, or
 * whose sides the paper's words do not tell apart, is left to the other checks.
 */
function swappedPreference(claim: string, sentence: string): string | null {
  const claimed = sides(claim);
  const stated = sides(sentence);
  if (!claimed || !stated) return null;
  const shared = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;
  const crossed = shared(claimed.left, stated.right) + shared(claimed.right, stated.left);
  const straight = shared(claimed.left, stated.left) + shared(claimed.right, stated.right);
  return crossed >= 3 && crossed >= straight + 2 ? `the paper says "${stated.said.trim()}", the other way round` : null;
}

/** "from 6 hours before to 2 hours after": the two ends of a range, in order. */
const RANGE = /\bfrom\s+(?:\S+\s+){0,2}?(\d+(?:\.\d+)?)\b[^.;]{0,40}?\bto\s+(?:\S+\s+){0,2}?(\d+(?:\.\d+)?)\b/i;

/** The paper's range has the claim's two ends the other way round. */
function swappedRange(claim: string, sentence: string): string | null {
  const claimed = RANGE.exec(claim);
  const stated = RANGE.exec(sentence);
  if (!claimed || !stated) return null;
  const [, a, b] = claimed.map(Number) as [number, number, number];
  const [, x, y] = stated.map(Number) as [number, number, number];
  return a !== b && a === y && b === x ? `the paper says "${stated[0]}", the other way round` : null;
}
