/**
 * Builds dist/: the CLI as ES modules split into chunks so each command loads only what it uses.
 * Dependencies stay external (loaded from node_modules, no source maps parsed); no source maps are
 * emitted. Runs at install through `prepare`; `bin/litmus.js` runs dist/ only while its stamp matches
 * the sources. `import.meta.url` in each source file is rewritten to that file's own location so that
 * files read beside the sources (package.json, prompts/, model.json, the HumanEval servers) resolve
 * the same way from dist/ as from src/.
 */
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { hashInputs, STAMP_FILE } from '../bin/build-stamp.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist');

/** The entry points: the CLI and the PDF parse worker (a worker thread loads its own file). */
export const entryPoints = { main: 'src/cli/main.ts', 'parse-worker': 'src/ingest/parse-worker.ts' };

const sourceLocation: Plugin = {
  name: 'source-location',
  setup(context) {
    context.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      // dist/ is one level below the root, like src/; the URL is resolved against the chunk's own.
      const fromDist = `../${relative(root, args.path).split(sep).join('/')}`;
      const replaced = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`);
      return { contents: replaced, loader: 'ts' };
    });
  },
};

/**
 * Builds into dist/ in place. Chunk names carry a content hash and old chunks are kept for an hour,
 * so a litmus process started from the previous build can still import its chunks lazily; the stamp
 * is written last, atomically, so a build in progress is never taken as fresh.
 */
export async function buildDist(): Promise<{ ms: number; inputs: number }> {
  const started = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    define: { LITMUS_BUNDLED: 'true' }, // src/pipeline/parse-pool.ts: run dist/parse-worker.js
    chunkNames: '[name]-[hash]', // flat: every file is one level below the root, like src/
    plugins: [sourceLocation],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules')).sort();
  const stamp = { builtAt: new Date().toISOString(), hash: hashInputs(root, inputs), inputs };
  const temporary = join(outdir, `${STAMP_FILE}.${process.pid}`);
  await writeFile(temporary, `${JSON.stringify(stamp, null, 1)}\n`);
  await rename(temporary, join(outdir, STAMP_FILE));
  await pruneOldOutputs(new Set(Object.keys(result.metafile.outputs).map((output) => join(root, output))));
  return { ms: performance.now() - started, inputs: inputs.length };
}

async function pruneOldOutputs(current: Set<string>): Promise<void> {
  const cutoff = Date.now() - 3_600_000;
  for (const name of await readdir(outdir)) {
    const path = join(outdir, name);
    if (!name.endsWith('.js') || current.has(path)) continue;
    if ((await stat(path)).mtimeMs < cutoff) await rm(path, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ms, inputs } = await buildDist();
  process.stdout.write(`litmus: built dist/ from ${inputs} sources in ${(ms / 1000).toFixed(2)} s\n`);
}
