/**
 * @module The one way an API route answers with JSON.
 */
import type { HttpResult } from '../types.js';

/** A JSON answer (200 unless given). */
export function reply(json: unknown, status = 200): HttpResult {
  return { status, json };
}
