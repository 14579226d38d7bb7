/**
 * What a claim sentence is to its paper: a finding (a result, a comparison, an effect with its size
 * and direction, a negative or null result, a limitation), a contribution ("we introduce S2ORC, a
 * corpus of 81.1M papers"), a method detail (a hyperparameter, a training or data-preparation step),
 * background, or other. Findings are what a report is for; method details are claims only when the
 * question asks about the method.
 */

import type { SectionRole } from './claim-worthiness.ts';

export type FindingKind = 'finding' | 'contribution' | 'method-detail' | 'background' | 'other';

/** A result, an effect or a comparison: what the paper found. */
const FINDING_CUE =
  /\b(?:outperform\w*|underperform\w*|surpass\w*|(?:better|worse|higher|lower|faster|slower|more (?:effective|accurate|robust|confident)|less (?:effective|accurate)) than|state[- ]of[- ]the[- ]art|improv(?:es|ed|ing|ement|ements)\b|gains?\b|boost\w*|increase[sd]?\b|decrease[sd]?\b|reduce[sd]?\b|degrad\w*|significant(?:ly)?|comparable|competitive|on par|match(?:es|ed)? the|perform(?:s|ed)? (?:well|poorly|better|worse|best|comparably|strongly)|effective(?:ness)?|efficien(?:t|cy)|beneficial|helps?\b|leads? to|results? in|easier|harder|speeds? up|(?:find|finds|found|show|shows|showed|demonstrate[sd]?|suggests?|reveals?|indicates?) that|achiev(?:es|ed|ing)|yield(?:s|ed)?|detect(?:s|ed) \w+ \d)\b/i;
/** A metric with its value: "an MAE of 290.8", "91.2% accuracy". A metric named alone is not a result. */
const METRIC_VALUE =
  /\b(?:accuracy|precision|recall|F1|BLEU|ROUGE(?:-\w+)?|error(?: rate)?|MAE|MSE|mAP|AUC|AUROC|perplexity|score)\b[^.;]{0,40}?\d|\d[\d.,]*\s*(?:%|points?)?\s+(?:\w+\s+){0,2}?(?:accuracy|precision|recall|F1|BLEU|ROUGE|error|MAE|mAP|AUC)\b/;

/** A negative or null result, or a limitation the paper states. */
const NEGATIVE_CUE =
  /\b(?:no (?:significant|noticeable|consistent|substantial|clear|measurable) (?:improvement|gain|difference|effect|benefit|change)s?|neither\b.{1,80}\bnor\b|(?:did|does|do) not (?:improve|help|outperform|benefit|generalize|transfer|reduce|increase|change)|fail(?:s|ed)? to|not significantly|no better than|perform(?:s|ed)? poorly|hurts?\b|harms?\b|limitations?\b|(?:is|are|remains?) (?:relatively |largely |still )?(?:limited|understudied|challenging|difficult)|(?:only|much) (?:slightly|marginally)|poor(?:ly)?\b|worse\b|drops?\b|decline\w*)\b/i;

/** Values set by hand, not found: "learning rate of 1e-5", "α = 0.3", "batch size 32", "10 epochs". */
const HYPERPARAMETER =
  /\b(?:learning[- ]rates?|batch(?:[- ]sizes?)?|mini-?batch(?:es)?|epochs?|iterations?|warm-?up|dropout|weight decay|momentum|beam (?:size|width)|hidden (?:size|units?|layers?|dimension)|embedding (?:size|dimension)|window (?:size )?of \d|random seed|seeds?\b|optimi[sz]er|Adam\b|AdamW|stochastic gradient descent|SGD\b|regulari[sz]ation (?:weight|parameter|constant)|temperature of|during training|at (?:test|testing|training|inference) time|patch(?:es)? of size|kernel size|(?:set|fixed|initiali[sz]ed) (?:to|at) [\d.]|hyper-?parameters?|trained for \d|train(?:ed)? on \d+(?:\.\d+)?% of|(?:[αγλητε]|\b(?![pPnNMt]\b)[a-zA-Z])\s*=\s*[-\d.]+)/u;

