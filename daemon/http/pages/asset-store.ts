/**
 * @module Serves the dashboard's files from memory: each asset path is resolved, checked, read and
 * hashed once, on its first request; every later request is a map lookup.
 *
 * The files ship with the daemon (dist/daemon/http/public/ and uPlot's dist/) and do not change
 * while it runs, so nothing is asked of the file system again — not even a stat: under load, a
 * realpath and a stat per request were thread-pool round trips that left the event loop waiting.
 * A daemon updated in place is restarted to serve the new files. The answer for a path that has
 * nothing to serve (missing, a folder, traversal, a link out of the root) is remembered too, in a
 * bounded map, so a burst of requests for a missing file costs no file system work either.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { resolveAssetPath } from './asset-path.js';
import { contentTypeOf } from './content-types.js';
import { etagOf } from './etag.js';

/** One servable file. */
export interface Asset {
  body: Buffer;
  etag: string;
  contentType: string;
}

export interface AssetStoreOptions {
  /** The app's folder (absolute). */
  root: string;
  /** Extra files by asset path (e.g. `vendor/uPlot.min.css`), served from outside the root. */
  extra?: Readonly<Record<string, string>>;
}

/**
 * How many asset paths with nothing to serve are remembered. Paths that exist are bounded by the
 * files under the root; these are whatever clients ask for, so the oldest are dropped first.
 */
export const MAX_MISSES = 1_024;

export class AssetStore {
  private readonly root: string;
  private readonly extra: ReadonlyMap<string, string>;
  /** Asset path → its file, loaded (or being loaded) once. */
  private readonly found = new Map<string, Promise<Asset | null>>();
  /** The assets whose load finished: the same files as `found`, at hand. */
  private readonly ready = new Map<string, Asset>();
  /** Asset paths that had nothing to serve, oldest first. */
  private readonly missing = new Set<string>();
  private realRoot: string | null = null;

  constructor(options: AssetStoreOptions) {
    if (typeof options?.root !== 'string') throw new TypeError('root must be a string');
    this.root = options.root;
    this.extra = new Map(Object.entries(options.extra ?? {}));
  }

  /**
   * The file at asset path `relative` when it was loaded already (undefined otherwise): every
   * request after a file's first takes this path, with no promise.
   */
  loaded(relative: string): Asset | undefined {
    return this.ready.get(relative);
  }

  /** The file at asset path `relative`, or null when there is none to serve (never a folder). */
  get(relative: string): Promise<Asset | null> {
    const known = this.found.get(relative);
    if (known !== undefined) return known;
    if (this.missing.has(relative)) return Promise.resolve(null);
    const loading = this.load(relative).then(
      (asset) => {
        if (asset === null) {
          this.found.delete(relative);
          this.remember(relative);
        } else this.ready.set(relative, asset);
        return asset;
      },
      (error: unknown) => {
        // A read that failed for another reason (EMFILE, EIO) is tried again next time.
        this.found.delete(relative);
        throw error;
      },
    );
    this.found.set(relative, loading);
    return loading;
  }

  private remember(relative: string): void {
    this.missing.add(relative);
    if (this.missing.size > MAX_MISSES) {
      const oldest = this.missing.values().next().value;
      if (oldest !== undefined) this.missing.delete(oldest);
    }
  }

  private async load(relative: string): Promise<Asset | null> {
    const file = this.extra.get(relative) ?? (await this.insideRoot(relative));
    if (file === null) return null;
    const contentType = contentTypeOf(file);
    if (contentType === null) return null;
    try {
      if (!(await stat(file)).isFile()) return null;
    } catch {
      return null;
    }
    const body = await readFile(file);
    return { body, etag: etagOf(body), contentType };
  }

  /** The file under the root, also after following links (a link out of the root is refused). */
  private async insideRoot(relative: string): Promise<string | null> {
    const file = resolveAssetPath(this.root, relative);
    if (file === null) return null;
    try {
      this.realRoot ??= await realpath(this.root);
      const real = await realpath(file);
      return real.startsWith(this.realRoot + sep) ? real : null;
    } catch {
      return null;
    }
  }
}
