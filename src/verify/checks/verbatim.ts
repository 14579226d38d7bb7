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

/** The short name in "the CiteSee authors": what the decontextualiser put for "we" and "our". */
const AUTHORS_NAME = /\bthe ([^,.;]{1,60}) authors\b/iu;

/**
 * Whether `sentence` states `claim` verbatim: the claim's words (after its attribution) appear in the
 * sentence as one contiguous run, and the sentence's words before that run neither negate nor
 * suspend it ("we test whether …", "it is not the case that …"). Inside the claim, "the <name>
 * authors" and "the <name>" may stand for the paper's "we" and "our" ("we found our strategy …" →
 * "the CiteSee authors found the CiteSee strategy …"): the claim is tried with them put back too.
 */
export function statesVerbatim(claim: string, sentence: string): boolean {
  const attribution = claim.trim().match(ATTRIBUTION)?.[0] ?? '';
  const core = tokens(claim.trim().replace(ATTRIBUTION, ''));
  if (core.length < MIN_TOKENS) return false;
  const words = tokens(sentence);
  const name = AUTHORS_NAME.exec(attribution)?.[1];
  const runs = [core, ...(name ? [ownWords(core, tokens(name))] : [])];
  return runs.some((run) => {
    const at = indexOfRun(words, run);
    return at >= 0 && !SUSPENDING.test(words.slice(0, at).join(' '));
  });
}

/** "the <name> authors" → "we", then "the <name>" → "our": the paper's own words for itself. */
function ownWords(core: string[], name: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < core.length; ) {
    const named = name.length > 0 && core[i] === 'the' && name.every((t, j) => core[i + 1 + j] === t);
    if (named && core[i + 1 + name.length] === 'authors') {
      out.push('we');
      i += name.length + 2;
    } else if (named) {
      out.push('our');
      i += name.length + 1;
    } else out.push(core[i++]!);
  }
  return out;
}

function indexOfRun(words: string[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}
