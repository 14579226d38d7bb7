import { containsPhrase } from '../../core/relevance.ts';
import { NATURAL_LANGUAGES, PROGRAMMING_LANGUAGES } from '../facets/facet-lexicon.ts';
import type { Facet } from '../facets/facet-roles.ts';
import { facetScore } from '../facets/score-facets.ts';
import { BENCHMARK_FACTS, type BenchmarkFact, benchmarksNamed, englishOnly } from './benchmark-facts.ts';

/**
 * The question checked before it is answered: a benchmark that does not measure what the question
 * says it measures, a language or population it does not cover, constraints that exclude each other,
 * and (once the papers are in) facets no included paper addresses. The report opens with these notes.
 */
export type CritiqueKind =
  | 'benchmark_mismatch'
  | 'language_not_covered'
  | 'task_mismatch'
  | 'modality_mismatch'
  | 'conflicting_constraints'
  | 'facet_not_addressed';

export interface CritiqueNote {
  kind: CritiqueKind;
  /** The facet the note is about, as the question words it (null when it concerns the whole question). */
  facet: string | null;
  note: string;
  /** Where the fact comes from (a benchmark's paper), when the note rests on one. */
  source: string | null;
}

export interface QuestionCritique {
  /** How the answer reads the question, in one or two sentences. */
  reading: string;
  notes: CritiqueNote[];
}

/** Outcomes too general to conflict with any benchmark's task ("performance", "accuracy"). */
const GENERIC_OUTCOMES =
  /^(?:performance|accuracy|results?|quality|scores?|effectiveness|capabilit(?:y|ies)|abilit(?:y|ies)|generali[sz]ation)$/i;
const MODALITY_WORDS: Record<string, RegExp> = {
  image: /\b(?:images?|visual|vision|photos?|pictures?)\b/i,
  speech: /\b(?:speech|audio|spoken|voice)\b/i,
  code: /\b(?:code|program(?:s|ming)?)\b/i,
};

export function critiqueQuestion(question: string, facets: Facet[], table = BENCHMARK_FACTS): QuestionCritique {
  const notes: CritiqueNote[] = [];
  const named = benchmarksNamed(question, table);
  const outcomes = facets.filter((f) => f.role === 'outcome' || f.role === 'topic');
  const languages = facets.filter((f) => f.role === 'population' && isLanguageRestriction(f.label));
  for (const benchmark of named) {
    notes.push(...languageNotes(benchmark, languages, outcomes, table));
    notes.push(...taskNotes(benchmark, outcomes));
    notes.push(...programmingLanguageNotes(question, benchmark));
    notes.push(...modalityNotes(question, benchmark));
  }
  notes.push(...conflictNotes(question));
  return { reading: reading(facets, named, notes), notes };
}

function languageNotes(
  benchmark: BenchmarkFact,
  languages: Facet[],
  outcomes: Facet[],
  table: BenchmarkFact[],
): CritiqueNote[] {
  const notes: CritiqueNote[] = [];
  for (const language of languages) {
    const lower = language.label.toLowerCase();
    const wantsOther = lower === 'non-english' || lower === 'low-resource' || lower === 'multilingual';
    const named = NATURAL_LANGUAGES.find((l) => l.toLowerCase() === lower);
    const outcome = outcomes[0]?.label;
    const what = outcome ? `${language.label} ${outcome}` : language.label;
    if (wantsOther && englishOnly(benchmark)) {
      const programming =
        benchmark.programming_languages.length > 1
          ? ` If "${language.label}" was meant as programming languages other than Python, ${benchmark.name} does cover ${benchmark.programming_languages.join(', ')} — but every prompt is still in English.`
          : '';
      const alternatives = table
        .filter((b) => b !== benchmark && !englishOnly(b) && b.prompt_languages.length > 0)
        .filter((b) => outcomes.length === 0 || outcomes.some((o) => b.tasks.some((t) => facetScore(t, o) >= 0.6)));
      const instead =
        alternatives.length > 0
          ? ` Benchmarks that do vary the natural language of the input for this task: ${alternatives.map((b) => `${b.name} (${b.prompt_languages.join(', ')}; ${b.source})`).join('; ')}.`
          : '';
      notes.push({
        kind: 'benchmark_mismatch',
        facet: language.label,
        note: `${benchmark.name} does not measure ${what}: it varies ${benchmark.varies}. Its inputs are English only, so it cannot show an effect on ${language.label} inputs.${programming}${instead}`,
        source: benchmark.source,
      });
    } else if (named && benchmark.prompt_languages.length > 0 && !coversLanguage(benchmark, named)) {
      notes.push({
        kind: 'language_not_covered',
        facet: language.label,
        note: `${benchmark.name} has no ${named} data: its inputs are in ${benchmark.prompt_languages.join(', ')}.`,
        source: benchmark.source,
      });
    }
  }
  return notes;
}

