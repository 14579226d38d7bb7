import { describeLocation, type Evidence, type NumericMismatch } from '../../core/types.ts';
import { splitSentences } from '../tokenize.ts';
import type { CandidatePassage, VerificationInput, VerificationResult, Verifier } from '../verifier.ts';
import { detectDomain } from './domain.ts';
import { analyzeText, type TextInfo } from './features.ts';
import {
  type DocumentJudgement,
  type EmbeddedModel,
  evidenceSentences,
  idfLookup,
  judgeDocument,
  loadEmbeddedModel,
} from './model.ts';

/**
 * The embedded verifier: no LLM, no key. Splits candidate passages into sentences, picks the
 * likeliest rationale sentences with the trained selector, classifies the claim against them, and
 * checks numbers. Passage text is only ever features: instructions inside it have no effect.
 */

interface SentenceRef {
  passage: CandidatePassage;
  start: number;
  end: number;
}

export interface EmbeddedVerifierOptions {
  /** A model object (tests, training); defaults to the committed model.json. */
  model?: EmbeddedModel;
}

export class EmbeddedVerifier implements Verifier {
  readonly name: string;
  private readonly model: EmbeddedModel;
  private readonly idf: ReturnType<typeof idfLookup>;

  constructor(options: EmbeddedVerifierOptions = {}) {
    this.model = options.model ?? loadEmbeddedModel();
    this.name = `embedded@${this.model.version}`;
    this.idf = idfLookup(this.model);
  }

  async verify(input: VerificationInput): Promise<VerificationResult> {
    return this.verifySync(input);
  }

  /** Synchronous core (no I/O happens): batch mode calls it directly. */
  verifySync(input: VerificationInput): VerificationResult {
    const refs: SentenceRef[] = [];
    for (const passage of input.passages) {
      for (const range of splitSentences(passage.text)) {
        if (!isHeading(passage.text.slice(range.start, range.end))) refs.push({ passage, ...range });
      }
    }
    if (refs.length === 0) {
      return {
        verdict: 'NOT_ENOUGH_INFO',
        confidence: 1,
        evidence: [],
        rationale: 'No candidate passages to check the claim against.',
        engine: this.name,
        warnings: [],
        unverifiedReason: 'no candidate passages',
      };
    }
    const claim = analyzeText(input.claim.text);
    const sentences = refs.map((r) => analyzeText(r.passage.text.slice(r.start, r.end)));
    // The calibration follows the claim's domain, read from the claim and its candidate passages.
    const domain = detectDomain([input.claim.text, ...input.passages.map((p) => p.text)].join(' '));
    const judgement = judgeDocument(this.model, claim, sentences, null, this.idf, domain);
    const evidence = pickEvidence(judgement, refs);
    const result: VerificationResult = {
      verdict: judgement.verdict,
      confidence: round(judgement.confidence),
      evidence,
      rationale: explain(judgement, sentences, claim),
      engine: this.name,
      warnings: [],
      calibration: judgement.calibration,
    };
    const numeric = numericRecords(judgement);
    if (numeric.length > 0) result.numeric = numeric;
    return result;
  }
}

const round = (x: number): number => Number(x.toFixed(4));

/** Best sentence(s) as verbatim quotes with exact char ranges; none for NOT_ENOUGH_INFO. */
function pickEvidence(judgement: DocumentJudgement, refs: SentenceRef[]): Evidence[] {
  return evidenceSentences(judgement).map((i) => {
    const ref = refs[i]!;
    return {
      passageId: ref.passage.id,
      paperId: ref.passage.paperId,
      quote: ref.passage.text.slice(ref.start, ref.end),
      location: describeLocation({ page: ref.passage.page, sectionPath: ref.passage.sectionPath }),
      charStart: ref.passage.charStart + ref.start,
      charEnd: ref.passage.charStart + ref.end,
    };
  });
}

function numericRecords(judgement: DocumentJudgement): NumericMismatch[] {
  return judgement.numericEvidence.map((n) => {
    const record: NumericMismatch = { claimed: n.claimed.text, found: n.found.text };
    if (n.quantity) record.quantity = n.quantity;
    return record;
  });
}

function explain(judgement: DocumentJudgement, sentences: TextInfo[], claim: TextInfo): string {
  const [s, r, n] = judgement.classProbabilities.map((p) => p.toFixed(2));
  const probs = `model probabilities SUPPORTED ${s}, REFUTED ${r}, NOT_ENOUGH_INFO ${n}`;
  if (judgement.rule === 'numeric_mismatch') {
    const pairs = judgement.numericEvidence.map((f) => `claimed ${f.claimed.text}, found ${f.found.text}`).join('; ');
    return `Evidence states the same quantity with a different value (${pairs}); ${probs}.`;
  }
  if (judgement.rule === 'numeric_rounding') {
    const pairs = judgement.numericEvidence.map((f) => `claimed ${f.claimed.text}, found ${f.found.text}`).join('; ');
    return `Evidence supports the claim only up to the claim's rounding (${pairs}); ${probs}.`;
  }
  const top = sentences[judgement.ranked[0] ?? 0];
  const shared = top ? [...claim.stemSet].filter((t) => top.stemSet.has(t)).length : 0;
  return `Best sentence shares ${shared} of ${claim.stemSet.size} claim terms; ${probs}.`;
}

/**
 * A title or section heading ("# CodeBridge: …", "3 Results") names a topic but asserts nothing, so it
 * is never evidence: short, no closing punctuation, and neither a number nor a table cell to check.
 */
export function isHeading(sentence: string): boolean {
  const text = sentence.trim();
  if (/^#{1,6}\s/.test(text)) return true;
  if (/[.!?:;]["'”’)\]]*$/.test(text) || /\||\d[\d.,]*\s*%/.test(text)) return false;
  return text.split(/\s+/).length <= 15;
}
