/**
 * @module Keeping channel secrets out of what people see: URLs shown without their path, query
 * or credentials (a Slack or webhook URL is a credential), and secret values scrubbed from any
 * text that came back from a receiver before it reaches an error message.
 */

/** What a secret is shown as. */
export const MASK = '***';

/**
 * A URL as it may be shown: scheme and host only, `/***` when anything else was there.
 * `https://hooks.slack.com/services/T0/B0/XXXX` → `https://hooks.slack.com/***`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return MASK;
  }
  const bare = parsed.pathname === '/' && parsed.search === '' && parsed.hash === '';
  const hidden = !bare || parsed.username !== '' || parsed.password !== '';
  return `${parsed.protocol}//${parsed.host}${hidden ? `/${MASK}` : ''}`;
}

/** A secret option's value as it may be shown: URLs by {@link redactUrl}, anything else as `***`. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string' && /^https?:\/\//i.test(value)) return redactUrl(value);
  return MASK;
}

/**
 * `text` with every occurrence of the secrets (and of their URL-encoded and base64 forms, which is
 * how SMTP AUTH and query strings carry them) replaced by `***`. Secrets shorter than 4 characters
 * are left alone: scrubbing them would mangle ordinary text without protecting anything.
 */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    forms.add(secret).add(encodeURIComponent(secret)).add(Buffer.from(secret).toString('base64'));
  }
  // Longest first: one secret may contain another (a basic-auth value holds the password).
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length))
    out = out.split(form).join(MASK);
  return out;
}

/** The first `max` characters of `text` on one line, for a message. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