function taskNotes(benchmark: BenchmarkFact, outcomes: Facet[]): CritiqueNote[] {
  return outcomes
    .filter((o) => !GENERIC_OUTCOMES.test(o.label) && o.role === 'outcome' && !isLanguageName(o.label))
    .filter((o) => !benchmark.tasks.some((t) => facetScore(t, o) >= 0.6 || facetScore(o.label, taskFacet(t)) >= 0.6))
    .map((o) => ({
      kind: 'task_mismatch' as const,
      facet: o.label,
      note: `${benchmark.name} measures ${benchmark.tasks.join(', ')}, not ${o.label}; results on it bear on "${o.label}" only indirectly.`,
      source: benchmark.source,
    }));
}

function programmingLanguageNotes(question: string, benchmark: BenchmarkFact): CritiqueNote[] {
  if (benchmark.programming_languages.length === 0 || /^many\b/.test(benchmark.programming_languages[0]!)) return [];
  const lower = question.toLowerCase();
  // Single letters ("C", "R") and "Go" are ordinary words too often to read as languages here.
  return PROGRAMMING_LANGUAGES.filter((l) => l.length > 2 && l !== 'Go' && containsPhrase(lower, l.toLowerCase()))
    .filter((l) => !benchmark.programming_languages.includes(l))
    .map((l) => ({
      kind: 'language_not_covered' as const,
      facet: l,
      note: `${benchmark.name} has no ${l} problems: its programming languages are ${benchmark.programming_languages.join(', ')}.`,
      source: benchmark.source,
    }));
}

function modalityNotes(question: string, benchmark: BenchmarkFact): CritiqueNote[] {
  const asked = Object.entries(MODALITY_WORDS)
    .filter(([, re]) => re.test(question))
    .map(([m]) => m);
  const has = benchmark.modality === 'text-to-code' ? ['code'] : [benchmark.modality];
  const missing = asked.filter((m) => m !== 'code' && !has.includes(m));
  return missing.map((m) => ({
    kind: 'modality_mismatch' as const,
    facet: m,
    note: `${benchmark.name} is a ${benchmark.modality} benchmark; it has no ${m} inputs.`,
    source: benchmark.source,
  }));
}

/** Constraints that exclude each other: an impossible year range, English-only with other languages. */
function conflictNotes(question: string): CritiqueNote[] {
  const notes: CritiqueNote[] = [];
  const after = /\b(?:after|since|from)\s+((?:19|20)\d\d)\b/i.exec(question);
  const before = /\b(?:before|until|up to|prior to)\s+((?:19|20)\d\d)\b/i.exec(question);
  if (after && before && Number(after[1]) >= Number(before[1])) {
    notes.push({
      kind: 'conflicting_constraints',
      facet: null,
      note: `The question asks for work ${after[0]} and ${before[0]}: no year satisfies both.`,
      source: null,
    });
  }
  if (
    /\benglish[- ]only\b|\bonly (?:in )?english\b/i.test(question) &&
    /\bnon-english\b|\bmultilingual\b/i.test(question)
  ) {
    notes.push({
      kind: 'conflicting_constraints',
      facet: null,
      note: 'The question restricts the data to English and asks about other languages: the two cannot both hold for the same data.',
      source: null,
    });
  }
  return notes;
}

function reading(facets: Facet[], named: BenchmarkFact[], notes: CritiqueNote[]): string {
  const of = (role: Facet['role']) =>
    facets
      .filter((f) => f.role === role)
      .map((f) => `"${f.label}"`)
      .join(' and ');
  const parts: string[] = [];
  const intervention = of('intervention');
  const outcome = of('outcome') || of('topic');
  if (intervention) parts.push(`the effect of ${intervention}`);
  if (outcome) parts.push(`${intervention ? 'on ' : ''}${outcome}`);
  if (of('population')) parts.push(`for ${of('population')}`);
  if (of('measure')) parts.push(`as measured by ${of('measure')}`);
  if (of('comparison')) parts.push(`compared with ${of('comparison')}`);
  let text = `Read as: ${parts.join(' ') || 'the question as written'}.`;
  const mismatch = notes.find((n) => n.kind === 'benchmark_mismatch');
  if (mismatch && named.length > 0)
    text += ` Because ${named.map((b) => b.name).join(' and ')} cannot measure "${mismatch.facet}" as worded, the answer reports what the papers measured and says where it differs from the question.`;
  else if (notes.some((n) => n.kind !== 'facet_not_addressed'))
    text +=
      ' The notes above say where the question and its terms do not fit; the answer keeps to what the papers measured.';
  return text;
}

function isLanguageRestriction(label: string): boolean {
  const lower = label.toLowerCase();
  return (
    lower === 'non-english' ||
    lower === 'low-resource' ||
    lower === 'multilingual' ||
    lower === 'monolingual' ||
    NATURAL_LANGUAGES.some((l) => l.toLowerCase() === lower)
  );
}

/** "Rust", "German": a language, which the language checks handle, not a task. */
function isLanguageName(label: string): boolean {
  const lower = label.toLowerCase();
  return [...PROGRAMMING_LANGUAGES, ...NATURAL_LANGUAGES].some((l) => l.toLowerCase() === lower);
}

function coversLanguage(benchmark: BenchmarkFact, language: string): boolean {
  return benchmark.prompt_languages.some((l) => l === language || /\d+ .*languages/.test(l));
}

function taskFacet(task: string): Facet {
  return { id: 't', label: task, role: 'outcome', required: true };
}
