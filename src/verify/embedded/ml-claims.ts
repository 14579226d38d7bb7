import type { ParsedDocument, Verdict } from '../../core/types.ts';
import { Bm25Index } from '../bm25.ts';
import { contentStems, splitSentences } from '../tokenize.ts';
import type { LabelledDocument, LabelledPair } from './datasets.ts';
import { type Perturbation, paperNames, paraphrase, refutingPerturbations, strengthen } from './perturb.ts';

/**
 * The in-domain ML-claims set, computed from real papers (parsed by litmus's own parsers): each
 * paper's result sentences are SUPPORTED sources (verbatim or lightly paraphrased, evidence = their
 * paragraph plus the paper's next-best paragraph as a distractor); one perturbation of each is
 * REFUTED; a strengthened hedge or quantifier is PARTIAL (trained as SUPPORTED, kept as `gold`);
 * result sentences of other papers, and of other paragraphs of the same paper that do not restate
 * them, are NOT_ENOUGH_INFO. Every pair's group is the paper its evidence comes from, so folds split
 * by paper. Deterministic for a seed.
 */

export type MlPaper = Pick<ParsedDocument, 'title' | 'fullText' | 'sections' | 'tables'> & { paperId: string };

export interface MlClaimPair extends LabelledPair {
  /** How the claim was made: 'verbatim', 'paraphrase', a perturbation kind, 'other_paper', 'same_paper'. */
  kind: string;
  /** The label before mapping to the classifier's three (PARTIAL stays PARTIAL here). */
  gold: Verdict;
}

export interface MlClaimsOptions {
  seed?: number;
  /** Result sentences sampled per paper (default 40). */
  perPaper?: number;
  /** Cross-validation folds the papers are dealt into (paper i → fold i mod folds; default 5). */
  folds?: number;
}

const RESULT_CUE =
  /\b(?:outperform\w*|improv\w*|achiev\w*|accura\w*|F1|BLEU|ROUGE|scores?|better|worse|higher|lower|best|significant\w*|increas\w*|decreas\w*|reduc\w*|gains?|faster|slower|errors?|precision|recall|perplexity|we (?:find|found|show|observe|observed)|results? (?:show|suggest|indicate))\b/i;

/** Sections whose text is not a paper's own statement of results. */
const SKIPPED_SECTION = /^(?:\d+\.?\s*)?(?:references|bibliography|acknowledg|related work|appendix)/i;

interface Paragraph {
  paper: number;
  index: number;
  sentences: string[];
}

/** Paragraphs of body text: tables, references and acknowledgements left out. */
export function paperParagraphs(paper: MlPaper, paperIndex = 0): Paragraph[] {
  const skip: [number, number][] = [
    ...paper.tables.map((t): [number, number] => [t.start, t.end]),
    ...paper.sections
      .filter((s) => s.path.some((p) => SKIPPED_SECTION.test(p)))
      .map((s): [number, number] => [s.start, s.end]),
  ];
  const out: Paragraph[] = [];
  let offset = 0;
  for (const block of paper.fullText.split(/\n\s*\n/)) {
    const start = paper.fullText.indexOf(block, offset);
    offset = start + block.length;
    if (skip.some(([a, b]) => start < b && start + block.length > a)) continue;
    const text = block.replace(/\s*\n\s*/g, ' ').trim();
    // Headings and footnotes assert nothing the verifier may quote (it drops headings too).
    if (/^Footnote\b/i.test(text) || (text.split(/\s+/).length < 6 && !/[.!?]$/.test(text))) continue;
    const sentences = splitSentences(text)
      .map((r) => text.slice(r.start, r.end).trim())
      .filter((s) => s.length > 0);
    if (sentences.length > 0) out.push({ paper: paperIndex, index: out.length, sentences });
  }
  return out;
}

/** A sentence fit to be a claim: complete, prose (no TeX, URLs or number dumps), and stating a result. */
export function isResultSentence(sentence: string): boolean {
  const words = sentence.split(/\s+/);
  if (words.length < 8 || words.length > 45) return false;
  if (!/^[A-Z]/.test(sentence) || !/[.!]$/.test(sentence)) return false;
  if (/[\\{}_^|]|https?:|www\.|@/.test(sentence)) return false;
  const letters = sentence.replace(/[^A-Za-z]/g, '').length;
  if (letters / sentence.length < 0.7) return false;
  return RESULT_CUE.test(sentence);
}

/** mulberry32, as in train.ts (kept local so this module stands alone). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Share of the claim's content stems a sentence restates (unweighted). */
function overlap(claim: string, sentence: string): number {
  const c = new Set(contentStems(claim));
  if (c.size === 0) return 0;
  const s = new Set(contentStems(sentence));
  return [...c].filter((t) => s.has(t)).length / c.size;
}

const MAX_SENTENCES = 12;

