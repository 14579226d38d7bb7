import { REFERENCE_MARKER, splitReferenceEntries } from '../../core/reference-entries.ts';
import { collapseWhitespace, normalizeForMatch } from '../../core/text.ts';
import type { ArxivRef, DocumentReference } from './document-types.ts';
import { sameWork, type WorkMention, workMentions } from './work-ids.ts';

/**
 * References of a document: the entries of its References/Bibliography/Sources section, plus any
 * arXiv id, DOI, ACL Anthology or OpenReview paper mentioned elsewhere (claim rows often carry
 * "arXiv:2401.00001" or "https://aclanthology.org/2020.acl-main.447" inline), plus any other URL a
 * claim table's Source cell gives. A citation and an entry name the same paper when they share an
 * identifier (work-ids.ts), however each writes it.
 */

const SECTION_HEADING =
  /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?(?:\d+\.?\s*)?(references|bibliography|sources|works cited|cited (?:papers|works|sources)|papers cited|literature cited|reference list)(?:\*\*|__)?\s*:?\s*$/i;
const ANY_HEADING = /^\s*#{1,6}\s+\S|^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$/;

const ARXIV_MENTION =
  /(?:arxiv\.org\/(?:abs|pdf|html)\/|\barxiv\s*:\s*|\barxiv\s+)((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7})|\d{4}\.\d{4,5})(?:v(\d+))?/gi;
