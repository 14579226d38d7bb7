/**
 * PDF structure on the shared papers (../shared/data/pdfs) against the headings read by hand in
 * test/fixtures/pdf-headings: headings recall and precision, passages in a section that is none of the
 * paper's, passages and sentences opening with a footnote marker, words left broken at a line end,
 * superscripts left glued in body text, footnotes cut out; and the words of our full text against
 * pdftotext's (bag-of-words recall and precision), with pdftotext's own glued-marker count beside ours;
 * for the one paper with marker and Nougat Markdown, how many passages sit in the same section; and
 * how many of the embedded engine's claims open with a footnote marker or carry a broken word or a
 * glued superscript (a rough count: a name such as `cld2` counts too).
 * Run alone with `npx tsx bench/pdf-structure.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEmbeddedClaimExtractor } from '../src/claims/embedded-claim-extractor.ts';
import { normalizeForMatch } from '../src/core/text.ts';
import { chunkPassages } from '../src/ingest/chunk-passages.ts';
import { parsePdf } from '../src/ingest/parse-pdf.ts';
import {
  brokenHyphens,
  headingFixtures,
  MARKER_START,
  measureStructure,
  sectionAgreement,
} from '../test/support/pdf-structure-oracle.ts';
import { sharedData } from '../test/support/shared-data.ts';
import { round } from './measure.ts';

function bag(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of normalizeForMatch(text).split(' ')) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function overlap(ours: Map<string, number>, theirs: Map<string, number>): number {
  let shared = 0;
  for (const [word, n] of ours) shared += Math.min(n, theirs.get(word) ?? 0);
  return shared;
}

const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
const GLUED = /(?:\p{L}{2}[,.;:)]|[”’]|\p{Ll}{3})\d(?=[\s—–]\p{L})/gu;
const GLUED_ONE = new RegExp(GLUED.source, 'u');

export async function benchPdfStructure(): Promise<Record<string, unknown>> {
  const papers: Record<string, unknown> = {};
  const sums = { expected: 0, found: 0, extra: 0, passages: 0, misplaced: 0, markerPassages: 0 };
  const more = { markerSentences: 0, broken: 0, glued: 0, gluedPdftotext: 0, footnotes: 0 };
  const sectionsVs: Record<string, string> = {};
  const extractor = createEmbeddedClaimExtractor();
  let claims = 0;
  let dirtyClaims = 0;
  let sharedWords = 0;
  let ourWords = 0;
  let theirWords = 0;
  for (const fixture of headingFixtures()) {
    const path = join(sharedData('pdfs'), fixture.paper);
    const doc = await parsePdf(new Uint8Array(readFileSync(path)), { name: fixture.paper });
    const passages = await chunkPassages(doc);
    const m = measureStructure(fixture, doc, passages);
    // What a report would carry: the embedded engine's claims, none opening with a marker or broken.
    const { claims: extracted } = await extractor.extract({
      paper: { id: fixture.paper, title: doc.title ?? fixture.paper, abstract: doc.abstract },
      passages: passages.map((p, i) => ({
        ...p,
        id: i + 1,
        documentId: 1,
        paperId: fixture.paper,
        text: doc.fullText.slice(p.charStart, p.charEnd),
      })),
      fullText: doc.fullText,
      maxClaims: 1000,
    });
    const words = new Set(doc.fullText.toLowerCase().match(/\p{L}+/gu) ?? []);
    claims += extracted.length;
    dirtyClaims += extracted.filter(
      (c) => MARKER_START.test(c.text) || brokenHyphens(c.text, words).length > 0 || GLUED_ONE.test(c.text),
    ).length;
    // marker's and Nougat's Markdown of one paper: an outside view of which section each passage is in.
    for (const tool of fixture.paper === '1804.07821v1.pdf' ? ['marker', 'nougat'] : []) {
      const markdown = readFileSync(sharedData('pdfs', 'reference-extractions', `1804.07821v1.${tool}.md`), 'utf8');
      const agreement = sectionAgreement(doc, passages, markdown);
      sectionsVs[`passages_in_same_section_as_${tool}_1804_07821`] = `${agreement.agree}/${agreement.checked}`;
    }
    const poppler = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (poppler.status !== 0) throw new Error(`pdftotext failed on ${fixture.paper} (apt-get install poppler-utils)`);
    const ours = bag(doc.fullText);
    const theirs = bag(poppler.stdout);
    const shared = overlap(ours, theirs);
    const gluedPdftotext = (poppler.stdout.replace(/\s+/g, ' ').match(GLUED) ?? []).length;
    papers[fixture.paper] = {
      headings_recall: round(m.found / m.expected, 3),
      headings_extra: m.extra.length,
      passages: m.passages,
      passages_misplaced: m.misplacedPassages,
      passages_opening_with_marker: m.passagesOpeningWithMarker.length,
      sentences_opening_with_marker: m.sentencesOpeningWithMarker.length,
      broken_hyphens: m.brokenHyphens.length,
      glued_markers: m.gluedMarkers,
      glued_markers_pdftotext: gluedPdftotext,
      footnotes: m.footnotes,
      words_recall_vs_pdftotext: round(shared / total(theirs), 3),
      words_precision_vs_pdftotext: round(shared / total(ours), 3),
    };
    sums.expected += m.expected;
    sums.found += m.found;
    sums.extra += m.extra.length;
    sums.passages += m.passages;
    sums.misplaced += m.misplacedPassages;
    sums.markerPassages += m.passagesOpeningWithMarker.length;
    more.markerSentences += m.sentencesOpeningWithMarker.length;
    more.broken += m.brokenHyphens.length;
    more.glued += m.gluedMarkers;
    more.gluedPdftotext += gluedPdftotext;
    more.footnotes += m.footnotes;
    sharedWords += shared;
    ourWords += total(ours);
    theirWords += total(theirs);
  }
  return {
    pdf_files: Object.keys(papers).length,
    headings_recall: round(sums.found / sums.expected, 3),
    headings_precision: round(sums.found / (sums.found + sums.extra), 3),
    passages: sums.passages,
    passages_misplaced: sums.misplaced,
    passages_opening_with_marker: sums.markerPassages,
    sentences_opening_with_marker: more.markerSentences,
    broken_hyphens: more.broken,
    glued_markers: more.glued,
    glued_markers_pdftotext: more.gluedPdftotext,
    footnotes: more.footnotes,
    words_recall_vs_pdftotext: round(sharedWords / theirWords, 3),
    words_precision_vs_pdftotext: round(sharedWords / ourWords, 3),
    ...sectionsVs,
    embedded_claims: claims,
    embedded_claims_with_marker_or_broken_word: dirtyClaims,
    papers,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchPdfStructure(), null, 2));
}
