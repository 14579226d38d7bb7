import type { Cite as CiteClass, CslItem } from '@citation-js/core';
import type { ReportPaper } from '../report-model.ts';
import { cslItem } from './csl-items.ts';
import { IEEE_STYLE } from './ieee-style.ts';

export const CITATION_STYLES = ['apa', 'vancouver', 'ieee', 'harvard'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** The CSL template behind each --style: plugin-csl's bundled styles, and litmus' own IEEE style. */
const TEMPLATES: Record<CitationStyle, string> = {
  apa: 'apa',
  vancouver: 'vancouver',
  harvard: 'harvard1',
  ieee: 'litmus-ieee',
};

type CiteConstructor = typeof CiteClass;
let loaded: Promise<CiteConstructor> | null = null;

/**
 * citation-js with its BibTeX, RIS and CSL plugins, loaded on first use (it is large). Two settings
 * differ from its defaults: entries keep litmus' cite keys as labels, and a CSL "article" (a preprint)
 * becomes @misc, not @article, which BibTeX styles would require a journal for.
 */
export function loadCitationJs(): Promise<CiteConstructor> {
  loaded ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-ris');
    await import('@citation-js/plugin-csl');
    const bibtex = core.plugins.config.get('@bibtex');
    bibtex.format.useIdAsLabel = true;
    bibtex.types.bibtex.target.article = 'misc';
    bibtex.types.biblatex.target.article = 'misc';
    core.plugins.config.get('@csl').styles.add(TEMPLATES.ieee, IEEE_STYLE);
    return core.Cite;
  })();
  return loaded;
}

export interface ReferenceFiles {
  'references.bib': string;
  'references.ris': string;
  'references.csl.json': string;
}

/** references.bib, references.ris and references.csl.json, all made by citation-js from the same CSL items. */
export async function renderReferenceFiles(papers: ReportPaper[]): Promise<ReferenceFiles> {
  const items = papers.map(cslItem);
  if (items.length === 0) return { 'references.bib': '', 'references.ris': '', 'references.csl.json': '[]\n' };
  const Cite = await loadCitationJs();
  const cite = new Cite(items);
  // BibTeX has no CSL "number" for a preprint's id; @misc entries conventionally carry it as a note.
  const bibItems = items.map((item) =>
    item.type === 'article' && typeof item.number === 'string' ? { ...item, note: `arXiv:${item.number}` } : item,
  );
  return {
    'references.bib': new Cite(bibItems).format('bibtex'),
    'references.ris': `${unwrapRis(cite.format('ris')).trimEnd()}\n`,
    'references.csl.json': `${JSON.stringify(items, null, 2)}\n`,
  };
}

/**
 * The reference list as plain-text entries in `style`, in the style's own order (APA and Harvard sort
 * by author; Vancouver and IEEE number the papers in report order).
 */
export async function formatReferenceList(papers: ReportPaper[], style: CitationStyle): Promise<string[]> {
  if (papers.length === 0) return [];
  const Cite = await loadCitationJs();
  const text = new Cite(papers.map(cslItem)).format('bibliography', {
    format: 'text',
    template: TEMPLATES[style],
    lang: 'en-US',
  });
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/**
 * citation-js 0.8.2 breaks every RIS value after 70 characters (mid-word), and readers, its own
 * included, join a continuation line with a space: "Computing S ystems". RIS allows 255-character
 * lines, and no value litmus writes holds a newline, so each continuation goes back on its tag's line.
 */
export function unwrapRis(ris: string): string {
  return ris.replace(/\n(?![A-Z][A-Z0-9] {2}-)(?=[^\n])/g, '');
}

/** Reads back what a reference manager would import: CSL items parsed by citation-js from any export. */
export async function parseReferences(text: string): Promise<CslItem[]> {
  const Cite = await loadCitationJs();
  return new Cite(text).data.map(({ _graph, ...item }) => item as CslItem);
}
