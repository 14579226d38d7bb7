import { escapeHtml as esc } from '../../report/escape.ts';

export type Section = 'library' | 'reports' | 'topics' | 'new';

const NAV: [Section, string, string][] = [
  ['library', '/', 'Library'],
  ['reports', '/reports', 'Reports and audits'],
  ['topics', '/topics', 'Topics'],
  ['new', '/runs/new', 'New run'],
];

/** The page shell: our stylesheet and script from /assets, the site navigation, the body as given. */
export function page(title: string, section: Section | null, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${esc(title)} · litmus</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
${siteNav(section)}
<main>
${body}
</main>
</body>
</html>
`;
}

export function siteNav(section: Section | null): string {
  return `<nav class="site" aria-label="Site"><a class="brand" href="/">litmus</a>${NAV.map(
    ([id, href, label]) => `<a href="${href}"${id === section ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('')}</nav>`;
}

/** A URL with query parameters, every value encoded, ready for an HTML attribute (`&` written `&amp;`). */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&amp;');
  return query ? `${path}?${query}` : path;
}

export function paperHref(paperId: string): string {
  return `/papers/${encodeURIComponent(paperId)}`;
}

export function passageHref(paperId: string, span: { start?: number; end?: number; quote?: string }): string {
  return `${href(`/papers/${encodeURIComponent(paperId)}/passage`, span)}#hl`;
}

export function errorPage(status: number, message: string): string {
  return page(`Error ${status}`, null, `<h1>Error ${status}</h1><p class="error">${esc(message)}</p>`);
}
