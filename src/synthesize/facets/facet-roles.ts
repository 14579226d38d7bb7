import { contentStems } from '../../core/relevance.ts';
import { languageQualifier, PEOPLE_NOUNS } from './facet-lexicon.ts';

/**
 * A question's facets with the part each plays (PICO-style): what is applied (intervention), to whom or
 * in which language (population), what changes (outcome), how it is measured (measure), against what
 * (comparison). A question with none of these shapes has topic facets. Every facet but a comparison
 * is required: evidence that misses one does not answer the question as asked.
 */
export type FacetRole = 'intervention' | 'population' | 'outcome' | 'measure' | 'comparison' | 'topic';

export interface Facet {
  /** "f1", "f2", … in the order below (stable for one question). */
  id: string;
  /** As the question writes it: "non-English", "code generation", "HumanEval-X". */
  label: string;
  role: FacetRole;
  required: boolean;
}

const ROLE_ORDER: FacetRole[] = ['intervention', 'population', 'outcome', 'measure', 'comparison', 'topic'];

const MEASURE_CLAUSE =
  /,?\s*\b(?:as\s+)?(?:measured|evaluated|assessed|benchmarked|quantified|tested|scored)\s+(?:by|on|with|using|in|through)\s+(?:the\s+)?(.+)$/i;
const BENCHMARK_CLAUSE = /,?\s*\b(?:on|using)\s+(?:the\s+)?(\S+)\s+benchmark\b.*$/i;
const COMPARISON_CLAUSE =
  /,?\s*\b(?:compared\s+(?:to|with)|versus|vs\.?|relative\s+to|rather\s+than|instead\s+of)\s+(.+)$/i;
const EFFECT_OF =
  /\b(?:impact|effect|effects|influence|contribution|role|benefit|benefits|value|usefulness|importance|consequences?)\s+of\s+(.+?)\s+(?:on|for|in|to|upon)\s+(.+)$/i;
/** Verbs that join what is applied to what it changes, most telling first ("support" is often a noun). */
const EFFECT_VERBS = [
  'improve',
  'affect',
  'help',
  'increase',
  'reduce',
  'boost',
  'hurt',
  'influence',
  'enhance',
  'benefit',
  'degrade',
  'impair',
  'solve',
  'transfer to',
  'generalize to',
  'generalise to',
  'raise',
  'lower',
  'change',
  'support',
  'aid',
];
const QUESTION_LEAD =
  /^(?:(?:how|to what extent|in what ways?|why|what|which|whether)\s+)?(?:much\s+|well\s+|far\s+)?(?:does|do|did|can|could|will|would|might|may|is|are)?\s*/i;

/** Parses the question into role facets (deterministic; no model). */
export function questionFacetRoles(question: string): Facet[] {
  let rest = question.trim().replace(/[?.!]+$/, '');
  const drafts: { role: FacetRole; label: string }[] = [];
  const take = (re: RegExp, role: FacetRole) => {
    const match = re.exec(rest);
    if (!match?.[1]) return;
    drafts.push({ role, label: match[1] });
    rest = rest.slice(0, match.index);
  };
  take(MEASURE_CLAUSE, 'measure');
  take(BENCHMARK_CLAUSE, 'measure');
  take(COMPARISON_CLAUSE, 'comparison');
  const effect = EFFECT_OF.exec(rest) ?? verbShape(rest);
  if (effect?.[1] && effect[2]) {
    drafts.push({ role: 'intervention', label: stripLead(effect[1]) });
    drafts.push(...splitTarget(effect[2]));
  } else {
    const topic = stripLead(rest.replace(QUESTION_LEAD, ''));
    drafts.push(...splitTarget(topic).map((d) => (d.role === 'outcome' ? { ...d, role: 'topic' as const } : d)));
  }
  const seen = new Set<string>();
  return drafts
    .map((d) => ({ ...d, label: tidy(d.label) }))
    .filter(
      (d) => contentStems(d.label).length > 0 && !seen.has(d.label.toLowerCase()) && seen.add(d.label.toLowerCase()),
    )
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
    .map((d, index) => ({ id: `f${index + 1}`, label: d.label, role: d.role, required: d.role !== 'comparison' }));
}

/** "X improves Y" → [, X, Y], splitting at the most telling effect verb. */
function verbShape(text: string): [string, string, string] | null {
  const body = text.replace(QUESTION_LEAD, '');
  for (const verb of EFFECT_VERBS) {
    const match = new RegExp(`^(.+?)\\s+\\b${verb.replace(' ', '\\s+')}(?:s|es|d|ed)?\\b\\s+(.+)$`, 'i').exec(body);
    if (match?.[1] && match[2]) return [match[0], match[1], match[2]];
  }
  return null;
}

/**
 * What a change acts on, split into who (a leading or trailing group of people, a language
 * restriction: "non-English", "in German") and what (the outcome).
 */
function splitTarget(text: string): { role: FacetRole; label: string }[] {
  const out: { role: FacetRole; label: string }[] = [];
  let words = stripLead(text).split(/\s+/).filter(Boolean);
  // "researchers read scientific papers": a leading group of people is the population.
  if (words.length > 1 && PEOPLE_NOUNS.has(words[0]!.toLowerCase())) {
    out.push({ role: 'population', label: words[0]! });
    words = words.slice(1);
  }
  // "… in/for/among older adults": a trailing group of people.
  const trailing = /\b(?:in|for|among|by)\s+((?:[\p{L}-]+\s+){0,2}([\p{L}-]+))$/iu.exec(words.join(' '));
  if (trailing?.[2] && PEOPLE_NOUNS.has(trailing[2].toLowerCase())) {
    out.push({ role: 'population', label: trailing[1]! });
    words = words.join(' ').slice(0, trailing.index).trim().split(/\s+/).filter(Boolean);
  }
  // Language restrictions ("non-English", "German", "low-resource") anywhere in the phrase.
  const kept: string[] = [];
  for (const [index, word] of words.entries()) {
    const bare = word.replace(/[,;:]+$/, '');
    const previous = words[index - 1]?.toLowerCase();
    if (languageQualifier(bare) && words.length > 1) {
      out.push({ role: 'population', label: bare });
      if (previous === 'in' || previous === 'for') kept.pop();
    } else kept.push(word);
  }
  let outcome = stripLead(kept.join(' '));
  // "… transfer on XNLI": a named benchmark or dataset at the end is how the outcome is measured.
  const named = /\s+(?:on|using|with)\s+(?:the\s+)?([\p{Lu}][\p{L}\p{N}.+#-]*\p{Lu}[\p{L}\p{N}.+#-]*)$/u.exec(outcome);
  if (named?.[1]) {
    out.push({ role: 'measure', label: named[1] });
    outcome = outcome.slice(0, named.index).trim();
  }
  if (outcome) out.push({ role: 'outcome', label: outcome });
  return out;
}

function stripLead(text: string): string {
  return text
    .trim()
    .replace(/^(?:the|a|an|of|on|in|for|to)\s+/i, '')
    .replace(/\s+(?:in|for|on|of|and|or)$/i, '')
    .trim();
}

function tidy(text: string): string {
  return text.replace(/^[\s,;:]+|[\s,;:]+$/g, '').replace(/\s+/g, ' ');
}
