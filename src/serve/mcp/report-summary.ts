import type { LoadedRunFolder } from '../run-folders.ts';

/** What an assistant gets back for a finished report or audit: the answer and every claim with its verdict and quotes. */
export function summarizeRunFolder(loaded: LoadedRunFolder): Record<string, unknown> {
  if (loaded.kind === 'audit') {
    const { audit } = loaded;
    return {
      kind: 'audit',
      document: audit.document,
      summary: audit.summary,
      findings: audit.findings,
      claims: audit.claims.map((c) => ({
        n: c.n,
        text: c.text,
        verdict: c.verdict,
        confidence: c.confidence,
        status: c.status,
        evidence: c.evidence,
      })),
    };
  }
  const { report } = loaded;
  return {
    kind: 'report',
    question: report.question,
    answer: report.answer,
    counts: report.counts,
    papers: report.papers.map((p) => ({ id: p.id, title: p.title, year: p.year })),
    claims: report.claims.map((c) => ({
      n: c.n,
      text: c.text,
      paper_id: c.paper_id,
      verdict: c.verdict,
      confidence: c.confidence,
      evidence: c.evidence,
    })),
  };
}
