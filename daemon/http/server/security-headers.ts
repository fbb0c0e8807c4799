/**
 * @module The headers every response carries, errors and redirects included.
 */

/** No inline script or style anywhere; nothing framed; no referrer leaves the dashboard. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The security headers, by lower-case name. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
});

/** Strict-Transport-Security, sent only over TLS (a plain-HTTP answer must not pin HTTPS). */
export const HSTS = 'max-age=31536000';
