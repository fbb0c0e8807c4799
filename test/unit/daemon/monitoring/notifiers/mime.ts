/**
 * Just enough MIME for the email tests: a message's headers and its text and HTML parts, decoded
 * (quoted-printable or base64), from the raw bytes an SMTP server received.
 */

export interface ParsedMail {
  headers: Map<string, string>;
  text: string | undefined;
  html: string | undefined;
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`), as in a non-ASCII subject. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decode(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

/** Parses a raw message with a text part, an HTML part, or both (multipart/alternative). */
export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHead(raw);
  const parsed: ParsedMail = { headers, text: undefined, html: undefined };
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts =
    boundary === undefined
      ? [raw]
      : body
          .split(`--${boundary}`)
          .slice(1, -1)
          .map((p) => p.replace(/^\r\n/, ''));
  for (const part of parts) {
    const { headers: h, body: b } = splitHead(part);
    const content = decode(b.replace(/\r\n$/, ''), h.get('content-transfer-encoding')).replace(
      /\r\n/g,
      '\n',
    );
    const type = h.get('content-type') ?? '';
    if (type.startsWith('text/plain')) parsed.text = content;
    if (type.startsWith('text/html')) parsed.html = content;
  }
  return parsed;
}
