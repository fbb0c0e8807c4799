/**
 * @module Answers made once and sent many times as they are — a kept JSON report, a dashboard
 * file — with their header lists made once too (see respond.ts's sendPrepared).
 */
import { bodyLength, headerList } from './header-list.js';

/**
 * A body sent many times as it is — a kept JSON report, a dashboard file — with its answer's whole
 * header list (security headers, type, length and its own headers) made once for each way it goes
 * out: over TLS or not, with its body or without (304).
 */
export class PreparedBody {
  /**
   * The header lists, made on first use: index 0 plain, +1 over TLS, +2 without a body (304);
   * null where a header is named twice (the slow path).
   */
  private readonly lists: Array<readonly string[] | null | undefined> = [];
  /** Its own headers: a frozen copy, so the lists made from them never go stale. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly body: string | Buffer,
    readonly contentType: string,
    headers: Readonly<Record<string, string>> = {},
    /** Sent with `Cache-Control: no-store` unless its headers say otherwise. */
    readonly noStore = false,
  ) {
    this.headers = Object.freeze({ ...headers });
  }

  /** The header list of an answer with this body, made on first use. */
  headerList(tls: boolean, empty: boolean): readonly string[] | null {
    const slot = (tls ? 1 : 0) + (empty ? 2 : 0);
    let list = this.lists[slot];
    if (list === undefined) {
      const length = empty ? null : bodyLength(this.body);
      list = headerList(tls, this.contentType, length, this.headers, this.noStore);
      // node's writeHead only reads the list, so one frozen list serves every answer.
      this.lists[slot] = list === null ? null : Object.freeze(list);
    }
    return list;
  }
}
