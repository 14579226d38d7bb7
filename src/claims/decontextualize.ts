/**
 * Rule-based decontextualisation: rewrites a sentence so it stands alone. "We"/"our model"/"the
 * proposed method" become the paper's named contribution (or its short citation), discourse
 * connectives and reporting frames ("Table 3 shows that …") are dropped so the assertion remains.
 * Returns null when the sentence leans on context no rule can resolve ("It", "These", "The latter").
 */

import { capitalize, claimTruncation } from './claim-text.ts';
import type { PaperName } from './paper-name.ts';

export interface DecontextualizeContext {
  name: PaperName | null;
  /**
   * How to name the paper when it names no method of its own: "Lee et al. (2021)" (paper-name.ts
   * `shortCitation`). Null: "the authors". Never the full title, which would repeat in every claim.
   */
  citation: string | null;
  /** The sentence before this one in the same paragraph (to resolve "this approach"). */
  previous?: string | null;
  /** The paper's title: its long form beside the short name ("S2ORC, the Semantic Scholar …") is dropped. */
  title?: string | null;
}

const CONNECTIVES = [
  'however',
  'in addition',
  'additionally',
  'moreover',
  'furthermore',
  'further',
  'also',
  'thus',
  'therefore',
  'hence',
  'consequently',
  'accordingly',
  'finally',
  'first',
  'firstly',
  'second',
  'secondly',
  'third',
  'thirdly',
  'lastly',
  'last but not least',
  'overall',
  'in particular',
  'particularly',
  'specifically',
  'indeed',
  'notably',
  'importantly',
  'interestingly',
  'surprisingly',
  'similarly',
  'likewise',
  'in contrast',
  'by contrast',
  'on the other hand',
  'as a result',
  'as a consequence',
  'to this end',
  'in summary',
  'in conclusion',
  'to summarize',
  'to sum up',
  'in short',
  'in general',
  'instead',
  'nevertheless',
  'nonetheless',
  'still',
  'then',
  'here',
  'in practice',
  'in this paper',
  'in this work',
  'in this study',
  'in this section',
  'in this article',
  'empirically',
  'experimentally',
  'as expected',
  'for this reason',
  'for these reasons',
  'in other words',
  'to conclude',
  'despite this',
  'in fact',
  'all the more',
  'as such',
  'in this way',
  'afterwards',
  'after that',
  'at the same time',
  'as one can observe',
  'as can be seen',
  'as expected',
  'not surprisingly',
  'unsurprisingly',
  'clearly',
  'of course',
  'altogether',
  'taken together',
  'all in all',
  'in total',
];
const CONNECTIVE_RE = new RegExp(`^(?:${CONNECTIVES.map((c) => c.replace(/ /g, '\\s+')).join('|')})\\s*,\\s*`, 'i');
/** "Therefore we propose …": some connectives go without a comma before "we"/"our". */
const BARE_CONNECTIVE_RE = /^(?:therefore|thus|hence|then|finally|also|further|here|consequently)\s+(?=(?:we|our)\b)/i;

const LABEL = String.raw`(?:Tables?|Tab\.|Figures?|Figs?\.|Sections?|Sec\.|Appendix)\s*[\dA-Z][\w.]*(?:\s*(?:and|,|&)\s*[\dA-Z][\w.]*)?`;
const REPORT_VERB = `(?:shows?|showed|demonstrates?|demonstrated|indicates?|illustrates?|confirms?|reveals?|suggests?|reports?|proves?|establish(?:es)?|verif(?:y|ies)|find|finds|found|observe[sd]?|see|note|notice|claim(?:s|ed)?|conclude[sd]?)`;
const FRAMES: RegExp[] = [
  // "As shown in Table 3, X" / "As can be seen from Fig. 2, X" / "According to Table 2, X".
  new RegExp(
    `^(?:as\\s+(?:can\\s+be\\s+|is\\s+|was\\s+)?(?:shown|seen|illustrated|demonstrated|reported|presented|listed|summari[sz]ed|depicted|observed|visible)\\s+(?:in|by|from|on)\\s+(?:the\\s+(?:results\\s+(?:in|of)\\s+)?)?${LABEL}|according\\s+to\\s+${LABEL}|from\\s+${LABEL})\\s*,\\s*`,
    'i',
  ),
  // "Table 3 shows that X" / "The results in Table 4 indicate that X".
  new RegExp(
    `^(?:the\\s+)?(?:(?:results?|numbers|scores|experiments?|comparisons?)\\s+(?:in|of|from)\\s+)?${LABEL}\\s+(?:clearly\\s+|also\\s+|further\\s+)?${REPORT_VERB}\\s+that\\s+`,
    'i',
  ),
  // "We see in Table 3 that X" / "One can observe from Fig. 2 that X".
  new RegExp(
    `^(?:we|one)\\s+(?:can\\s+|could\\s+|also\\s+|clearly\\s+)*(?:see|observe|note|notice|find|conclude|infer)\\s+(?:in|from|on)\\s+${LABEL}\\s+that\\s+`,
    'i',
  ),
  // "We show that X" / "Our experiments show that X" / "These results suggest that X".
  new RegExp(
    `^(?:we|our\\s+(?:[\\w-]+\\s+){0,3}?(?:results?|experiments?|evaluations?|analys[ie]s|findings|ablations?(?:\\s+stud(?:y|ies))?|studies|study)|(?:the|these|our|such)\\s+(?:[\\w-]+\\s+){0,2}?(?:results?|experiments?|findings|observations?|evaluations?|analys[ie]s)|results?|experiments?|this|empirically,?\\s+we)\\s+(?:(?:also|further|clearly|consistently|empirically|can|could|here|then|additionally|experimentally)\\s+)*${REPORT_VERB}\\s+that\\s+`,
    'i',
  ),
];

