import { collapseWhitespace } from '../../core/text.ts';
import type { DocumentLayout } from './document-layout.ts';

export interface DocumentQuestion {
  title: string | null;
  question: string | null;
  source: 'question' | 'title' | 'abstract' | null;
  abstract: string | null;
}

const QUESTION_LINE =
  /^\s*(?:[-*]\s*)?(?:\*\*|__)?\s*(?:research\s+)?question\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.+?)\s*(?:\*\*|__)?\s*$/im;
const INLINE_QUESTION = /(?:^|\s)(?:research\s+)?question\s*[:：]\s*([^?\n]{5,300}\?)/i;
const NOT_TITLES =
  /^(?:abstract|references|bibliography|sources|introduction|summary|method|methods|results|conclusions?|key findings|findings|claims|extracted claims)$/i;
const TITLE_PREFIX = /^(?:literature\s+(?:report|review)|report|review|survey)\s*[:—–-]\s*/i;

/** The research question: a "Question:" line, a "Research question" section, else the title, else the abstract. */
export function findQuestion(text: string, layout: DocumentLayout, knownTitle?: string | null): DocumentQuestion {
  const title = knownTitle ? clean(knownTitle) : findTitle(text, layout);
  const abstract = findAbstract(layout);
  // PDF text runs lines together: "… Question: Does X help Y? Key findings …".
  const line = QUESTION_LINE.exec(text)?.[1] ?? INLINE_QUESTION.exec(text)?.[1];
  if (line) return { title, abstract, question: clean(line), source: 'question' };
  const heading = layout.headings.find((h) => /^(?:research\s+)?questions?$/i.test(h.text));
  if (heading) {
    const paragraph = layout.paragraphs.find((p) => p.line > heading.line);
    if (paragraph) return { title, abstract, question: clean(paragraph.text), source: 'question' };
  }
  if (title) return { title, abstract, question: title.replace(TITLE_PREFIX, ''), source: 'title' };
  if (abstract) return { title, abstract, question: abstract, source: 'abstract' };
  return { title, abstract, question: null, source: null };
}

function findTitle(text: string, layout: DocumentLayout): string | null {
  const yaml = /^---\n[\s\S]*?^title:\s*["']?(.+?)["']?\s*$[\s\S]*?^---$/m.exec(text)?.[1];
  if (yaml) return clean(yaml);
  const headings = layout.headings.filter((h) => !NOT_TITLES.test(h.text));
  const top = headings.find((h) => h.level === 1) ?? headings[0];
  if (top && top.line <= 5) return clean(top.text);
  const first = layout.lines.find((l) => l.trim() !== '')?.trim();
  if (first && first.length <= 160 && !/[.:]$/.test(first) && !first.includes('|')) return clean(first);
  return top && top.level === 1 ? clean(top.text) : null;
}

function findAbstract(layout: DocumentLayout): string | null {
  const inline = layout.paragraphs.find((p) => /^(?:\*\*|__)?abstract(?:\*\*|__)?\s*[:.—–-]/i.test(p.text));
  if (inline) return clean(inline.text.replace(/^(?:\*\*|__)?abstract(?:\*\*|__)?\s*[:.—–-]\s*/i, ''));
  const paragraph = layout.paragraphs.find((p) => /^abstract$/i.test(p.section));
  return paragraph ? clean(paragraph.text) : null;
}

function clean(text: string): string {
  return collapseWhitespace(text.replace(/\*\*|__|`/g, ''));
}
