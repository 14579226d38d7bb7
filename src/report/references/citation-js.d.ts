// citation-js ships no type declarations; this is the part of its API litmus uses.
declare module '@citation-js/core' {
  export interface CslName {
    given?: string;
    family?: string;
    literal?: string;
    'non-dropping-particle'?: string;
  }
  export interface CslItem {
    id: string;
    type: string;
    title?: string;
    author?: CslName[];
    issued?: { 'date-parts': (number | string)[][] };
    [field: string]: unknown;
  }
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: CslItem[];
    format(format: 'bibtex' | 'ris' | 'data' | 'biblatex', options?: Record<string, unknown>): string;
    format(format: 'bibliography', options: { format?: 'text' | 'html'; template: string; lang?: string }): string;
  }
  export const plugins: {
    // biome-ignore lint/suspicious/noExplicitAny: plugin configs are untyped objects of citation-js
    config: { get(plugin: string): any };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
