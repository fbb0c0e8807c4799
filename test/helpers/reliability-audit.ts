/**
 * @module Test helper for the crash-safety test: the audit log's files as a crash left them, and
 * what the daemon log says about torn lines it cut.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { TestHome } from './home.js';

/** The audit files, oldest first (rotation renames to .1, .2, …; .1 is the newest of those). */
export async function auditFiles(home: TestHome): Promise<string[]> {
  const file = home.paths.eventsFile;
  const prefix = `${file.slice(file.lastIndexOf('/') + 1)}.`;
  const rotated = (await readdir(home.paths.dataDir))
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => b - a)
    .map((k) => `${file}.${k}`);
  return [...rotated, file];
}

/** Complete lines over the audit files, and the bytes of a torn last line of the newest. */
export async function auditShape(
  files: string[],
): Promise<{ complete: number; tornBytes: number }> {
  let complete = 0;
  let tornBytes = 0;
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    for (const byte of bytes) if (byte === 0x0a) complete++;
    tornBytes = bytes.length - (bytes.lastIndexOf(0x0a) + 1);
  }
  return { complete, tornBytes };
}

/** How many times the daemon log says it cut a torn audit line, with the byte counts. */
export async function tornCutsLogged(home: TestHome): Promise<number[]> {
  const cuts: number[] = [];
  for (const name of await readdir(home.paths.logDir)) {
    if (!name.endsWith('.log')) continue;
    const text = await readFile(`${home.paths.logDir}/${name}`, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.includes('cut a torn last line')) continue;
      cuts.push((JSON.parse(line) as { bytes: number }).bytes);
    }
  }
  return cuts.sort((a, b) => a - b);
}