/** A step of the method or the set-up, told in the first person or as what was done. */
const SETUP_STEP =
  /^(?:(?:[^,]{1,60},\s*)?(?:we|the [\p{L}\d’'-]+ authors|[\p{Lu}][\p{L}-]+ (?:et al\.|and [\p{Lu}][\p{L}-]+) \(\d{4}\w?\))\s+(?:first\s+|then\s+|also\s+|further\s+|additionally\s+|simply\s+)?(?:use|used|train|trained|take|took|pad|padded|run|ran|set|hold out|held out|define|defined|preserve|remove|removed|sample|sampled|split|follow|followed|implement|implemented|initiali[sz]e|initiali[sz]ed|match|matched|limit|limited|scale|scaled|apply|applied|employ|employed|adopt|adopted|compute|computed|extract|extracted|parse|parsed|tokeni[sz]e|tokeni[sz]ed|measure|measured|normali[sz]e|normali[sz]ed|choose|chose|select|selected|start|started|fine-tune|fine-tuned|optimi[sz]e|optimi[sz]ed|ablate|ablated|perform|performed|report|reported|describe|obtain|collect|collected|pre-?process\w*|filter|filtered|concatenate|feed|fed|replace|replaced)\b)/iu;

/** Statements about the field, not this paper: "Sepsis is a poorly understood complication." */
const SELF_REFERENCE = /\b(?:we|our|us|the [\p{L}\d’'-]+ authors|the authors|this (?:paper|work|study))\b/iu;

const PROPOSAL =
  /\b(?:introduce[sd]?|present(?:s|ed)?|propose[sd]?|release[sd]?|develop(?:s|ed)?|contribute[sd]?|construct(?:s|ed)?|create[sd]?|collect(?:s|ed)?|build|built|argue[sd]?|characteri[sz]e[sd]?)\b/i;

/** A paper's own results reported through a frame: "Experimental results show …", "the study results suggest …". */
const REPORT_FRAME =
  /\b(?:(?:experimental|empirical|study|our|the|these) )?(?:results?|experiments?|evaluations?|analys[ie]s|ablations?|(?:lab|user|usability|field|deployment) (?:study|studies))\b.{0,40}?\b(?:show|shows|showed|suggest|suggests|demonstrate|demonstrates|demonstrating|indicate|indicates|reveal|reveals|confirm|confirms)\b/i;
/** Plans and hopes, not findings: "predictions will be displayed", "should reduce alarm fatigue". */
const NOT_YET = /\b(?:will|shall|should|would|could|might|hopefully|plan to|future (?:work|research|directions?))\b/i;

export interface KindContext {
  /** The paper's short name or method name, when known: a sentence naming it is about the paper. */
  name?: string | null;
  /** The role of the sentence's section (claim-worthiness.ts `sectionRole`). */
  role?: SectionRole;
  /**
   * An abstract sentence after the one that introduces the paper's work: it speaks of the paper
   * ("The corpus consists of …") even without "we"; the sentences before it are background.
   */
  afterContribution?: boolean;
}

/** The kind of a (cleaned, source) sentence; see the module comment. */
export function findingKind(text: string, context: KindContext = {}): FindingKind {
  if (isMethodDetail(text)) return 'method-detail';
  const aboutPaper =
    SELF_REFERENCE.test(text) ||
    (context.name ? text.includes(context.name) : false) ||
    REPORT_FRAME.test(text) ||
    context.role === 'results' ||
    context.role === 'conclusion' ||
    (context.role === 'abstract' && context.afterContribution === true);
  if (!aboutPaper) return 'background';
  if (NOT_YET.test(text) && !/\b(?:could|might) (?:not )?(?:be )?(?:shown|found)\b/i.test(text)) return 'other';
  if (NEGATIVE_CUE.test(text) || FINDING_CUE.test(text) || METRIC_VALUE.test(text)) return 'finding';
  // The paper's scope ("We study X for Y") says what it asks, not what it found.
  if (
    /\b(?:we|this (?:paper|work|study))\s+(?:study|studies|investigate|investigates|examine|examines|explore|explores|analy[sz]e|analy[sz]es|consider|considers|focus on|focuses on|ask|asks|address|addresses)\b/i.test(
      text,
    )
  )
    return 'other';
  // What the abstract says of the paper's own artifact ("Multi-LexSum is distinct from other datasets
  // in …") is part of its contribution.
  if (PROPOSAL.test(text) || /\d/.test(text)) return 'contribution';
  if (context.role === 'abstract' && speaksOfPaper(text, context.name ?? null)) return 'contribution';
  return 'other';
}

/** Whether a sentence introduces or speaks of the paper's own work ("We introduce …", "This paper …"). */
export function speaksOfPaper(text: string, name: string | null): boolean {
  return SELF_REFERENCE.test(text) || (name !== null && text.includes(name));
}

/**
 * A hyperparameter or a step of the method/set-up, not a finding: "train all models using SGD with
 * minibatches of 100 and a learning rate of 0.001", "take 1600 random patches of size 150 × 150",
 * "hold out 30% of the data". A sentence that also states a comparison ("… which increases the speed
 * of lookups by a factor of 1,000x") is a finding, unless its figures are set values (α = 0.3).
 */
export function isMethodDetail(text: string): boolean {
  const hyper = HYPERPARAMETER.test(text);
  const setup = SETUP_STEP.test(text.trim());
  if (!hyper && !setup) return false;
  const outcome =
    /\b(?:outperform\w*|better than|worse than|improv\w* (?:\w+ ){0,4}?(?:by|over)|significantly|state[- ]of[- ]the[- ]art|speeds? up|faster|by a factor)\b/i.test(
      text,
    );
  return !outcome;
}

/** A negative or null result or a limitation: kept and ranked with the positive findings. */
export function isNegativeFinding(text: string): boolean {
  return NEGATIVE_CUE.test(text);
}

/** Whether a question is about the method itself (its training, set-up, hyperparameters). */
export function questionAsksMethod(question: string | undefined): boolean {
  if (!question) return false;
  return /\b(?:hyper-?parameters?|learning[- ]rates?|batch[- ]sizes?|epochs?|optimi[sz]ers?|training (?:set-?up|procedure|details?|regime|data)|set-?up|implementation|implemented|architecture|how (?:is|are|was|were|do|does|did) .{1,60}\b(?:trained|train|implemented|built|configured|tuned|pre-?processed)|method(?:ology)? details?|settings?|configuration)\b/i.test(
    question,
  );
}
