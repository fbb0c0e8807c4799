/**
 * @module The one way an API route answers with JSON.
 */
import { PreparedBody } from '../server/prepared-body.js';
import { JSON_CONTENT_TYPE } from '../server/respond.js';
import type { HttpResult } from '../types.js';

/**
 * JSON already serialised (with its final newline), for an answer a route keeps between
 * requests: sent as it is, with its header list made once, without serialising the value again.
 */
export class PreparedJson {
  /** The text with the headers of an API answer (never cached). */
  readonly prepared: PreparedBody;

  constructor(readonly text: string) {
    this.prepared = new PreparedBody(text, JSON_CONTENT_TYPE, { 'cache-control': 'no-store' });
  }

  /** Serialises `value` the way every JSON answer is written. */
  static of(value: unknown): PreparedJson {
    return new PreparedJson(`${JSON.stringify(value)}\n`);
  }
}

/** A JSON answer (200 unless given). */
export function reply(json: unknown, status = 200): HttpResult {
  if (json instanceof PreparedJson) return { status, prepared: json.prepared };
  return { status, json };
}