const DOI_MENTION = /\b(10\.\d{4,9}\/[^\s"'<>\]]+)/g;
const URL = /https?:\/\/[^\s<>"'\])]+/g;

export interface ExtractOptions {
  /** Source cells of claim tables: any URL there is a reference even when the list does not hold it. */
  sourceCells?: string[];
}

export function extractReferences(text: string, options: ExtractOptions = {}): DocumentReference[] {
  const lines = text.split(/\r?\n/);
  const entries = referenceEntries(lines);
  const references: DocumentReference[] = entries.map((entry, index) =>
    parseEntry(entry.text, entry.key ?? String(index + 1), entry.line),
  );
  // Identifiers mentioned outside the reference list are references too (bare pages only from Source cells).
  const inSection = new Set(entries.flatMap((e) => e.lines));
  const mentioned = (mention: WorkMention, raw: string, line: number) => {
    if (references.some((r) => sameWork(r, mention))) return;
    references.push(mentionReference(mention, raw, line));
  };
  lines.forEach((line, index) => {
    if (inSection.has(index)) return;
    for (const mention of workMentions(line, false)) {
      if (!mention.ids[0]!.startsWith('url:')) mentioned(mention, line, index + 1);
    }
  });
  for (const cell of options.sourceCells ?? []) {
    const line = lines.findIndex((l) => l.includes(cell)) + 1;
    for (const mention of workMentions(cell, true)) mentioned(mention, cell, Math.max(1, line));
  }
  return references;
}

function mentionReference(mention: WorkMention, raw: string, line: number): DocumentReference {
  const [kind] = mention.ids[0]!.split(':');
  const key = mention.arxiv ? `arxiv:${formatArxiv(mention.arxiv)}` : mention.ids[0]!;
  return {
    ...emptyReference(key, raw, line),
    arxiv: mention.arxiv,
    doi: mention.doi ?? null,
    url: /^https?:/i.test(mention.marker) ? mention.marker : null,
    ids: mention.ids,
    ...(kind === 'url' ? { raw: mention.marker } : {}),
  };
}

interface Entry {
  key: string | null;
  text: string;
  line: number;
  lines: number[];
}

function referenceEntries(lines: string[]): Entry[] {
  const start = lines.findIndex((line) => SECTION_HEADING.test(line));
  if (start < 0) return [];
  // The section runs to the next heading that is not itself an entry.
  let end = start + 1;
  while (end < lines.length && !(ANY_HEADING.test(lines[end]!) && !REFERENCE_MARKER.test(lines[end]!))) end += 1;
  return splitReferenceEntries(lines.slice(start + 1, end), { unindentedStartsEntry: true }).map((entry) => {
    const indexes = entry.lines.map((index) => index + start + 1);
    return { key: entry.key, text: entry.text, line: indexes[0]! + 1, lines: indexes };
  });
}

function emptyReference(key: string, raw: string, line: number): DocumentReference {
  return {
    key,
    raw: collapseWhitespace(raw),
    line,
    arxiv: null,
    doi: null,
    url: null,
    ids: [],
    title: null,
    surnames: [],
    year: null,
  };
}

export function parseEntry(text: string, key: string, line: number): DocumentReference {
  const raw = collapseWhitespace(text);
  const mentions = workMentions(raw, true);
  const arxiv = mentions.find((m) => m.arxiv)?.arxiv ?? null;
  const doi = arxiv ? null : (mentions.find((m) => m.doi)?.doi ?? null);
  const url = (raw.match(URL) ?? []).map(trimUrl)[0] ?? null;
  const ids = [...new Set(mentions.flatMap((m) => m.ids))];
  const year =
    /\b((?:19|20)\d{2})[a-z]?\b(?![./]\d)/.exec(raw.replace(URL, ' ').replace(ARXIV_MENTION, ' '))?.[1] ?? null;
  const title = entryTitle(raw);
  const authorPart = title ? raw.slice(0, Math.max(0, raw.indexOf(title))) : raw.split(/\(?(?:19|20)\d{2}/)[0]!;
  return { key, raw, line, arxiv, doi, url, ids, title, surnames: surnamesIn(authorPart), year };
}

/** The title of an entry: quoted, linked, emphasised, or the sentence after the year. */
function entryTitle(raw: string): string | null {
  const candidates = [
    /[“"]([^”"]{8,}?)[,.]?[”"]/.exec(raw)?.[1],
    /\[([^\]]{8,})\]\((?:https?:[^)]*)\)/.exec(raw)?.[1],
    /(?:^|\s)[*_]{1,2}([^*_]{8,}?)[*_]{1,2}(?=[\s.,]|$)/.exec(raw)?.[1],
    /\(?(?:19|20)\d{2}[a-z]?\)?[.,:]\s+([^.?!]{8,}[?!]?)/.exec(raw.replace(URL, ' '))?.[1],
  ];
  for (const candidate of candidates) {
    const title = candidate ? collapseWhitespace(candidate).replace(/[.,;]$/, '') : '';
    if (title && !/^(?:https?:|arxiv|doi)/i.test(title) && !/^\d{4}\.\d{4,5}/.test(title)) return title;
  }
  // No year and no markup: "Title. Venue" or a bare title line with no identifier at all.
  const stripped = collapseWhitespace(
    raw.replace(URL, ' ').replace(ARXIV_MENTION, ' ').replace(DOI_MENTION, ' '),
  ).replace(/^[\s.,;:-]+|[\s.,;:-]+$/g, '');
  if (stripped.split(/\s+/).length >= 3) return stripped.split(/\.\s+/)[0]!.slice(0, 300);
  return null;
}

const NOT_SURNAMES = new Set([
  'In',
  'Proceedings',
  'The',
  'A',
  'An',
  'And',
  'Et',
  'Al',
  'Journal',
  'Conference',
  'ArXiv',
  'Arxiv',
  'Preprint',
  'Vol',
  'Available',
]);

function surnamesIn(authorPart: string): string[] {
  const words = authorPart.match(/\p{Lu}[\p{L}'’-]+/gu) ?? [];
  return [...new Set(words.filter((w) => !NOT_SURNAMES.has(w) && !/^\p{Lu}\.?$/u.test(w)))].slice(0, 12);
}

function trimUrl(url: string): string {
  return url.replace(/[.,;:]+$/, '');
}

export function formatArxiv(ref: ArxivRef): string {
  return ref.version === null ? ref.id : `${ref.id}v${ref.version}`;
}

export interface FoundCitations {
  keys: string[];
  /** Citations no reference answers. */
  dangling: string[];
  /** The text with markers, author-year parentheses and identifiers taken out. */
  cleaned: string;
}

/**
 * Which references a piece of text cites: [1], [2–4], (Smith et al., 2023), arXiv ids, DOIs, ACL
 * Anthology and OpenReview links. Other web pages count only where the text is a Source cell
 * (`pages`): in a claim, "code at https://github.com/…" cites no paper.
 */
export function findCitations(text: string, references: DocumentReference[], pages = false): FoundCitations {
  const keys: string[] = [];
  const dangling: string[] = [];
  const cite = (key: string | null, marker: string) => {
    if (key === null) {
      if (!dangling.includes(marker)) dangling.push(marker);
    } else if (!keys.includes(key)) keys.push(key);
  };
  const byKey = (key: string) => references.find((r) => r.key === key)?.key ?? null;

  for (const m of text.matchAll(/\[(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\]/g)) {
    for (const n of expandNumbers(m[1]!)) cite(byKey(String(n)), `[${n}]`);
  }
  for (const m of text.matchAll(/\(([^()]*?\b(?:19|20)\d{2}[a-z]?[^()]*)\)/g)) {
    for (const part of m[1]!.split(';')) {
      const surname = /(\p{Lu}[\p{L}'’-]+)/u.exec(part)?.[1];
      const year = /\b((?:19|20)\d{2})/.exec(part)?.[1] ?? null;
      if (surname) cite(byAuthor(references, surname, year), collapseWhitespace(`(${part.trim()})`));
    }
  }
  for (const m of text.matchAll(
    /(\p{Lu}[\p{L}'’-]+)(?:\s+et al\.?|\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]+)?\s*\(((?:19|20)\d{2})[a-z]?\)/gu,
  )) {
    cite(byAuthor(references, m[1]!, m[2]!), m[0]);
  }
  for (const mention of workMentions(text, false)) {
    if (pages || !mention.ids[0]!.startsWith('url:')) citeWork(mention, references, cite);
  }
  return { keys, dangling, cleaned: removeCitations(text) };
}

function citeWork(
  mention: WorkMention,
  references: DocumentReference[],
  cite: (key: string | null, marker: string) => void,
): void {
  const ref = references.find((r) => sameWork(r, mention));
  const marker = mention.arxiv ? `arXiv:${formatArxiv(mention.arxiv)}` : mention.marker;
  cite(ref?.key ?? null, marker);
}

/**
 * A "Source"/"Paper" cell: citations as above (any URL included), else bare ids ("2005.13013",
 * "2020.acl-main.447"), else a bare number, else a reference title.
 */
export function findSourceCell(cell: string, references: DocumentReference[]): FoundCitations {
  const found = findCitations(cell, references, true);
  if (found.keys.length > 0 || found.dangling.length > 0) return found;
  const cite = (key: string | null, marker: string) => {
    if (key === null) found.dangling.push(marker);
    else if (!found.keys.includes(key)) found.keys.push(key);
  };
  for (const mention of workMentions(cell, true)) citeWork(mention, references, cite);
  if (found.keys.length > 0 || found.dangling.length > 0) return found;
  const bare = /^\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*$/.exec(cell);
  if (bare) {
    for (const n of expandNumbers(bare[1]!)) {
      const ref = references.find((r) => r.key === String(n));
      if (ref) found.keys.push(ref.key);
      else found.dangling.push(`[${n}]`);
    }
    return found;
  }
  const wanted = normalizeForMatch(cell);
  if (wanted.length >= 6) {
    const ref = references.find((r) => {
      const title = normalizeForMatch(r.title ?? r.raw);
      return title.includes(wanted) || (title.length >= 12 && wanted.includes(title));
    });
    if (ref) found.keys.push(ref.key);
    else if (/\p{L}{3}/u.test(cell)) found.dangling.push(collapseWhitespace(cell));
  }
  return found;
}

function byAuthor(references: DocumentReference[], surname: string, year: string | null): string | null {
  const match = references.find(
    (r) => r.surnames.includes(surname) && (year === null || r.year === null || r.year === year),
  );
  return match?.key ?? null;
}

function expandNumbers(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/[,;]/)) {
    const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= to && n - from < 50; n++) out.push(n);
    } else if (part.trim() !== '') out.push(Number(part.trim()));
  }
  return out;
}

function removeCitations(text: string): string {
  return collapseWhitespace(
    text
      .replace(/\[(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\](?:\([^)]*\))?/g, ' ')
      .replace(/\((?:[^()]*?\b(?:19|20)\d{2}[a-z]?[^()]*)\)/g, (m) => (/\p{Lu}[\p{L}'’-]+/u.test(m) ? ' ' : m))
      .replace(/\[([^\]]+)\]\(https?:[^)\s]*\)/g, '$1')
      .replace(
        /\(?\s*(?:https?:\/\/|\barxiv\s*:\s*|\bdoi:\s*|\b(?:acl|openreview)\s*:\s*)[^\s)\]]*[^\s)\].,;]\s*\)?/gi,
        ' ',
      ),
  )
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .trim();
}
