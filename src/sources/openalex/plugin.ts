import type { SourcePlugin } from '../source.ts';
import { createOpenAlexSource } from './openalex-source.ts';

export const openAlexPlugin: SourcePlugin = {
  name: 'openalex',
  label: 'OpenAlex',
  searches: true,
  enabled: (config) => config.openalex.enabled,
  create: (context) => createOpenAlexSource(context),
};
