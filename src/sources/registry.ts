import { arxivPlugin } from './arxiv/plugin.ts';
import { crossrefPlugin } from './crossref/plugin.ts';
import { openAlexPlugin } from './openalex/plugin.ts';
import { semanticScholarPlugin } from './semantic-scholar/plugin.ts';
import type { FinderPlugin, FullTextFinder, PaperSource, SourceContext, SourcePlugin } from './source.ts';
import { unpaywallPlugin } from './unpaywall/plugin.ts';

/**
 * Every paper source and full-text finder litmus knows. Adding one is a folder under src/sources/
 * with a `plugin.ts`, and one line here. Order matters: `report` searches sources in this order,
 * and when the same work comes from several, the earlier source's record is kept (see merge-records).
 */
export const SOURCE_PLUGINS: readonly SourcePlugin[] = [
  arxivPlugin,
  openAlexPlugin,
  semanticScholarPlugin,
  crossrefPlugin,
];
export const FINDER_PLUGINS: readonly FinderPlugin[] = [unpaywallPlugin];

export interface SourceRegistry {
  /** The source whose papers carry `source === name` (built on first use), or undefined. */
  get(name: string): PaperSource | undefined;
  /** The sources `report` searches: enabled and searchable, in registry order. */
  searchable(): PaperSource[];
  /** Enabled full-text finders, in registry order. */
  finders(): FullTextFinder[];
  /** "OpenAlex" for "openalex"; the name itself when unknown. */
  label(name: string): string;
}

/**
 * Builds sources lazily from the config; `given` instances (e.g. a command's own arXiv source,
 * with its warnings wired) are used instead of building that source.
 */
export function createSourceRegistry(context: SourceContext, given: PaperSource[] = []): SourceRegistry {
  const built = new Map<string, PaperSource>(given.map((source) => [source.name, source]));
  const finders = new Map<string, FullTextFinder>();
  const plugin = (name: string) => SOURCE_PLUGINS.find((p) => p.name === name);

  function get(name: string): PaperSource | undefined {
    const existing = built.get(name);
    if (existing) return existing;
    const found = plugin(name);
    if (!found) return undefined;
    const source = found.create(context);
    built.set(name, source);
    return source;
  }

  return {
    get,
    searchable: () => SOURCE_PLUGINS.filter((p) => p.searches && p.enabled(context.config)).map((p) => get(p.name)!),
    finders: () =>
      FINDER_PLUGINS.filter((p) => p.enabled(context.config)).map((p) => {
        let finder = finders.get(p.name);
        if (!finder) {
          finder = p.create(context);
          finders.set(p.name, finder);
        }
        return finder;
      }),
    label: (name) => plugin(name)?.label ?? FINDER_PLUGINS.find((p) => p.name === name)?.label ?? name,
  };
}
