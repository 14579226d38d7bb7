import type { SourcePlugin } from '../source.ts';
import { createCrossrefSource } from './crossref-source.ts';

/**
 * Crossref answers look-ups by DOI (and the retraction checks, which ask it directly); `report`
 * searches it only when `crossref.search` is on, as its ranking is bibliographic, not topical.
 */
export const crossrefPlugin: SourcePlugin = {
  name: 'crossref',
  label: 'Crossref',
  searches: true,
  enabled: (config) => config.crossref.search,
  create: (context) => createCrossrefSource(context),
};
