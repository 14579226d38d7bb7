import { wordCounts } from '../../core/truncation.ts';
import {
  citationFindings,
  confidenceFindings,
  countFindings,
  relevanceFindings,
  truncationFindings,
} from './document-findings.ts';
import { readLayout } from './document-layout.ts';
import { findQuestion } from './document-question.ts';
import type { DocumentFinding, ParsedAuditDocument } from './document-types.ts';
import { claimSourceCells, findDocumentClaims } from './find-document-claims.ts';
import { extractReferences } from './references.ts';

export interface ParseAuditOptions {
  /** Words known to be whole (e.g. from the cited papers), so "accura" is recognised as cut off. */
  vocabulary?: Iterable<string>;
  /** The title when the format carries one apart from the text (PDF metadata, HTML <title>). */
  title?: string | null;
  /** PDF text: list items run together into paragraphs (see readLayout). */
  inlineBullets?: boolean;
}

/**
 * Reads a report or paper someone else wrote: its question, claims (with the document's own
 * verdicts and confidences), references, and findings about the document itself. Pure: text in.
 */
export function parseAuditDocument(text: string, options: ParseAuditOptions = {}): ParsedAuditDocument {
  const layout = readLayout(text, { inlineBullets: options.inlineBullets });
  const references = extractReferences(text, { sourceCells: claimSourceCells(layout) });
  // A word the document uses only once may be the cut-off fragment itself.
  const vocabulary = new Set<string>();
  for (const [word, count] of wordCounts(text)) if (count >= 2) vocabulary.add(word);
  for (const word of options.vocabulary ?? []) vocabulary.add(word.toLowerCase());
  const claims = findDocumentClaims(layout, references, vocabulary);
  const { title, question, source, abstract } = findQuestion(text, layout, options.title);
  // Counts are read from the body without the reference list, and without section numbers:
  // the heading "4 Extracted Claims" numbers a section, it does not count claims.
  const referenceLines = new Set(references.filter((r) => /^\d+$/.test(r.key)).map((r) => r.line));
  const headingLines = new Set(layout.headings.map((h) => h.line));
  const body = layout.lines
    .map((line, i) => (headingLines.has(i + 1) ? line.replace(/^(\s*#*\s*)\d{1,2}(?:\.\d{1,2})*\.?\s+/, '$1') : line))
    .filter((_, i) => !referenceLines.has(i + 1))
    .join('\n');
  // The document's prose minus its claim sentences says what the document is about.
  const prose = layout.paragraphs
    .filter((p) => !/references|bibliography/i.test(p.section))
    .map((p) =>
      claims.reduce((text, c) => (c.origin === 'prose' ? text.replace(c.raw, ' ') : text), p.text.replace(/\s+/g, ' ')),
    );
  const documents = [...layout.paragraphs.map((p) => p.text), ...claims.map((c) => c.text)];
  const findings: DocumentFinding[] = [
    ...(claims.length === 0 ? [{ kind: 'no_claims' as const, detail: 'no claims were found in the document' }] : []),
    ...truncationFindings(claims),
    ...countFindings(body, claims, references),
    ...confidenceFindings(claims),
    ...relevanceFindings(claims, { question, title, abstract, references, prose, documents }),
    ...citationFindings(claims, references),
  ];
  return { title, question, questionSource: source, claims, references, findings };
}
