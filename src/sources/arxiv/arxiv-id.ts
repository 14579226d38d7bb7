import { usageError } from '../../core/errors.ts';

/** An arXiv identifier split into the work id and (when pinned) the version. */
export interface ArxivId {
  id: string; // "2005.13013" or "hep-th/9901001"
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/**
 * Accepts "2005.13013", "2005.13013v2", "arxiv:2005.13013v2", "arXiv:hep-th/9901001v1" and abs/pdf URLs.
 * Returns null when the text is not an arXiv identifier.
 */
export function tryParseArxivId(text: string): ArxivId | null {
  let value = text.trim();
  const url = /^https?:\/\/(?:[\w-]+\.)*arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/i.exec(value);
  if (url) value = url[1]!;
  value = value.replace(/^arxiv:/i, '');
  const match = NEW_STYLE.exec(value) ?? OLD_STYLE.exec(value);
  if (!match) return null;
  return { id: match[1]!, version: match[2] === undefined ? null : Number(match[2]) };
}

export function parseArxivId(text: string): ArxivId {
  const parsed = tryParseArxivId(text);
  if (!parsed) {
    throw usageError(
      'E_ARXIV_ID',
      `"${text}" is not an arXiv identifier`,
      'use e.g. arxiv:2005.13013 or arxiv:2005.13013v2 (old style: arxiv:hep-th/9901001v1)',
    );
  }
  return parsed;
}

export function formatArxivId(id: ArxivId): string {
  return id.version === null ? id.id : `${id.id}v${id.version}`;
}
