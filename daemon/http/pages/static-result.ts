/**
 * @module The HTTP result for a served file: revalidated on every use (`no-cache` + ETag), and a
 * bodiless 304 when the browser's copy is current.
 */
import type { HttpResult } from '../types.js';
import type { Asset } from './asset-store.js';
import { matchesIfNoneMatch } from './etag.js';

/** The reply for `asset`, given the request's If-None-Match header. */
export function staticResult(asset: Asset, ifNoneMatch: string | undefined): HttpResult {
  const headers = { 'Cache-Control': 'no-cache', ETag: asset.etag };
  if (matchesIfNoneMatch(ifNoneMatch, asset.etag))
    return { status: 304, body: '', contentType: asset.contentType, headers };
  return { status: 200, body: asset.body, contentType: asset.contentType, headers };
}
