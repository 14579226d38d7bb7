/**
 * Loads pdf-parse and pdf.js once per thread, and undoes the global slow-downs their polyfills bring.
 *
 * pdf-parse runs pdf.js's "legacy" build, which bundles core-js. On Node 20 (V8 11), core-js judges
 * two built-ins non-conforming and replaces them for the whole process:
 * - `Array.prototype.push`, for an edge case of arrays whose `length` is made read-only (V8 before
 *   12.2 throws no error when nothing is pushed). The replacement is plain JavaScript, and every push
 *   in the process (pdf.js's text layer and all of litmus's text processing) went through it: about a
 *   fifth of a PDF's parse time on the shared papers.
 * - `JSON.parse`, for the proposal that hands revivers the source text; with a reviver, parsing moves
 *   to a JavaScript parser.
 * Neither pdf.js nor litmus meets those edge cases, so the native methods are put back once both pdf.js
 * modules (the API and its in-thread "fake worker") have loaded. Additions core-js makes (methods Node 20
 * lacks, such as `Promise.withResolvers`, which pdf.js needs) are kept.
 *
 * The worker module is imported here rather than on pdf.js's first document, so that the restore
 * happens after both modules have run; pdf.js finds it through `globalThis.pdfjsWorker`. It is the
 * minified build of the same version (pdf.js checks that API and worker versions agree): every parse
 * worker loads it cold, and the smaller file saves ~0.1 s of loading and compiling per thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFParse } from 'pdf-parse';

/** Built-ins core-js replaces on Node 20 that sit on litmus's hot paths. */
const RESTORED: ReadonlyArray<readonly [object, PropertyKey]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
];

let loading: Promise<typeof PDFParse> | undefined;

/** The pdf-parse class, with pdf.js loaded and the built-ins it replaced restored. */
export function loadPdfParse(): Promise<typeof PDFParse> {
  loading ??= load();
  return loading;
}

/** pdfjs-dist's directory: the copy pdf-parse depends on (its assets and worker must match its API). */
export function pdfjsRoot(): string {
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  return dirname(fromPdfParse.resolve('pdfjs-dist/package.json'));
}

async function load(): Promise<typeof PDFParse> {
  const natives = RESTORED.map(([target, key]) => [target, key, Object.getOwnPropertyDescriptor(target, key)] as const);
  try {
    const { PDFParse } = await import('pdf-parse');
    await import(pathToFileURL(join(pdfjsRoot(), 'legacy', 'build', 'pdf.worker.min.mjs')).href);
    return PDFParse;
  } finally {
    for (const [target, key, descriptor] of natives) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
    }
  }
}
