/**
 * @module Decoded request targets, remembered by their raw path.
 *
 * Clients ask for the same few paths again and again (a dashboard's API calls, a monitor's probe),
 * and decoding one — splitting, unescaping and checking each segment — is pure. A raw path that
 * decoded is remembered with its path and frozen segments, so the next request for it reuses
 * them; the query is the request's own. Refused paths are not remembered (each is decoded and
 * refused again), nor paths longer than {@link MAX_REMEMBERED_PATH}, and at most
 * {@link MAX_DECODED_TARGETS} are kept, least recently used dropped first.
 */
import { RecentMap } from './recent-map.js';
import { decodeTarget, MAX_TARGET, type RequestTarget, type SplitTarget } from './request-path.js';

/** How many decoded raw paths are remembered at most. */
export const MAX_DECODED_TARGETS = 1024;
/** The longest raw path remembered (characters). */
export const MAX_REMEMBERED_PATH = 512;

interface Decoded {
  path: string;
  segments: readonly string[];
}

/** Decodes request targets, remembering those that decoded by their raw path. */
export class DecodedTargets {
  private readonly known = new RecentMap<string, Decoded>(MAX_DECODED_TARGETS);

  /**
   * {@link decodeTarget} of `split`, from memory when its raw path decoded before.
   * @throws InvalidInputError as decodeTarget does.
   */
  decode(split: SplitTarget): RequestTarget {
    const { rawPath } = split;
    const known = this.known.get(rawPath);
    // A remembered raw path starts with `/`, so the target does; its length is this request's.
    if (known !== undefined && split.target.length <= MAX_TARGET)
      return { rawPath, path: known.path, segments: known.segments, query: split.query };
    const target = decodeTarget(split);
    if (rawPath.length <= MAX_REMEMBERED_PATH)
      this.known.set(rawPath, { path: target.path, segments: Object.freeze(target.segments) });
    return target;
  }

  /** How many raw paths are remembered. */
  get size(): number {
    return this.known.size;
  }
}
