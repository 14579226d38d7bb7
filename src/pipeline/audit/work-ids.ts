import type { ArxivRef } from './document-types.ts';

/**
 * The identifiers a document cites a paper by, in one comparable form: `arxiv:<id>`, `doi:<doi>`,
 * `acl:<anthology id>`, `openreview:<id>`, `url:<host/path>`. A reference entry, a Source cell and a
 * `--paper` id name the same paper when they share one. An ACL Anthology DOI (10.18653/v1/<id>)
 * and an arXiv DOI (10.48550/arXiv.<id>) also yield the Anthology or arXiv id they encode.
 */

export interface WorkMention {
  /** As written in the text, for "cites …, which no reference answers". */
  marker: string;
  /** Comparable identifiers, most specific first. */
  ids: string[];
  arxiv: ArxivRef | null;
  /** The DOI as written (ids hold it lower-cased). */
  doi?: string;
}

const URL = /https?:\/\/[^\s<>"'\])|]+/gi;
const ARXIV_ID = String.raw`((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7})|\d{4}\.\d{4,5})(?:v(\d+))?`;
const ARXIV_MENTION = new RegExp(String.raw`(?:\barxiv\s*:\s*|\barxiv\s+)${ARXIV_ID}`, 'gi');
const BARE_ARXIV = /(?<![\d./\w-])(\d{4}\.\d{4,5})(?:v(\d+))?(?![\d/\w])/g;
const DOI_MENTION = /(?<![\w/.])(10\.\d{4,9}\/[^\s"'<>\]|]+)/g;
/** New-style ("2020.acl-main.447") and old-style ("P14-1129") ACL Anthology ids. */
const ACL_NEW = String.raw`(?:19|20)\d{2}\.[a-z][a-z\d]*(?:-[a-z\d]+)*\.\d+`;
const ACL_OLD = String.raw`[A-Z]\d{2}-\d{4}`;
const ACL_URL = new RegExp(String.raw`(?:aclanthology\.org|aclweb\.org\/anthology)\/(${ACL_NEW}|${ACL_OLD})`, 'i');
const BARE_ACL = new RegExp(String.raw`(?<![\w./-])(${ACL_NEW})(?![\w-])`, 'g');
const BARE_ACL_OLD = new RegExp(String.raw`(?<![\w-])(${ACL_OLD})(?![\w-])`, 'g');
const OPENREVIEW_URL = /openreview\.net\/(?:forum|pdf|attachment)\?(?:[^#\s]*&)?id=([\w-]+)/i;

/**
 * Every work a piece of text names. `bare` also reads bare ids ("2401.00001", "P14-1129"), which
 * only a reference entry, a Source cell or a `--paper` id can be trusted to mean as ids.
 */
export function workMentions(text: string, bare: boolean): WorkMention[] {
  const out: WorkMention[] = [];
  // A Source cell or --paper id may drop the scheme: "aclanthology.org/P14-1133.pdf".
  if (bare)
    text = text.replace(
      /(^|\s)((?:[a-z\d-]+\.)+[a-z]{2,}\/[^\s]*)/gi,
      (_, lead: string, url: string) => `${lead}https://${url}`,
    );
  const add = (mention: WorkMention) => {
    if (!out.some((m) => m.ids[0] === mention.ids[0] && sameVersion(m.arxiv, mention.arxiv))) out.push(mention);
  };
  let rest = text;
  for (const match of text.matchAll(URL)) {
    const url = match[0].replace(/[.,;:]+$/, '');
    const mention = urlMention(url);
    if (mention) add(mention);
    rest = rest.replace(match[0], ' ');
  }
  for (const m of rest.matchAll(ARXIV_MENTION)) add(arxivMention(m[0], m[1]!, m[2]));
  for (const m of rest.matchAll(DOI_MENTION)) add(doiMention(m[1]!));
  rest = rest.replace(ARXIV_MENTION, ' ').replace(DOI_MENTION, ' ');
  for (const m of rest.matchAll(/\b(acl|openreview)\s*:\s*([\w.-]*\w)/gi)) {
    if (m[1]!.toLowerCase() === 'acl') add(aclMention(m[2]!, m[0]));
    else add({ marker: m[0], ids: [`openreview:${m[2]!.toLowerCase()}`], arxiv: null });
  }
  if (bare) {
    for (const m of rest.matchAll(BARE_ACL)) add(aclMention(m[1]!, m[1]!));
    for (const m of rest.matchAll(BARE_ACL_OLD)) add(aclMention(m[1]!, m[1]!));
    if (!out.some((m) => m.arxiv)) {
      for (const m of rest.matchAll(BARE_ARXIV)) if (plausibleArxivId(m[1]!)) add(arxivMention(m[0], m[1]!, m[2]));
    }
  }
  return out;
}

/** What a URL names: an arXiv paper, a DOI, an ACL Anthology or OpenReview paper, else the page itself. */
export function urlMention(url: string): WorkMention | null {
  const arxiv = new RegExp(String.raw`arxiv\.org\/(?:abs|pdf|html)\/${ARXIV_ID}`, 'i').exec(url);
  if (arxiv) return arxivMention(url, arxiv[1]!, arxiv[2]);
  const doi = /(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+)/i.exec(url);
  if (doi) return doiMention(decodeURIComponent(doi[1]!), url);
  const acl = ACL_URL.exec(url);
  if (acl) return aclMention(acl[1]!, url);
  const openreview = OPENREVIEW_URL.exec(url);
  if (openreview) return { marker: url, ids: [`openreview:${openreview[1]!.toLowerCase()}`], arxiv: null };
  const page = normalizeUrl(url);
  // Publisher pages often carry the DOI in their path: dl.acm.org/doi/10.1145/…, link.springer.com/article/10.1007/….
  const embedded = /\/(10\.\d{4,9}\/[^?#\s]+)/.exec(url);
  if (embedded) {
    const doi = doiMention(decodeURIComponent(embedded[1]!), url);
    return { ...doi, ids: [...doi.ids, ...(page ? [`url:${page}`] : [])] };
  }
  return page ? { marker: url, ids: [`url:${page}`], arxiv: null } : null;
}

function arxivMention(marker: string, id: string, version: string | undefined): WorkMention {
  return { marker, ids: [`arxiv:${id.toLowerCase()}`], arxiv: { id, version: version ? Number(version) : null } };
}

function doiMention(raw: string, marker = `doi:${raw}`): WorkMention {
  const doi = raw.replace(/[.,;:)]+$/, '').replace(/\.pdf$/i, '');
  const arxiv = /^10\.48550\/arxiv\.(\d{4}\.\d{4,5})(?:v(\d+))?$/i.exec(doi);
  if (arxiv) return arxivMention(marker, arxiv[1]!, arxiv[2]);
  const ids = [`doi:${doi.toLowerCase()}`];
  const acl = new RegExp(String.raw`^10\.18653\/v1\/(${ACL_NEW}|${ACL_OLD})$`, 'i').exec(doi);
  if (acl) ids.push(`acl:${acl[1]!.toLowerCase()}`);
  return { marker, ids, arxiv: null, doi };
}

function aclMention(id: string, marker: string): WorkMention {
  const clean = id.replace(/\.pdf$/i, '').toLowerCase();
  return { marker, ids: [`acl:${clean}`, `doi:10.18653/v1/${clean}`], arxiv: null };
}

/** Host and path, lower-case host, without scheme, "www.", fragment, tracking query or trailing slash. */
export function normalizeUrl(url: string): string | null {
  try {
    const parsed = new globalThis.URL(url);
    for (const key of [...parsed.searchParams.keys()])
      if (/^utm_|^ref$|^source$/i.test(key)) parsed.searchParams.delete(key);
    const query = parsed.searchParams.toString();
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${parsed.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
  } catch {
    return null;
  }
}

/** Do two mentions (or a mention and a reference's ids) name the same work? Versions must agree when both give one. */
export function sameWork(
  a: { ids: string[]; arxiv: ArxivRef | null },
  b: { ids: string[]; arxiv: ArxivRef | null },
): boolean {
  if (a.arxiv && b.arxiv && a.arxiv.id === b.arxiv.id) return sameVersion(a.arxiv, b.arxiv);
  return a.ids.some((id) => b.ids.includes(id));
}

function sameVersion(a: ArxivRef | null, b: ArxivRef | null): boolean {
  return !a || !b || a.version === null || b.version === null || a.version === b.version;
}

/** "2401.00001": yymm with a real month, as arXiv numbers are (bare numbers like 1234.56789 are not). */
export function plausibleArxivId(id: string): boolean {
  const month = Number(id.slice(2, 4));
  return month >= 1 && month <= 12 && Number(id.slice(0, 2)) >= 7;
}
