/**
 * @module Escaping text for HTML, for everything the daemon writes as HTML: the server's own
 * pages and the notifiers' HTML mail bodies. One function, so the two cannot drift apart.
 */

/**
 * Escapes text for an HTML text node or a quoted attribute: `&`, `<`, `>`, `"` and `'`. (Not
 * `/` or `=`, which mustache's own escape also turns into entities: legal, but unreadable in a
 * mail's source.)
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
