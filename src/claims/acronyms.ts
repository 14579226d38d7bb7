/**
 * Acronyms a paper defines ("neural network joint model (NNJM)"), so a claim that says "NNJM" can be
 * scored against a question that says "neural network joint model". Only the scoring text is
 * expanded: the claim keeps the paper's own words.
 */

const DEFINITION = /((?:[\p{L}][\p{L}\d-]*\s+){0,7}[\p{L}][\p{L}\d-]*)\s*\((\p{Lu}[\p{Lu}\d]{1,9})s?\)/gu;

/** Acronym → its long form, for every "long form (ACRONYM)" whose words' initials spell the acronym. */
export function definedAcronyms(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(DEFINITION)) {
    const acronym = match[2]!;
    if (found.has(acronym)) continue;
    const words = match[1]!.split(/\s+/);
    const letters = acronym.replace(/\d/g, '').toLowerCase();
    // The shortest run of trailing words whose initials (and hyphenated parts') spell the acronym.
    for (let n = 1; n <= words.length; n++) {
      const tail = words.slice(-n);
      const initials = tail
        .flatMap((w) => w.split('-'))
        .map((w) => w.charAt(0).toLowerCase())
        .join('');
      if (initials === letters || tail.map((w) => w.charAt(0).toLowerCase()).join('') === letters) {
        found.set(acronym, tail.join(' '));
        break;
      }
    }
  }
  return found;
}

/** `text` with the long form of each defined acronym it uses appended (for scoring only). */
export function withExpansions(text: string, acronyms: Map<string, string>): string {
  const extra: string[] = [];
  for (const [acronym, long] of acronyms) {
    if (new RegExp(`\\b${acronym}s?\\b`).test(text)) extra.push(long);
  }
  return extra.length === 0 ? text : `${text} ${extra.join(' ')}`;
}
