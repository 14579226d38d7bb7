import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedClaim } from '../../../src/claims/claim-extractor.ts';
import { extractClaims } from '../../../src/claims/embedded-claim-extractor.ts';
import { isMethodDetail } from '../../../src/claims/finding-kind.ts';
import { namesFullTitle } from '../../../src/claims/llm-claim-extractor.ts';
import { isCentral } from '../../../src/claims/rank-claims.ts';
import type { Passage } from '../../../src/core/types.ts';
import { ingestDocument } from '../../../src/ingest/ingest-document.ts';
import { repoRoot, sharedData } from '../../support/shared-data.ts';

/**
 * Each shared paper (the PDFs and the ACL LaTeXML HTML), ingested by litmus's own parsers and read
 * by the embedded engine with the report's default cap (12 claims beyond the headline findings):
 * every headline finding of its abstract (test/fixtures/headline-findings, written by hand from the
 * abstracts) is among its claims and is a headline claim, also when a question about the paper's
 * topic is asked (and then above the report's claim threshold), none of the top 10 claims is a
 * method detail or hyperparameter, and no claim carries the paper's full title.
 */

interface Fixture {
  source: string;
  /** A question about the paper's topic, as a report would ask it. */
  question: string;
  findings: { finding: string; match: string[] }[];
}

const fixtureDir = join(repoRoot, 'test', 'fixtures', 'headline-findings');
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name: basename(name, '.json'),
    ...(JSON.parse(readFileSync(join(fixtureDir, name), 'utf8')) as Fixture),
  }));

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

/** A report's default claim threshold (refresh-topic.ts, report.ts). */
const CLAIM_THRESHOLD = 0.25;

async function claimsOf(source: string, question?: string): Promise<{ title: string; claims: ExtractedClaim[] }> {
  const path = sharedData(source);
  const kind = source.endsWith('.pdf') ? 'pdf' : 'html';
  const { parsed, passages: drafts } = await ingestDocument({ name: basename(path), bytes: readFileSync(path), kind });
  const passages: Passage[] = drafts.map((draft, i) => ({
    id: i + 1,
    documentId: 1,
    paperId: `local:${source}`,
    ordinal: draft.ordinal,
    sectionPath: draft.sectionPath,
    page: draft.page,
    charStart: draft.charStart,
    charEnd: draft.charEnd,
    text: parsed.fullText.slice(draft.charStart, draft.charEnd),
    kind: draft.kind ?? 'prose',
  }));
  const title = parsed.title ?? source;
  const { claims } = extractClaims({
    paper: { id: `local:${source}`, title, abstract: parsed.abstract, authors: parsed.authors, year: null },
    passages,
    fullText: parsed.fullText,
    tables: parsed.resultTables ?? [],
    maxClaims: 12,
    ...(question ? { question } : {}),
  });
  return { title, claims };
}

describe('headline findings of the shared papers (embedded engine)', () => {
  it('has a fixture for every shared paper', () => {
    expect(fixtures.map((f) => f.source).sort()).toEqual(
      [
        ...readdirSync(sharedData('pdfs'))
          .filter((n) => n.endsWith('.pdf'))
          .map((n) => `pdfs/${n}`),
        ...readdirSync(sharedData('html'))
          .filter((n) => /^acl-.*\.latexml-[\d.]+\.html$/.test(n))
          .map((n) => `html/${n}`),
      ].sort(),
    );
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: finds every headline finding, top 10 free of method details, no full title`, async () => {
      const { title, claims } = await claimsOf(fixture.source);
      for (const { finding, match } of fixture.findings) {
        const hits = claims.filter((claim) => match.every((m) => fold(claim.text).includes(fold(m))));
        expect(hits.length, `${fixture.name}: no claim states "${finding}" (${match.join(' + ')})`).toBeGreaterThan(0);
        expect(hits.some(isCentral), `${fixture.name}: "${hits[0]!.text}" is not ranked as a headline finding`).toBe(
          true,
        );
      }
      const details = claims.slice(0, 10).filter((claim) => isMethodDetail(claim.text));
      // Asked about the paper's topic, as a report asks, every headline finding is still kept and passes
      // the report's claim threshold.
      const asked = (await claimsOf(fixture.source, fixture.question)).claims;
      for (const { finding, match } of fixture.findings) {
        const hits = asked.filter((claim) => match.every((m) => fold(claim.text).includes(fold(m))));
        expect(
          hits.some((c) => c.relevance >= CLAIM_THRESHOLD),
          `${fixture.name}: asked "${fixture.question}", "${finding}" is missing or below the threshold (${hits.map((c) => c.relevance).join(', ')})`,
        ).toBe(true);
      }
      expect(
        asked
          .slice(0, 10)
          .filter((claim) => isMethodDetail(claim.text))
          .map((c) => c.text),
      ).toEqual([]);
      expect(details.map((c) => c.text)).toEqual([]);
      expect(claims.filter((claim) => namesFullTitle(claim.text, title)).map((c) => c.text)).toEqual([]);
    }, 30_000);
  }
});
