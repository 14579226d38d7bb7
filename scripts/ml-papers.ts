/**
 * Loads the real ML papers in <data>/pdfs and <data>/html with litmus's own parsers, for the
 * ML-claims training and evaluation set (src/verify/embedded/ml-claims.ts). A failed conversion is
 * skipped; the same paper in two renderings (same title) counts once.
 *   npx tsx scripts/ml-papers.ts [--data ../shared/data]   prints the set's make-up
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseHtml } from '../src/ingest/parse-html.ts';
import { parsePdf } from '../src/ingest/parse-pdf.ts';
import type { MlClaimPair, MlPaper } from '../src/verify/embedded/ml-claims.ts';

/** The paper files, in the order papers (and their folds) are dealt. */
function paperFiles(dataDir: string): string[] {
  return [
    ...readdirSync(join(dataDir, 'pdfs'))
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => join(dataDir, 'pdfs', f)),
    ...readdirSync(join(dataDir, 'html'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => join(dataDir, 'html', f)),
  ].sort();
}

const paperIdOf = (file: string): string => basename(file).replace(/\.(?:latexml-[\d.]+\.html|html|pdf)$/, '');

/** Each paper id's file (the first rendering, as `loadMlPapers` keeps it). */
export function mlPaperFiles(dataDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of paperFiles(dataDir)) if (!files.has(paperIdOf(file))) files.set(paperIdOf(file), file);
  return files;
}

export async function loadMlPapers(dataDir: string): Promise<MlPaper[]> {
  const papers: MlPaper[] = [];
  const titles = new Set<string>();
  for (const file of paperFiles(dataDir)) {
    const name = basename(file);
    let doc: Awaited<ReturnType<typeof parsePdf>>;
    try {
      doc = file.endsWith('.pdf')
        ? await parsePdf(new Uint8Array(readFileSync(file)), { name })
        : parseHtml(readFileSync(file, 'utf8'), { name });
    } catch {
      continue; // e.g. the failed LaTeXML conversion: no paper text to learn from
    }
    const title = (doc.title ?? name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (titles.has(title)) continue;
    titles.add(title);
    papers.push({
      paperId: paperIdOf(file),
      title: doc.title,
      fullText: doc.fullText,
      sections: doc.sections,
      tables: doc.tables,
    });
  }
  return papers;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildMlClaims } = await import('../src/verify/embedded/ml-claims.ts');
  const flag = process.argv.indexOf('--data');
  const dataDir = flag >= 0 ? process.argv[flag + 1]! : join(import.meta.dirname, '..', '..', 'shared', 'data');
  const papers = await loadMlPapers(dataDir);
  const set = buildMlClaims(papers);
  const count = (key: (p: MlClaimPair) => string) =>
    Object.fromEntries(
      [
        ...set.pairs.reduce((m, p: MlClaimPair) => m.set(key(p), (m.get(key(p)) ?? 0) + 1), new Map<string, number>()),
      ].sort(),
    );
  console.log(
    JSON.stringify(
      {
        papers: papers.map((p) => p.paperId),
        byGold: count((p) => p.gold),
        byKind: count((p) => p.kind),
        byPaper: count((p) => p.group),
      },
      null,
      2,
    ),
  );
}
