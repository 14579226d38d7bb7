/**
 * A claim its source states word for word. Claim extraction keeps a paper's own sentence and only
 * swaps "we" for a short name ("We evaluate Paper Plain, finding …" → "The Paper Plain authors evaluate
 * Paper Plain, finding …"), so a sentence that carries the claim's words in the same order, with
 * nothing in front that negates or suspends it, states the claim. The engine can still call such a
 * pair REFUTED when a neighbouring sentence with other figures pulls its document features the other
 * way (seen on Paper Plain: the verbatim sentence was REFUTED at 0.95); this check is what stops that.
 */

/** Attribution a decontextualised claim adds in front of the paper's own words. */
const ATTRIBUTION =
  /^(?:(?:in|on|through|with|from|using|across) [^,]{1,80}, )?(?:the (?:[^,.;]{1,60} )?authors|[A-Z][\p{L}'-]+(?: (?:and|&) [A-Z][\p{L}'-]+| et al\.)? \(\d{4}\)|we)\b,? ?/iu;

/** Words before the matched span that make the sentence not assert it. */
const SUSPENDING =
  /\b(?:not|no|never|nor|neither|without|whether|if|hypothes\w*|expect\w*|predict\w*|assum\w*|may|might|could|would|should|unclear|unknown|question|test(?:s|ed)? whether|contrary|refute\w*|disprove\w*|unlike|prior work|previous work|others?)\b/i;

const MIN_TOKENS = 6;

/** Lower-cased word and number tokens; "we"/"our"/"us" are attribution, not content. */
function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? []).filter((t) => t !== 'that');
}

/**
 * Whether `sentence` states `claim` verbatim: the claim's words (after its attribution) appear in the
 * sentence as one contiguous run, and the sentence's words before that run neither negate nor
 * suspend it ("we test whether …", "it is not the case that …").
 */
export function statesVerbatim(claim: string, sentence: string): boolean {
  const core = tokens(claim.trim().replace(ATTRIBUTION, ''));
  if (core.length < MIN_TOKENS) return false;
  const words = tokens(sentence);
  const at = indexOfRun(words, core);
  if (at < 0) return false;
  const before = words.slice(0, at).join(' ');
  return !SUSPENDING.test(before);
}

function indexOfRun(words: string[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}
