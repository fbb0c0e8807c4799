/**
 * @module The small server-rendered pages the server itself answers with: not found, forbidden.
 * Styled by /auth/login.css (no inline style: the CSP forbids it).
 */

import { escapeHtml } from '../../html-escape.js';

/** A complete page around `body` (already escaped HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} · clickup-brain</title>
<link rel="stylesheet" href="/auth/login.css">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`;
}

/** The page for an unknown path (404) or a refused one (403). */
export function messagePage(status: 404 | 403, detail: string): string {
  const title = status === 404 ? 'Not found' : 'Forbidden';
  return page(
    title,
    `<h1>${title}</h1>\n<p>${escapeHtml(detail)}</p>\n<p><a href="/">Back to the dashboard</a></p>`,
  );
}
