import { contentStems } from './relevance.ts';

/**
 * What a question is about, as facets a piece of evidence must cover to answer it directly:
 * named things (benchmarks, models, datasets: "HumanEval-X", "BERT") and the content phrases between
 * stop words ("intermediate-task training", "code generation").
 */
export interface QuestionFacets {
  entities: string[];
  phrases: string[];
}

const QUESTION_WORDS = new Set(
  `what which how does do did is are was were whether why when who the a an of on in to for by as with and or
   measured impact effect effects influence role use using between than there any
   improve improves affect affects help helps increase increases reduce reduces outperform outperforms compare
   compared benefit benefits boost boosts hurt hurts lead leads cause causes yield yields enable enables change changes`.split(
    /\s+/,
  ),
);

export function questionFacets(question: string): QuestionFacets {
  const words = question.match(/[\p{L}\p{N}@.+#]+(?:[-/][\p{L}\p{N}@.+#]+)*/gu) ?? [];
  const entities = new Set<string>();
  const phrases: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) phrases.push(run.join(' '));
    run = [];
  };
  for (const raw of words) {
    const word = raw.replace(/[.]+$/, '');
    if (isEntity(word)) {
      entities.add(word);
      flush();
    } else if (QUESTION_WORDS.has(word.toLowerCase()) || contentStems(word).length === 0) flush();
    else run.push(word);
  }
  flush();
  // Long runs are split into phrases of at most three words, keeping the head (last words) together.
  const bounded = phrases.flatMap((phrase) => {
    const words = phrase.split(' ');
    const out: string[] = [];
    for (let end = words.length; end > 0; end -= 3) out.unshift(words.slice(Math.max(0, end - 3), end).join(' '));
    return out;
  });
  return { entities: [...entities], phrases: bounded };
}

/** The head of a phrase (its last two words), which search queries use: modifiers narrow too much. */
export function phraseHead(phrase: string): string {
  return phrase.split(' ').slice(-2).join(' ');
}

/** Mixed case inside the word, digits, or all caps: a name, not an ordinary word. */
function isEntity(word: string): boolean {
  if (word.length < 2) return false;
  if (/\d/.test(word) && /\p{L}/u.test(word)) return true;
  if (/^\p{Lu}{2,}/u.test(word) || /^\p{L}[+#]+$/u.test(word)) return true;
  return /^\p{Lu}/u.test(word) && /\p{Ll}\p{Lu}|-\p{Lu}/u.test(word);
}

/** Which facets a text mentions (entities literally, phrases by all their content stems). */
export function facetCoverage(text: string, facets: QuestionFacets): { covered: string[]; missing: string[] } {
  const lower = text.toLowerCase();
  const stems = new Set(contentStems(text));
  const covered: string[] = [];
  const missing: string[] = [];
  for (const entity of facets.entities) {
    (lower.includes(entity.toLowerCase()) ? covered : missing).push(entity);
  }
  for (const phrase of facets.phrases) {
    // One stem per word: "non-English" must be met as a whole, not through its part "English".
    const needed = phrase.split(/\s+/).flatMap((word) => contentStems(word).slice(0, 1));
    const hit = needed.filter((s) => stems.has(s)).length;
    (needed.length > 0 && hit / needed.length >= 0.5 ? covered : missing).push(phrase);
  }
  return { covered, missing };
}
