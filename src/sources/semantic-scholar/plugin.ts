import type { SourcePlugin } from '../source.ts';
import { createSemanticScholarSource } from './s2-source.ts';

/** Not searched by `report` (its search API is tightly rate-limited): it snowballs (`--expand`) and serves look-ups. */
export const semanticScholarPlugin: SourcePlugin = {
  name: 'semantic-scholar',
  label: 'Semantic Scholar',
  searches: false,
  enabled: () => true,
  create: (context) => createSemanticScholarSource(context),
};
