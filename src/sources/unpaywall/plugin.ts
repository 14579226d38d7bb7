import type { FinderPlugin } from '../source.ts';
import { createUnpaywallFinder } from './unpaywall-finder.ts';

export const unpaywallPlugin: FinderPlugin = {
  name: 'unpaywall',
  label: 'Unpaywall',
  enabled: (config) => config.unpaywall.enabled,
  create: (context) => createUnpaywallFinder(context),
};
