/**
 * How much a sentence reads like a checkable claim of this paper (0–1), and what kind of claim it
 * is. Cue phrases, not a model: results with numbers, comparisons, "we show", significance and
 * effects score up; questions, other papers' work, captions, headings, references and fragments
 * score down or out.
 */
import { extractNumbers } from '../core/numbers.ts';
import type { ClaimType } from '../core/types.ts';
import { isCompleteSentence, wordCount } from './claim-text.ts';
import { isNegativeFinding } from './finding-kind.ts';

export interface SentenceContext {
  /** The heading the sentence sits under ("5.4. Quantitative Analysis"), if known. */
  section: string | null;
  /** The sentence is part of a figure or table caption. */
  inCaption: boolean;
  /** The paper's own name ("Multi-LexSum"): a sentence it opens is the paper's, not another work's. */
  name?: string | null;
}

export type SectionRole = 'abstract' | 'results' | 'conclusion' | 'related' | 'references' | 'front' | 'body';

export function sectionRole(section: string | null): SectionRole {
  if (!section) return 'body';
  const s = section.toLowerCase();
  if (
    /\b(?:references|bibliography|acknowledge?ments?|funding|author contributions?|ccs concepts|keywords|acm reference)\b/.test(
      s,
    )
  )
    return 'references';
  if (/\babstract\b/.test(s)) return 'abstract';
  if (/\b(?:related work|previous work|prior work|background|literature)\b/.test(s)) return 'related';
  if (/\b(?:conclusions?|summary|discussion)\b/.test(s)) return 'conclusion';
  if (/\b(?:results?|experiments?|evaluation|analysis|ablations?|comparison)\b/.test(s)) return 'results';
  return 'body';
}

const COMPARISON =
  /\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed)?|exceed(?:s|ed)?|beat(?:s)?|(?:better|worse|higher|lower|faster|slower|larger|smaller|more accurate|less accurate|more robust) than|compared (?:to|with)|in comparison (?:to|with)|relative to|versus|vs|state[- ]of[- ]the[- ]art|sota|improv(?:es|ed|ing|ement|ements) (?:\w+ ){0,6}?(?:by|over|from|upon)|(?:improv|increas|reduc|decreas|ris|drop|boost|rais)\w* (?:[\w-]+ ){0,8}?from [\d.]+%? to [\d.]+|(?:on par|competitive) with|baselines?|(?:times|fold) (?:faster|smaller|larger|fewer|more))\b/i;
const REPORTING =
  /\b(?:we|authors|results?|experiments?|evaluations?|analys[ie]s|ablations?|findings|studies|evidence) (?:also |further |clearly |consistently |empirically )?(?:show|shows|showed|find|finds|found|observe|observed|demonstrate|demonstrates|demonstrated|confirm|confirms|confirmed|indicate|indicates|reveal|reveals|suggest|suggests|verify|verified|report|achieve|obtain|obtained|provide evidence)\b/i;
const RESULT_VERBS =
  /\b(?:achiev(?:es|ed|ing)|obtain(?:s|ed)?|reach(?:es|ed)?|yield(?:s|ed)?|scor(?:es|ed)|improv(?:es|ed)|increas(?:es|ed)|reduc(?:es|ed)|decreas(?:es|ed)|halv(?:es|ed)|doubl(?:es|ed)|drops?|falls?|eliminates?|accuracy|precision|recall|f1|bleu|error rate|mae|mse|speed-?up|is beneficial|leads? to|results? in|significantly|robust|performs? (?:well|better|worse|poorly|best|comparably))\b/i;
/** Result verbs and metric names; "mAP" is case-sensitive so "density map" is not a metric. */
function hasResultCue(text: string): boolean {
  return RESULT_VERBS.test(text) || /\bmAP\b/.test(text);
}
const SIGNIFICANCE = /\b(?:statistically significant|significant(?:ly)?|p\s*[<=≤]\s*0?\.\d+|confidence interval)\b/i;
const CAUSAL =
  /\b(?:leads? to|results? in|caus(?:es|ed)|due to|because|effect of|impact of|enables?|allows?|contributes? to|is (?:key|crucial|critical|essential) (?:to|for)|depends? on)\b/i;
const PROPOSAL = /\b(?:we|this paper|this work) (?:propose|present|introduce|develop|release|contribute|design)\b/i;
const DEFINITION =
  /\b(?:is defined as|are defined as|we define|refers to|is called|are called|we call|we refer to|denotes?|is a measure of)\b/i;
const DATASET =
  /\b(?:data ?sets?|corpus|corpora|benchmarks?|annotated|annotations?|annotators?|training set|test set|validation set|splits?|collected)\b|\d[\d,.]*\s+(?:[\w-]+\s+){0,3}?(?:samples|instances|images|pages|documents|examples|tables|sentences|articles)\b/i;
const METHOD =
  /\b(?:propose[sd]?|introduce[sd]?|architecture|encoder|decoder|layers?|module|loss|trained|train|fine-tun\w*|optimi[sz]\w*|algorithm|pipeline|framework|network|model|we use|uses|based on|consists? of|composed of)\b/i;
/** Signposting the paper rather than asserting: "In Sec. 2, we give an overview", "we will present". */
const ROADMAP =
  /^(?:In |The rest of )?(?:Sec(?:tion)?s?\.?|Chapter|Appendix)\s*\d|\b(?:we|authors) (?:will|shall) (?:present|evaluate|show|discuss|describe|introduce|compare|report)\b|\b(?:give|provide) an? (?:brief |short )?(?:overview|description|summary)\b|\b(?:is|are) organi[sz]ed as follows\b/i;
