import { extractNumbers } from '../../core/numbers.ts';
import { splitSentences } from '../../core/sentences.ts';
import { collapseWhitespace } from '../../core/text.ts';
import { findTruncation } from '../../core/truncation.ts';
import type { DocumentLayout, TextTable } from './document-layout.ts';
import type { DocumentClaim, DocumentReference, DocumentVerdict } from './document-types.ts';
import { findCitations, findSourceCell } from './references.ts';
import { parseConfidence, parseVerdictMark } from './verdict-marks.ts';

/**
 * The claims a document makes: rows of its claim tables, bullets in claim/finding sections (or
 * bullets that read as claims), and prose sentences with claim cues. Prose is only read when the
 * document has no claim table or claim bullets: reports restate their table in the abstract.
 */

type Role = 'n' | 'claim' | 'verdict' | 'confidence' | 'source';
const ROLE_PATTERNS: [Role, RegExp][] = [
  ['n', /^(?:#|no\.?|n|id|idx|index|nr\.?)$/i],
  ['confidence', /confidence|\bconf\b|score|probab|certainty|likelihood/i],
  ['verdict', /verif|verdict|status|support|holds|valid|correct|check|✓|^true\b|agree/i],
  ['source', /source|paper|\brefs?\b|reference|citation|cited|arxiv|\bdoi\b/i],
  ['claim', /claim|statement|finding|assertion|conclusion|result|text/i],
];
const SKIP_SECTION =
  /references|bibliography|sources|works cited|method|methodology|search strategy|search|retrieval|appendix|limitations of this|about this/i;
const CLAIM_SECTION = /claim|finding|result|conclusion|key|contribution|summary|evidence|take-?away|highlight|answer/i;
const CUE =
  /\b(?:improv\w*|outperform\w*|increas\w*|decreas\w*|reduc\w*|achiev\w*|surpass\w*|exceed\w*|better|worse|higher|lower|faster|slower|shows?|showed|shown|finds?|found|demonstrat\w*|reported|reports that|yields?|reach(?:es|ed)?|attain\w*|leads? to|results? in|compared|beats?|gains?|drops?|fails?|matches|boosts?|raises?|lowers?|state-of-the-art|significant\w*|superior|inferior|correlat\w*|predicts?|enables?|surpasses)\b/i;
const META =
  /\b(?:this|the present|our) (?:report|review|survey|audit|document|summary|analysis)\b|\bwe (?:retrieved|searched|screened|selected|queried|included|excluded)\b|\b(?:papers?|studies|articles|sources) (?:were|was) (?:retrieved|screened|included|selected|identified|found)\b/i;

export function findDocumentClaims(
  layout: DocumentLayout,
  references: DocumentReference[],
  vocabulary: ReadonlySet<string>,
): DocumentClaim[] {
  const claims: DocumentClaim[] = [];
  const add = (
    draft: Omit<DocumentClaim, 'n' | 'text' | 'truncated' | 'truncation' | 'cites' | 'danglingCitations'> & {
      extraCells?: string[];
      sourceCell?: string;
    },
    requireTerminal: boolean,
  ) => {
    const found = findCitations(draft.raw, references);
    const cites = [...found.keys];
    const dangling = [...found.dangling];
    for (const cell of draft.extraCells ?? []) {
      const more = findCitations(cell, references);
      for (const key of more.keys) if (!cites.includes(key)) cites.push(key);
    }
    if (draft.sourceCell) {
      const source = findSourceCell(draft.sourceCell, references);
      for (const key of source.keys) if (!cites.includes(key)) cites.push(key);
      for (const marker of source.dangling) if (!dangling.includes(marker)) dangling.push(marker);
    }
    const text = stripMarkup(found.cleaned);
    if (text.split(/\s+/).length < 3) return;
    const truncation = findTruncation(text, { vocabulary, requireTerminal });
    claims.push({
      n: claims.length + 1,
      text,
      raw: draft.raw,
      origin: draft.origin,
      line: draft.line,
      truncated: truncation !== null,
      truncation,
      documentVerdict: draft.documentVerdict,
      documentVerdictMark: draft.documentVerdictMark,
      documentConfidence: draft.documentConfidence,
      documentConfidenceRaw: draft.documentConfidenceRaw,
      cites,
      danglingCitations: dangling,
    });
  };

  for (const table of layout.tables) {
    const roles = tableRoles(table);
    if (!roles) continue;
    for (const row of table.rows) {
      const cell = (role: Role) => (roles[role] === undefined ? '' : (row.cells[roles[role]!] ?? ''));
      const claimCell = cell('claim');
      if (claimCell.trim() === '') continue;
      const mark = parseVerdictMark(cell('verdict'));
      const confidence =
        parseConfidence(cell('confidence')) ?? parseConfidence(/\(([^)]*\d[^)]*)\)/.exec(cell('verdict'))?.[1] ?? '');
      add(
        {
          raw: claimCell,
          origin: 'table',
          line: row.line,
          documentVerdict: mark?.verdict ?? null,
          documentVerdictMark: mark?.mark ?? nonEmpty(cell('verdict')),
          documentConfidence: confidence?.value ?? null,
          documentConfidenceRaw: confidence?.raw ?? null,
          extraCells: row.cells.filter((_, i) => i !== roles.claim && i !== roles.source),
          sourceCell: cell('source') || undefined,
        },
        false,
      );
    }
  }

  for (const bullet of layout.bullets) {
    if (SKIP_SECTION.test(bullet.section)) continue;
    const parsed = bulletVerdict(bullet.text);
    const inClaimSection = CLAIM_SECTION.test(bullet.section);
    if (!inClaimSection && parsed.verdict === null && !isClaimSentence(parsed.text)) continue;
    if (META.test(parsed.text)) continue;
    add(
      {
        raw: parsed.text,
        origin: 'bullet',
        line: bullet.line,
        documentVerdict: parsed.verdict,
        documentVerdictMark: parsed.mark,
        documentConfidence: parsed.confidence?.value ?? null,
        documentConfidenceRaw: parsed.confidence?.raw ?? null,
      },
      false,
    );
  }

  if (claims.length > 0) return claims;
  for (const paragraph of layout.paragraphs) {
    if (SKIP_SECTION.test(paragraph.section) || /^(?:question|research question)\s*:/i.test(paragraph.text)) continue;
    const sentences = splitSentences(paragraph.text);
    for (const sentence of sentences) {
      if (!isClaimSentence(sentence.text)) continue;
      const line = paragraph.line + paragraph.text.slice(0, sentence.start).split('\n').length - 1;
      add(
        {
          raw: collapseWhitespace(sentence.text),
          origin: 'prose',
          line,
          documentVerdict: null,
          documentVerdictMark: null,
          documentConfidence: null,
          documentConfidenceRaw: null,
        },
        true,
      );
    }
  }
  return claims;
}

