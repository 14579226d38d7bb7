import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { createArxivSource } from '../../../src/sources/arxiv/arxiv-source.ts';
import { createSourceRegistry, FINDER_PLUGINS, SOURCE_PLUGINS } from '../../../src/sources/registry.ts';
import { openSqliteStore } from '../../support/sqlite-test-store.ts';
import { standInConfig } from '../../support/arxiv-stand-in.ts';

describe('source registry', () => {
  const store = openSqliteStore(':memory:');
  const http = createHttpClient({ store, userAgent: 'litmus/test' });

  it('lists each source once, named as its papers are', () => {
    expect(SOURCE_PLUGINS.map((p) => p.name)).toEqual(['arxiv', 'openalex', 'semantic-scholar', 'crossref']);
    expect(FINDER_PLUGINS.map((p) => p.name)).toEqual(['unpaywall']);
    for (const plugin of SOURCE_PLUGINS) {
      expect(plugin.create({ http, config: standInConfig({}) }).name).toBe(plugin.name);
    }
  });

  it('searches arXiv by default; OpenAlex and Unpaywall when the config enables them', () => {
    const plain = createSourceRegistry({ http, config: standInConfig({}) });
    expect(plain.searchable().map((s) => s.name)).toEqual(['arxiv']);
    expect(plain.finders()).toEqual([]);
    const config = standInConfig({ openalex: { enabled: true }, unpaywall: { enabled: true } });
    const all = createSourceRegistry({ http, config });
    expect(all.searchable().map((s) => s.name)).toEqual(['arxiv', 'openalex']);
    expect(all.finders().map((f) => f.name)).toEqual(['unpaywall']);
    // Semantic Scholar is not searched, but answers for its own papers.
    expect(all.get('semantic-scholar')?.name).toBe('semantic-scholar');
    expect(all.get('local')).toBeUndefined();
    expect(all.label('openalex')).toBe('OpenAlex');
    expect(all.label('unpaywall')).toBe('Unpaywall');
  });

  it('uses a given instance instead of building one, and builds each source once', () => {
    const config = standInConfig({});
    const arxiv = createArxivSource({ http, config });
    const registry = createSourceRegistry({ http, config }, [arxiv]);
    expect(registry.get('arxiv')).toBe(arxiv);
    expect(registry.get('openalex')).toBe(registry.get('openalex'));
  });
});
