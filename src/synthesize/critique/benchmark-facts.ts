import { containsPhrase } from '../../core/relevance.ts';
import facts from './benchmark-facts.json' with { type: 'json' };

/** What a benchmark measures, as its own paper defines it (kept as data in benchmark-facts.json). */
export interface BenchmarkFact {
  name: string;
  aliases: string[];
  tasks: string[];
  modality: 'text' | 'text-to-code' | 'image' | 'speech';
  /** Natural languages of the inputs (prompts, questions, sentences); empty when there are none. */
  prompt_languages: string[];
  programming_languages: string[];
  /** What changes across the benchmark's parts, in a phrase. */
  varies: string;
  metric: string;
  source: string;
}

export const BENCHMARK_FACTS = facts.benchmarks as BenchmarkFact[];

/**
 * The benchmarks a text names, longest name first; a name inside a longer one at the same place
 * ("HumanEval" in "HumanEval-X") is not counted.
 */
export function benchmarksNamed(text: string, table: BenchmarkFact[] = BENCHMARK_FACTS): BenchmarkFact[] {
  const lower = text.toLowerCase();
  const hits = table
    .map((fact) => ({ fact, alias: fact.aliases.find((a) => containsPhrase(lower, a.toLowerCase())) }))
    .filter((hit): hit is { fact: BenchmarkFact; alias: string } => hit.alias !== undefined);
  // Count a shorter name only where it stands on its own, not inside a longer name found too.
  return hits
    .filter((hit) => {
      let rest = lower;
      for (const other of hits)
        if (other.alias.length > hit.alias.length) rest = rest.split(other.alias.toLowerCase()).join(' ');
      return containsPhrase(rest, hit.alias.toLowerCase());
    })
    .map((hit) => hit.fact);
}

/** Only English inputs: the benchmark says nothing about other natural languages. */
export function englishOnly(fact: BenchmarkFact): boolean {
  return fact.prompt_languages.length === 1 && fact.prompt_languages[0] === 'English';
}
