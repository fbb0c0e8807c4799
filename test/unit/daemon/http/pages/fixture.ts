/**
 * @module A temporary app folder for the page tests, and a request context with only what the
 * page routes read.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpRequestContext } from '../../../../../daemon/http/types.js';

export interface AppFolder {
  dir: string;
  /** The app's root (holds index.html, status.html, css/, js/views/). */
  root: string;
  /** A file outside the root (and a link to it from inside). */
  outside: string;
  cleanup(): void;
}

export function appFolder(): AppFolder {
  const dir = mkdtempSync(join(tmpdir(), 'cb-pages-'));
  const root = join(dir, 'public');
  mkdirSync(join(root, 'css'), { recursive: true });
  mkdirSync(join(root, 'js', 'views'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'status.html'), '<!doctype html><title>status</title>');
  writeFileSync(join(root, 'css', 'app.css'), 'body{}');
  writeFileSync(join(root, 'js', 'app.js'), 'export {};');
  writeFileSync(join(root, 'js', 'views', 'x.js'), 'export const x = 1;');
  writeFileSync(join(root, 'notes.md'), '# not served');
  const outside = join(dir, 'secret.js');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(root, 'js', 'link.js'));
  mkdirSync(join(root, 'js', 'dir.js'));
  return { dir, root, outside, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A context for a GET with these params and headers. */
export function requestContext(
  path: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): HttpRequestContext {
  return {
    method: 'GET',
    path,
    params,
    query: new URLSearchParams(),
    headers,
    body: undefined,
    ip: '127.0.0.1',
    principal: null,
    call: () => Promise.reject(new Error('not used')),
    core: {} as HttpRequestContext['core'],
    clock: { now: () => 0 },
  };
}
