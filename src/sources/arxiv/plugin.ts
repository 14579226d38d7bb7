import type { SourcePlugin } from '../source.ts';
import { createArxivSource } from './arxiv-source.ts';

export const arxivPlugin: SourcePlugin = {
  name: 'arxiv',
  label: 'arXiv',
  searches: true,
  enabled: () => true,
  create: (context) => createArxivSource(context),
};