const METHOD_NOUNS = [
  'method',
  'model',
  'approach',
  'network',
  'system',
  'architecture',
  'framework',
  'algorithm',
  'technique',
  'language',
  'representation',
  'pipeline',
  'tool',
  'solution',
  'design',
];
const DATASET_NOUNS = ['dataset', 'data set', 'corpus', 'benchmark', 'collection'];
const OWN_NOUN = `(?:${[...METHOD_NOUNS, ...DATASET_NOUNS].map((n) => n.replace(' ', '\\s+')).join('|')})`;
/** Opening anaphora no rule resolves. */
const UNRESOLVED_START =
  /^(?:it|its|this|these|that|those|they|them|their|such|he|she|his|her|here|the latter|the former|both|we|our|us|ours)\b/i;

/** Rewrites `sentence` (already cleaned of markup) to stand alone, or returns null. */
export function decontextualize(sentence: string, context: DecontextualizeContext): string | null {
  let text = sentence.trim();
  let strippedThat = false;
  for (let pass = 0; pass < 6; pass++) {
    const before = text;
    text = text.replace(CONNECTIVE_RE, '').replace(BARE_CONNECTIVE_RE, '');
    for (const frame of FRAMES) {
      const next = text.replace(frame, '');
      if (next !== text) {
        text = next;
        strippedThat = true;
      }
    }
    if (text === before) break;
  }
  // "show that A, and also that B" after dropping the frame: keep "A, and B".
  if (strippedThat) text = text.replace(/,?\s+and\s+(?:also\s+)?that\s+/gi, ', and ');
  text = resolveSelfReference(text, context);
  text = dropTitleAppositive(text, context.title);
  text = capitalize(text.trim());
  if (text.length === 0 || !/^[\p{Lu}\p{N}"“]/u.test(text)) return null;
  if (UNRESOLVED_START.test(text)) return null;
  // "Although the model is simple, it yields …", "In practice it achieves …": the subject is unresolved.
  if (/^[^,]{0,80},\s*(?:it|they|this|these)\s/i.test(text) || /^(?:\S+\s+){1,2}(?:it|they)\s/i.test(text)) return null;
  if (claimTruncation(text)) return null;
  return text;
}

/** Rewrites every self-reference: "we", "our X", "the proposed X", "this approach", "this paper". */
export function resolveSelfReference(sentence: string, context: DecontextualizeContext): string {
  const { name, citation } = context;
  // The first self-reference names the paper; later ones say "they"/"the authors".
  const authors = name ? `the ${name.name} authors` : (citation ?? 'the authors');
  const possessive = name ? `the ${name.name}` : citation ? `the ${citation}` : 'the authors’';
  let text = sentence;

  // "this approach/method" refers to our work only when the previous sentence was about it.
  const previousIsOurs =
    /\b(?:we|our)\b/i.test(context.previous ?? '') || (name !== null && (context.previous ?? '').includes(name.name));
  text = text.replace(
    new RegExp(`\\b([Tt])his\\s+(?:proposed\\s+|new\\s+|novel\\s+)?(${OWN_NOUN})\\b(?!s)`, 'g'),
    (m, _t: string, noun: string) =>
      /\s(?:proposed|new|novel)\s/i.test(m) || (previousIsOurs && fitsKind(noun, name))
        ? ownThing(noun, context, true)
        : m,
  );
  // "We present DocLayNet, a new dataset. It contains …": "It" is the contribution just introduced.
  if (
    name &&
    /\b(?:we|this paper|this work)\s+(?:propose|present|introduce|release|call|name)\b/i.test(context.previous ?? '') &&
    (context.previous ?? '').includes(name.name)
  ) {
    text = text.replace(/^It\b/, name.name).replace(/^Its\b/, `${name.name}’s`);
  }
  // "These techniques speed up …" right after a sentence about the paper's own work: its techniques.
  if (previousIsOurs && (name || citation)) {
    text = text.replace(
      /^These\s+(techniques|methods|models|variations|variants|extensions|features|components|algorithms|modifications|improvements)\b/,
      (_m, noun: string) => `The ${name ? name.name : citation} ${noun}`,
    );
  }
  // "our proposed network", "the proposed method", "our model" → the name (singular, kind-matching).
  text = text.replace(
    new RegExp(`\\b(?:[Oo]ur|[Tt]he)\\s+(?:(?:newly\\s+)?proposed|novel|new)\\s+(${OWN_NOUN})\\b(?!s)`, 'g'),
    (_m, noun: string) => ownThing(noun, context, true),
  );
  text = text.replace(new RegExp(`\\b[Oo]ur\\s+(${OWN_NOUN})\\b(?!s)`, 'g'), (_m, noun: string) =>
    ownThing(noun, context, false),
  );
  // "We present in this paper X": once the authors are the subject, "in this paper" says nothing.
  if (/^(?:We|Our)\b/.test(text)) text = text.replace(/,?\s+in\s+this\s+(?:paper|work|study|article)\b(,(?=\s))?/g, '');
  // "This paper/work/study" and "in this paper".
  const paperRef = name ? `the ${name.name} paper` : citation ? `the ${citation} paper` : 'the paper';
  text = text.replace(
    /\b([Ii]n|[Oo]f|[Tt]o)\s+this\s+(?:paper|work|study|article)\b/g,
    (_m, prep: string) => `${prep} ${paperRef}`,
  );
  text = text.replace(/^This\s+(?:paper|work|study|article)\b/, capitalize(paperRef));
  // Remaining "our <noun phrase>": "our aggregation module" → "the AMDCN aggregation module".
  text = text.replace(/\b([Oo])ur\s+(?=[\p{L}-])/gu, (_m, o: string) =>
    o === 'O' ? `${capitalize(possessive)} ` : `${possessive} `,
  );
  // "We" as the subject and "we"/"us" anywhere else; once the authors are named, "they"/"them".
  text = text.replace(/^We\b/, capitalize(authors));
  let named = /\bauthors\b/.test(text) || (citation !== null && text.includes(citation));
  text = text.replace(/\b(we|us)\b/g, (_m, word: string, at: number) => {
    const already = named || /\bauthors\b/.test(text.slice(0, at));
    named = true;
    if (word === 'we') return already ? 'they' : authors;
    return already ? 'them' : authors;
  });
  // A footnote marker glued to the paper's name where it is introduced: "Paper Plain1—", "S2ORC,1 a".
  if (name) {
    const n = escapeName(name.name);
    text = text
      .replace(new RegExp(`\\b(${n})\\d{1,2}(?=[—–;:)])`, 'g'), '$1')
      .replace(new RegExp(`\\b(${n}),\\d{1,2}(?=\\s)`, 'g'), '$1,');
  }
  // "Our system ParaSempre" → "ParaSempre ParaSempre"; "our S2ORC corpus" → "the S2ORC S2ORC corpus".
  if (name) text = text.replace(new RegExp(`\\b(${escapeName(name.name)})(?:\\s+\\1\\b)+`, 'g'), '$1');
  return text;
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A singular method noun names a method contribution; a dataset noun a dataset one. */
function fitsKind(noun: string, name: PaperName | null): boolean {
  if (!name) return false;
  return (name.kind === 'dataset') === DATASET_NOUNS.includes(noun.toLowerCase().replace(/\s+/g, ' '));
}

/** What "our model"/"the proposed dataset" denotes: the name when the noun fits its kind. */
function ownThing(noun: string, context: DecontextualizeContext, proposed: boolean): string {
  const { name } = context;
  const lower = noun.toLowerCase().replace(/\s+/g, ' ');
  const isDatasetNoun = DATASET_NOUNS.includes(lower);
  if (name) {
    const fits = (name.kind === 'dataset') === isDatasetNoun;
    return fits ? name.name : `the ${name.name} ${lower}`;
  }
  if (context.citation) return `the ${lower} ${proposed ? 'proposed by' : 'of'} ${context.citation}`;
  return proposed ? `the proposed ${lower}` : `the authors’ ${lower}`;
}

/**
 * "We introduce S2ORC, the Semantic Scholar Open Research Corpus, a large corpus …": beside the short
 * name, the title's long form makes the claim carry the full title ("S2ORC: The Semantic Scholar Open
 * Research Corpus"), which would repeat in every claim of the paper; the short name says it.
 */
export function dropTitleAppositive(text: string, title: string | null | undefined): string {
  const colon = title?.indexOf(': ') ?? -1;
  if (!title || colon < 0) return text;
  const long = title
    .slice(colon + 2)
    .replace(/^the\s+/i, '')
    .trim();
  if (long.split(/\s+/).length < 3) return text;
  const words = long
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return text.replace(new RegExp(`,\\s+(?:the\\s+)?${words}\\s*(?=,)|\\s*\\((?:the\\s+)?${words}\\)`, 'i'), '');
}
