/**
 * @module Reads the dashboard's files on demand and keeps them in memory with their entity tags,
 * reading a file again only when its size or modification time changed.
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

interface Cached extends Asset {
  mtimeMs: number;
  size: number;
}

export class AssetStore {
  private readonly root: string;
  private readonly extra: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, Cached>();
  private realRoot: string | null = null;

  constructor(options: AssetStoreOptions) {
    if (typeof options?.root !== 'string') throw new TypeError('root must be a string');
    this.root = options.root;
    this.extra = new Map(Object.entries(options.extra ?? {}));
  }

  /** The file at asset path `relative`, or null when there is none to serve (never a folder). */
  async get(relative: string): Promise<Asset | null> {
    const file = this.extra.get(relative) ?? (await this.insideRoot(relative));
    if (file === null) return null;
    const contentType = contentTypeOf(file);
    if (contentType === null) return null;
    let info;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const hit = this.cache.get(file);
    if (hit !== undefined && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(file);
    const entry: Cached = {
      body,
      etag: etagOf(body),
      contentType,
      mtimeMs: info.mtimeMs,
      size: info.size,
    };
    this.cache.set(file, entry);
    return entry;
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