/** Builds the labelled ML-claims set from parsed papers. */
export function buildMlClaims(
  papers: MlPaper[],
  options: MlClaimsOptions = {},
): { pairs: MlClaimPair[]; documents: Map<string, LabelledDocument> } {
  const seed = options.seed ?? 13;
  const perPaper = options.perPaper ?? 40;
  const folds = options.folds ?? 5;
  const random = seeded(seed);
  const documents = new Map<string, LabelledDocument>();
  const pairs: MlClaimPair[] = [];
  const paragraphs = papers.map((p, i) => paperParagraphs(p, i));
  const indexes = paragraphs.map((paras) => {
    const index = new Bm25Index();
    for (const para of paras) index.add(String(para.index), para.sentences.join(' '));
    return index;
  });
  const sources = paragraphs.map((paras) =>
    shuffled(
      paras.flatMap((para) =>
        para.sentences.map((sentence, at) => ({ para, at, sentence })).filter((s) => isResultSentence(s.sentence)),
      ),
      random,
    ).slice(0, perPaper),
  );
  /** Evidence document: the paragraph (around `at`) plus the best other paragraph for `claim`. */
  const evidenceDoc = (paper: number, claim: string, own: Paragraph | null, id: string, exclude: Set<number>) => {
    const ownSentences = own ? own.sentences.slice(0, MAX_SENTENCES) : [];
    const hits = indexes[paper]!.search(claim, 4).filter(
      (h) => !exclude.has(Number(h.id)) && Number(h.id) !== own?.index,
    );
    const needed = own ? 1 : 2;
    const others = hits
      .slice(0, needed)
      .flatMap((h) => paragraphs[paper]![Number(h.id)]!.sentences.slice(0, MAX_SENTENCES));
    const doc: LabelledDocument = { docId: id, title: '', sentences: [...ownSentences, ...others] };
    documents.set(id, doc);
    return doc;
  };
  const used = new Map<string, number>();
  papers.forEach((paper, p) => {
    const names = paperNames(paper.fullText);
    sources[p]!.forEach(({ para, at, sentence }, k) => {
      const group = paper.paperId;
      const docId = `${paper.paperId}#${para.index}:${at}`;
      const doc = evidenceDoc(p, sentence, para, docId, new Set());
      const rationale = [at].filter((i) => i < MAX_SENTENCES);
      if (rationale.length === 0) return;
      const add = (kind: string, claim: string, gold: Verdict, id: string, d: LabelledDocument, r: number[]) => {
        const label: Verdict = gold === 'PARTIAL' ? 'SUPPORTED' : gold;
        pairs.push({ claimId: id, claim, docId: d.docId, label, gold, rationale: r, group, kind, fold: p % folds });
      };
      const id = `${paper.paperId}:${k}`;
      const light = paraphrase(sentence);
      const useParaphrase = light !== sentence && random() < 0.5;
      add(
        useParaphrase ? 'paraphrase' : 'verbatim',
        useParaphrase ? light : sentence,
        'SUPPORTED',
        `${id}:s`,
        doc,
        rationale,
      );
      const refuting = refutingPerturbations(sentence, names, random);
      if (refuting.length > 0) {
        // The rarest kind so far among those that apply, so every kind of error is well represented.
        const fewest = Math.min(...refuting.map((r) => used.get(r.kind) ?? 0));
        const rare = refuting.filter((r) => (used.get(r.kind) ?? 0) === fewest);
        const chosen: Perturbation = rare[Math.floor(random() * rare.length)]!;
        used.set(chosen.kind, fewest + 1);
        add(chosen.kind, chosen.text, 'REFUTED', `${id}:r`, doc, rationale);
      }
      const stronger = strengthen(sentence);
      if (stronger) add('strengthen', stronger.text, 'PARTIAL', `${id}:p`, doc, rationale);
      // NOT_ENOUGH_INFO, alternating: a result sentence of another paper (one in the same fold, so
      // no claim text crosses folds) against this paper's best paragraphs for it, or this sentence
      // against this paper's other paragraphs that do not restate it.
      const sameFold = papers.map((_, q) => q).filter((q) => q !== p && q % folds === p % folds);
      if (k % 2 === 0 && sameFold.length > 0) {
        const other = sameFold[Math.floor(random() * sameFold.length)]!;
        const foreign = sources[other]![k % Math.max(1, sources[other]!.length)];
        if (foreign) {
          const d = evidenceDoc(p, foreign.sentence, null, `${paper.paperId}#nei:${k}`, new Set());
          if (d.sentences.length > 0) add('other_paper', foreign.sentence, 'NOT_ENOUGH_INFO', `${id}:n`, d, []);
        }
      } else {
        const d = evidenceDoc(p, sentence, null, `${paper.paperId}#same:${k}`, new Set([para.index]));
        if (d.sentences.length > 0 && Math.max(...d.sentences.map((s) => overlap(sentence, s))) < 0.5)
          add('same_paper', sentence, 'NOT_ENOUGH_INFO', `${id}:n`, d, []);
      }
    });
  });
  return { pairs, documents };
}
