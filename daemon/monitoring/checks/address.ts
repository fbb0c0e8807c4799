/**
 * @module Targets written as `host:port` or as an http(s) URL, checked before anything connects.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A host and port to connect to. `host` has no brackets, even for IPv6. */
export interface HostPort {
  host: string;
  port: number;
}

// Labels as in RFC 1123, plus `_` because container and compose service names use it.
const LABEL = /^[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$/;

/** True when `host` is a DNS name or an IPv4 address (IPv6 is checked apart: it needs brackets). */
export function isHostName(host: string): boolean {
  if (isIPv4(host)) return true;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // An all-digit dotted name that is not a valid IPv4 address (999.1.1.1) is a typo, not a host.
  if (labels.every((label) => /^\d+$/.test(label))) return false;
  return labels.every((label) => LABEL.test(label));
}

/** Parses a port written in decimal; null unless it is 1..65535. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/**
 * Parses `host:port`, `1.2.3.4:port` or `[::1]:port`.
 *
 * @returns the parsed target, or a sentence saying what is wrong.
 */
export function parseHostPort(text: string): HostPort | string {
  const expected = "write it as host:port, like db.internal:5432, 10.0.0.5:6379 or [::1]:8080";
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return `'${text}' is not a host:port; ${expected}`;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIPv6(host)) return `'${host}' in '${text}' is not an IPv6 address`;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return `'${text}' has no port; ${expected}`;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) return `IPv6 addresses need brackets: write [${host}]:${portText}`;
    if (!isHostName(host)) return `'${host}' in '${text}' is not a host name or IPv4 address`;
  }
  const port = parsePort(portText);
  if (port === null) return `the port in '${text}' must be a number from 1 to 65535`;
  return { host, port };
}

/**
 * Checks an http(s) URL: scheme, host, no credentials (fetch refuses those, and they would end
 * up in the stored definition in clear).
 *
 * @returns the parsed URL, or a sentence saying what is wrong.
 */
export function parseHttpUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a URL; write it like https://example.com/health`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `'${text}' must use http:// or https://, not ${url.protocol}//`;
  }
  if (url.hostname === '') return `'${text}' has no host`;
  if (url.username !== '' || url.password !== '') {
    return `'${text}' holds credentials; send them in headers (Authorization) instead`;
  }
  return url;
}
