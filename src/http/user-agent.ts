import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const litmusVersion = packageJson.version;

/** arXiv and Semantic Scholar ask clients to identify themselves with a way to reach the operator. */
export function userAgent(contact: string): string {
  return `litmus/${litmusVersion} (+mailto:${contact})`;
}