/** The Source cells of the document's claim tables: where it says which paper each claim comes from. */
export function claimSourceCells(layout: DocumentLayout): string[] {
  const cells: string[] = [];
  for (const table of layout.tables) {
    const source = tableRoles(table)?.source;
    if (source === undefined) continue;
    for (const row of table.rows) {
      const cell = row.cells[source]?.trim();
      if (cell) cells.push(cell);
    }
  }
  return cells;
}

/** Column roles of a claim table, or null when the table is not one (no claim and no verdict column). */
function tableRoles(table: TextTable): Partial<Record<Role, number>> | null {
  const roles: Partial<Record<Role, number>> = {};
  table.header.forEach((header, index) => {
    for (const [role, pattern] of ROLE_PATTERNS) {
      if (roles[role] === undefined && pattern.test(header)) {
        roles[role] = index;
        return;
      }
    }
  });
  if (roles.claim === undefined) {
    if (roles.verdict === undefined && roles.confidence === undefined) return null;
    // No "Claim" header: the column with the longest text is the claim.
    const taken = new Set(Object.values(roles));
    let best = -1;
    let bestLength = 0;
    for (let i = 0; i < table.header.length; i++) {
      if (taken.has(i)) continue;
      const length = table.rows.reduce((sum, row) => sum + (row.cells[i]?.length ?? 0), 0);
      if (length > bestLength) [best, bestLength] = [i, length];
    }
    if (best < 0) return null;
    roles.claim = best;
  }
  if (roles.verdict === undefined && roles.confidence === undefined && !CLAIM_SECTION.test(table.section)) {
    if (!/claim/i.test(table.header[roles.claim] ?? '')) return null;
  }
  return roles;
}

interface BulletVerdict {
  text: string;
  verdict: DocumentVerdict | null;
  mark: string | null;
  confidence: ReturnType<typeof parseConfidence>;
}

/** "✓ X improves Y", "[x] X…", "X improves Y — ✗ (0.12)", "X improves Y (verified, confidence 0.91)". */
export function bulletVerdict(text: string): BulletVerdict {
  let body = text.trim();
  let verdict: DocumentVerdict | null = null;
  let mark: string | null = null;
  let confidence: ReturnType<typeof parseConfidence> = null;
  const lead = /^(?:\[([ xX✓✔✗✘×])\]|([✓✔✗✘×❌✅]))\s*/u.exec(body);
  if (lead) {
    const symbol = lead[1] ?? lead[2]!;
    body = body.slice(lead[0].length);
    if (lead[1] !== undefined && /x/i.test(symbol)) [verdict, mark] = ['SUPPORTED', `[${symbol}]`];
    else if (symbol.trim() !== '') {
      const parsed = parseVerdictMark(symbol);
      verdict = parsed?.verdict ?? null;
      mark = parsed?.mark ?? null;
    }
  }
  const trail =
    /\s*(?:[—–-]\s*|\(\s*)(✓|✔|✗|✘|×|❌|✅|verified|supported|refuted|unsupported|not verified|partial)?\s*[,;:]?\s*\(?\s*(?:conf(?:idence)?\.?\s*[:=]?\s*)?(\d*\.?\d+\s*%?)?\s*\)?\s*\.?$/iu.exec(
      body,
    );
  if (trail && (trail[1] || trail[2]) && trail.index > 0) {
    if (trail[1]) {
      const parsed = parseVerdictMark(trail[1]);
      if (parsed && verdict === null) [verdict, mark] = [parsed.verdict, parsed.mark];
    }
    // A bare trailing number is only a confidence when it sits in parentheses or after a dash with a mark.
    if (trail[2] && (trail[1] || /\(\s*conf|conf/i.test(trail[0]))) confidence = parseConfidence(trail[2]);
    if (trail[1] || confidence) body = body.slice(0, trail.index).trimEnd();
  }
  return { text: body, verdict, mark, confidence };
}

export function isClaimSentence(sentence: string): boolean {
  const text = sentence.trim();
  if (text.split(/\s+/).length < 5 || text.endsWith('?') || META.test(text)) return false;
  if (CUE.test(text)) return true;
  return (
    extractNumbers(text).length > 0 && /\[\d|\(\p{Lu}[\p{L}-]+(?: et al\.?)?,? (?:19|20)\d{2}\)|arxiv/iu.test(text)
  );
}

function stripMarkup(text: string): string {
  return collapseWhitespace(
    text.replace(/\*\*|__|`/g, '').replace(/(^|\s)[*_](\S[^*_]*\S)[*_](?=\s|$|[.,;])/g, '$1$2'),
  );
}

function nonEmpty(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
