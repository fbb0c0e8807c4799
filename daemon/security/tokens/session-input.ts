/**
 * @module Checks of what callers pass to the session manager: names, reasons, request metadata.
 *
 * Wrong use is a TypeError naming the argument. The user agent comes from the client, so it is
 * bounded rather than refused.
 */
import type { SessionRecord } from './session-record.js';

/** Where a request came from; stored with the session for the operator's list. */
export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

const MAX_USER_AGENT = 512;
const MAX_IP = 64;

/** A non-empty argument string (username, reason). @throws TypeError naming it. */
export function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 256) {
    throw new TypeError(`"${name}" must be a non-empty string of at most 256 characters`);
  }
  return value;
}

/** The record fields `meta` sets. @throws TypeError for a bad field. */
export function metaPatch(meta: SessionMeta | undefined): Partial<SessionRecord> {
  const patch: Partial<SessionRecord> = {};
  if (meta?.ip !== undefined) {
    if (meta.ip !== null && (typeof meta.ip !== 'string' || meta.ip.length > MAX_IP)) {
      throw new TypeError(`"ip" must be a string of at most ${MAX_IP} characters or null`);
    }
    patch.ip = meta.ip;
  }
  if (meta?.userAgent !== undefined) {
    if (meta.userAgent !== null && typeof meta.userAgent !== 'string') {
      throw new TypeError('"userAgent" must be a string or null');
    }
    // It comes from the client: kept for display, so bounded rather than refused.
    patch.userAgent = meta.userAgent?.slice(0, MAX_USER_AGENT) ?? null;
  }
  return patch;
}
