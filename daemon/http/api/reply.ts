/**
 * @module The one way an API route answers with JSON.
 */
import { JSON_CONTENT_TYPE } from '../server/respond.js';
import type { HttpResult } from '../types.js';

/**
 * JSON already serialised (with its final newline), for an answer a route keeps between
 * requests: sent as it is, without serialising the value again.
 */
export class PreparedJson {
  constructor(readonly text: string) {}

  /** Serialises `value` the way every JSON answer is written. */
  static of(value: unknown): PreparedJson {
    return new PreparedJson(`${JSON.stringify(value)}\n`);
  }
}

/** A JSON answer (200 unless given). */
export function reply(json: unknown, status = 200): HttpResult {
  if (json instanceof PreparedJson)
    // API answers are never cached, as sendJson says for the others.
    return {
      status,
      body: json.text,
      contentType: JSON_CONTENT_TYPE,
      headers: { 'cache-control': 'no-store' },
    };
  return { status, json };
}
