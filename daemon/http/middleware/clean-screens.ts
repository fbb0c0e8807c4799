/**
 * @module Requests the threat screen found clean, remembered by the exact parts it screened.
 *
 * Most web traffic repeats itself: a load balancer's health probe, an uptime monitor, a script
 * polling the API, the dashboard refreshing — the same path, query and headers again and again.
 * The detector is a pure function of those parts, so a request whose screened parts are exactly
 * those of one found clean is clean too, and screening it again would only spend the time.
 *
 * Only clean verdicts are kept: a request with a finding is screened every time, so every attempt
 * is an event and counts towards a ban. The key holds every screened part in full — the raw path,
 * the raw query and each user-data header's name and value — joined by line feeds and colons,
 * which none of them can hold (node's parser refuses CR and LF in the target and in header
 * values, and a header name has no colon), so two different requests never share a key. Parts
 * longer than {@link MAX_KEY_LENGTH} are never kept, and at most {@link MAX_CLEAN_SCREENS} keys
 * are (least recently used dropped first, see recent-map.ts): at most a few MiB.
 */
import { RecentMap } from '../server/recent-map.js';

/** How many clean requests are remembered at most. */
export const MAX_CLEAN_SCREENS = 1024;
/** The longest key kept (characters): long or unusual requests are simply screened. */
export const MAX_KEY_LENGTH = 2048;

export class CleanScreens {
  private readonly keys: RecentMap<string, true>;

  /** @throws TypeError for a bound that is not a positive integer. */
  constructor(
    maxEntries = MAX_CLEAN_SCREENS,
    private readonly maxKeyLength = MAX_KEY_LENGTH,
  ) {
    for (const [name, value] of Object.entries({ maxEntries, maxKeyLength }))
      if (!Number.isInteger(value) || value < 1)
        throw new TypeError(`"${name}" must be a positive integer`);
    this.keys = new RecentMap(maxEntries);
  }

  /** How many keys are kept. */
  get size(): number {
    return this.keys.size;
  }

  /**
   * The key of a request's screened parts, or null when they are too long to keep.
   * @param headers request headers (name → value); those `screened` names (default: all) with a
   *   value are part of the key — the headers the screen looks at, read in place without a copy.
   */
  keyOf(
    rawPath: string,
    rawQuery: string,
    headers: Readonly<Record<string, string | undefined>>,
    screened: (name: string) => boolean = () => true,
  ): string | null {
    let key = `${rawPath}\n${rawQuery}`;
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined || !screened(name)) continue;
      key += `\n${name}:${value}`;
      if (key.length > this.maxKeyLength) return null;
    }
    return key.length > this.maxKeyLength ? null : key;
  }

  /** True when a request with this key was found clean (and marks it recently used). */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Remembers a key the screen found clean. */
  add(key: string): void {
    this.keys.set(key, true);
  }

  /** Forgets every key. */
  clear(): void {
    this.keys.clear();
  }
}