/** Ends on an anaphor that points outside the sentence: "… provide evidence for that." */
const DANGLING_END = /\b(?:this|that|these|those|it|them|above|below|follows?)[.!]["'”’)]*$/i;
const FUTURE_OR_HEDGE =
  /\b(?:future work|we (?:plan|intend|hope|would like)|will be (?:released|published|made)|is left for|remains to be|could be explored|it is (?:possible|unclear) (?:that|whether))\b/i;
/** Another paper as the subject: "Lempitsky et al. [15] showed", "The work of [25] proposes", "[4] combines". */
const OTHERS_WORK =
  /^(?:(?:In )?(?!(?:Our|We|This|These|The|It|Its|They|Their|Here)\b)(?:\p{Lu}[\p{L}-]+(?: and \p{Lu}[\p{L}-]+)?|\p{Lu}[\p{L}-]+ et al\.?)(?: \[[\d,\s–-]+\]| \(\d{4}\w?\))?,? (?:et al\.? )?(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|show(?:s|ed)?|use[sd]?|appl(?:y|ies|ied)|develop(?:s|ed)?|demonstrate[sd]?|report(?:s|ed)?|found|combines?|addresse[sd])\b|(?:The )?(?:work|approach|method|model|paper)s? (?:of|by|in) \[|\[\d+[\]\d,\s–-]*\]? (?:propose|introduce|present|show|use|combine|address)|(?:Previous|Prior|Earlier|Recent|Existing) (?:work|works|methods|approaches|studies))/u;
const CITATION_SUBJECT =
  /\b(?:et al\.|has been (?:proposed|introduced|shown|addressed) (?:by|in)|was (?:first )?(?:proposed|introduced|shown) (?:by|in))/i;
const CAPTION = /^(?:<[^>]*>)*\s*(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing)\s*\d+[.:]/i;

export function isCaptionStart(text: string): boolean {
  return CAPTION.test(text);
}

/** 0–1 claim-worthiness of a cleaned sentence; 0 means "never a claim". */
export function claimWorthiness(text: string, context: SentenceContext): number {
  const role = sectionRole(context.section);
  const words = wordCount(text);
  if (role === 'references' || role === 'front') return 0;
  if (!isCompleteSentence(text) || /\?["'”’)]*$/.test(text)) return 0;
  if (words < 5 || words > 90) return 0;
  if (/^(?:where|which|and|or|but|with|for example)\b/i.test(text)) return 0;
  // Bibliography entries that slipped in: "In Proceedings of …", "arXiv preprint …", "pp. 1–9".
  if (/\b(?:In Proceedings|arXiv preprint|Proc\.|pp\. \d|vol\. \d|doi\.org)\b/.test(text)) return 0;

  let score = 0.3;
  const numbers = extractNumbers(text);
  if (numbers.some((n) => n.unit !== undefined || /\./.test(n.text))) score += 0.25;
  else if (numbers.length > 0) score += 0.12;
  if (COMPARISON.test(text)) score += 0.2;
  if (REPORTING.test(text)) score += 0.15;
  if (hasResultCue(text)) score += 0.08;
  if (SIGNIFICANCE.test(text)) score += 0.1;
  // Negative and null results are findings too: "neither X nor Y offers significant improvements".
  if (isNegativeFinding(text)) score += 0.08;
  if (CAUSAL.test(text)) score += 0.06;
  if (PROPOSAL.test(text)) score += 0.12;
  if (DEFINITION.test(text)) score += 0.05;
  // The paper's own work is what its claims are about; background statements are not.
  if (/\b(?:we|our)\b/i.test(text) || (context.name && text.includes(context.name))) score += 0.1;
  if (METHOD.test(text)) score += 0.05;

  if (role === 'abstract' || role === 'conclusion') score += 0.1;
  else if (role === 'results') score += 0.06;
  else if (role === 'related') score -= 0.3;

  const ownSubject = context.name ? text.startsWith(context.name) : false;
  if (!ownSubject && OTHERS_WORK.test(text)) score -= 0.4;
  else if (CITATION_SUBJECT.test(text)) score -= 0.2;
  if (context.inCaption || CAPTION.test(text)) score -= 0.3;
  if (FUTURE_OR_HEDGE.test(text)) score -= 0.2;
  if (ROADMAP.test(text)) score -= 0.3;
  if (DANGLING_END.test(text)) score -= 0.4;
  if (words < 8) score -= 0.15;
  if (words > 55) score -= 0.15;
  // Mostly symbols or math: not a checkable sentence.
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters / text.length < 0.6) score -= 0.25;
  return Math.max(0, Math.min(1, score));
}

/** The kind of assertion: definition > comparison > result > dataset > method > other. */
export function classifyClaimType(text: string): ClaimType {
  if (DEFINITION.test(text)) return 'definition';
  if (COMPARISON.test(text)) return 'comparison';
  const numbers = extractNumbers(text);
  if (REPORTING.test(text) || SIGNIFICANCE.test(text) || hasResultCue(text)) return 'result';
  if (DATASET.test(text) && !/\b(?:we (?:propose|use)|architecture|encoder|decoder|layers?)\b/i.test(text)) {
    return 'dataset';
  }
  if (METHOD.test(text)) return 'method';
  if (numbers.some((n) => n.unit !== undefined || /\./.test(n.text))) return 'result';
  return 'other';
}
