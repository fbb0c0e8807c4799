/**
 * @module The HTTP result for a served file: revalidated on every use (`no-cache` + ETag), and a
 * bodiless 304 when the browser's copy is current.
 *
 * A file's answer is the same every time, so it is prepared once per file (its header list made
 * once, see respond.ts's PreparedBody) and kept beside the file for as long as the file is.
 */
import { PreparedBody } from '../server/prepared-body.js';
import type { HttpResult } from '../types.js';
import type { Asset } from './asset-store.js';
import { matchesIfNoneMatch } from './etag.js';

const prepared = new WeakMap<Asset, PreparedBody>();

/** The prepared answer of `asset` (made on its first use). */
export function preparedAsset(asset: Asset): PreparedBody {
  let answer = prepared.get(asset);
  if (answer === undefined) {
    answer = new PreparedBody(asset.body, asset.contentType, {
      'Cache-Control': 'no-cache',
      ETag: asset.etag,
    });
    prepared.set(asset, answer);
  }
  return answer;
}

/** The reply for `asset`, given the request's If-None-Match header. */
export function staticResult(asset: Asset, ifNoneMatch: string | undefined): HttpResult {
  const status = matchesIfNoneMatch(ifNoneMatch, asset.etag) ? 304 : 200;
  return { status, prepared: preparedAsset(asset) };
}
