/**
 * Report queries are planned in arXiv's syntax (`all:"reading tools" AND ti:citation`). OpenAlex's
 * `search` takes plain words, quoted phrases and AND/OR/NOT
 * (https://docs.openalex.org/how-to-use-the-api/get-lists-of-entities/search-entities), and dates as
 * filters: field prefixes go, phrases and operators stay, a submittedDate range becomes a date filter,
 * and categories (arXiv's own taxonomy) are dropped.
 */
export interface OpenAlexQuery {
  search: string;
  fromDate?: string;
  toDate?: string;
}

const FIELD = /\b(?:ti|au|abs|co|jr|rn|id|all):/g;
const CATEGORY = /\b(?:AND\s+|OR\s+|ANDNOT\s+)?cat:\S+/g;
const DATE_RANGE = /\b(?:AND\s+)?submittedDate:\[(\d{8})\d*\s+TO\s+(\d{8})\d*\]/;

function isoDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

export function toOpenAlexQuery(query: string): OpenAlexQuery {
  let text = query.trim();
  const result: OpenAlexQuery = { search: '' };
  const range = DATE_RANGE.exec(text);
  if (range) {
    result.fromDate = isoDate(range[1]!);
    result.toDate = isoDate(range[2]!);
    text = text.replace(DATE_RANGE, ' ');
  }
  text = text
    .replace(CATEGORY, ' ')
    .replace(FIELD, '')
    .replace(/\bANDNOT\b/g, 'AND NOT')
    .replace(/^\s*(?:AND|OR)\s+|\s+(?:AND|OR|AND NOT)\s*$/g, '')
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  result.search = text;
  return result;
}
