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

/**
 * Lower-cased word and number tokens, numbered citations left out (a claim drops "[28]" where its
 * sentence keeps it); "us" is the paper's "we" in object position.
 */
function tokens(text: string): string[] {
  return (text.replace(CITATION, ' ').toLowerCase().match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? [])
    .filter((t) => t !== 'that')
    .map((t) => (t === 'us' ? 'we' : t));
}

/** A numbered citation: "[28]", "[ 18 ]", "[3, 5–7]". */
const CITATION = /\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]/g;

/** The short name in "the CiteSee authors", wherever it stands: what the decontextualiser put for "we" and "our". */
const AUTHORS_NAME = /\bthe ((?:[\p{Lu}\p{N}][\p{L}\p{N}'’-]*\s+){1,4})authors\b/gu;

/**
 * Whether `sentence` states `claim` verbatim: the claim's words (after its attribution) appear in the
 * sentence as one contiguous run, and the sentence's words before that run neither negate nor
 * suspend it ("we test whether …", "it is not the case that …"). Inside the claim, each "the <name>
 * authors" may stand for the paper's "we"/"us", and each "the <name>" for its "our" or "the" ("we
 * found our strategy …" → "the CiteSee authors found the CiteSee strategy …", "gives us worse results"
 * → "gives the AMDCN authors worse results"), for the name in any "the <name> authors" of the claim
 * and for `selfNames`, the names the paper goes by (see selfNamesOf); "the authors" and "the
 * authors’" stand for "we" and "our" whatever the name.
 */
export function statesVerbatim(claim: string, sentence: string, selfNames: readonly string[] = []): boolean {
  const core = tokens(claim.trim().replace(ATTRIBUTION, ''));
  if (core.length < MIN_TOKENS) return false;
  const words = tokens(sentence);
  const names = [...new Set([...[...claim.matchAll(AUTHORS_NAME)].map((m) => m[1]!.trim()), ...selfNames])]
    .map(tokens)
    .filter((name) => name.length > 0);
  for (let at = 0; at < words.length; at++) {
    // "On the other hand, …" contrasts; it does not suspend what follows.
    const before = words.slice(0, at).join(' ').replace(/\bon the other hand\b/g, '');
    if (matchesFrom(core, 0, words, at, names) && !SUSPENDING.test(before)) return true;
  }
  return false;
}

/** Whether claim tokens from `i` on match sentence tokens from `j` on, the paper's self-references allowed. */
function matchesFrom(claim: string[], i: number, words: string[], j: number, names: string[][]): boolean {
  if (i === claim.length) return true;
  if (j === words.length) return false;
  if (claim[i] === words[j] && matchesFrom(claim, i + 1, words, j + 1, names)) return true;
  if (claim[i] !== 'the') return false;
  // "the authors" → we, "the authors’" (tokenised as "the authors") → our.
  if (claim[i + 1] === 'authors' && (words[j] === 'we' || words[j] === 'our')) {
    if (matchesFrom(claim, i + 2, words, j + 1, names)) return true;
  }
  for (const name of names) {
    if (!name.every((t, k) => claim[i + 1 + k] === t)) continue;
    const after = i + 1 + name.length;
    if (claim[after] === 'authors' && words[j] === 'we' && matchesFrom(claim, after + 1, words, j + 1, names)) return true;
    if ((words[j] === 'our' || words[j] === 'the') && matchesFrom(claim, after, words, j + 1, names)) return true;
  }
  return false;
}

/**
 * The names a paper goes by, read from its title, for a claim that names it where the paper says
 * "our": the part before a colon ("CiteSee: Augmenting Citations …" → CiteSee), and any acronym in
 * the claim spelled by the initials of consecutive title words ("Aggregated Multicolumn Dilated
 * Convolution Network" → AMDCN).
 */
export function selfNamesOf(claim: string, title: string | null | undefined): string[] {
  if (!title) return [];
  const names: string[] = [];
  const lead = /^([^:]{1,40}):/.exec(title)?.[1]?.trim();
  if (lead && lead.split(/\s+/).length <= 3) names.push(lead);
  const initials = (title.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w[0]!.toUpperCase()).join('');
  for (const acronym of claim.match(/\b[A-Z][A-Z0-9]{2,9}\b/g) ?? []) {
    if (initials.includes(acronym) && !names.includes(acronym)) names.push(acronym);
  }
  return names;
}
