/**
 * @module The web server's settings as getters, read at each use (like the security settings):
 * from the daemon's config keys `http.*`, or from the library's options.
 */

/** What the server reads; durations and rates are plain numbers with their unit in the name. */
export interface HttpSettings {
  /** Serve at all (default true). */
  enabled: () => boolean;
  /** Address to bind (default 127.0.0.1). */
  host: () => string;
  /** Port (default 8080; 0 = any free port, the real one is reported). */
  port: () => number;
  /** PEM certificate and key files; TLS when both are set (default: none). */
  tlsCert: () => string | null;
  tlsKey: () => string | null;
  /** Allow a non-loopback bind without TLS (default false; a warning is logged). */
  allowInsecurePublic: () => boolean;
  /** Serve the public status page and its JSON without login (default false). */
  statusPage: () => boolean;
  /** Addresses and networks that may scrape /metrics without a token (default loopback). */
  metricsAllow: () => readonly string[];
  /** API requests per second per IP and per user; 0 turns the limit off (default 20). */
  rateLimitPerSecond: () => number;
  /** Login attempts per minute per IP (default 5). */
  loginPerMinute: () => number;
}

/** The documented defaults. */
export const defaultHttpSettings: HttpSettings = {
  enabled: () => true,
  host: () => '127.0.0.1',
  port: () => 8080,
  tlsCert: () => null,
  tlsKey: () => null,
  allowInsecurePublic: () => false,
  statusPage: () => false,
  metricsAllow: () => ['127.0.0.1', '::1'],
  rateLimitPerSecond: () => 20,
  loginPerMinute: () => 5,
};

/** Splits a comma-separated list, dropping blanks. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
