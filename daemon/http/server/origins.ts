/**
 * @module The origins a state-changing request may come from: the dashboard's own.
 *
 * The listen address is always one. On loopback, `localhost`, `127.0.0.1` and `[::1]` at the same
 * port are one machine, so all three are. The origin the Host header names is accepted only when
 * its host is an IP address, `localhost`, or the configured host: a DNS name an attacker controls
 * (DNS rebinding) never becomes "our" origin that way.
 */
import ipaddr from 'ipaddr.js';

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  try {
    return ipaddr.process(host).range() === 'loopback';
  } catch {
    return false;
  }
}

/** The host part of a Host header, without port and brackets, lower case; null when malformed. */
export function hostOfHeader(header: string | undefined): string | null {
  if (header === undefined || header === '' || header.length > 300) return null;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (match === null) return null;
  return (match[1] as string).replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The allowed origins for a request that named `hostHeader`. */
export function allowedOrigins(
  scheme: 'http' | 'https',
  listenHost: string,
  port: number,
  hostHeader: string | undefined,
): string[] {
  const origins = new Set<string>();
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  if (!wildcard) origins.add(`${scheme}://${bracket(listenHost)}:${port}`);
  if (wildcard || isLoopback(listenHost)) {
    for (const host of ['localhost', '127.0.0.1', '[::1]'])
      origins.add(`${scheme}://${host}:${port}`);
  }
  const named = hostOfHeader(hostHeader);
  if (
    named !== null &&
    (ipaddr.isValid(named) || named === 'localhost' || named === listenHost.toLowerCase())
  ) {
    origins.add(`${scheme}://${(hostHeader as string).trim().toLowerCase()}`);
  }
  // Default ports are dropped from origins by browsers; accept both spellings.
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  for (const origin of [...origins])
    if (origin.endsWith(defaultPort)) origins.add(origin.slice(0, -defaultPort.length));
  return [...origins];
}

/**
 * The origin to judge a state-changing request by. Under `Referrer-Policy: no-referrer` a browser
 * sends `Origin: null` even for its own same-origin POSTs (Fetch: the policy nulls the origin of
 * non-CORS requests). `Sec-Fetch-Site: same-origin`, which only the browser can set, then vouches
 * that the request came from the page's own origin: the Host it was sent to. That origin is still
 * judged against {@link allowedOrigins}, so a rebinding DNS name gains nothing.
 */
export function requestOrigin(
  headers: Readonly<Record<string, string | undefined>>,
  scheme: 'http' | 'https',
): string | undefined {
  const origin = headers['origin'];
  if (origin !== 'null' || headers['sec-fetch-site'] !== 'same-origin') return origin;
  const host = headers['host'];
  return hostOfHeader(host) === null
    ? origin
    : `${scheme}://${(host as string).trim().toLowerCase()}`;
}
