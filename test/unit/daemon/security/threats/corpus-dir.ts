// Locates ../shared/corpus beside the repository (walking up from here), and fails loudly when it
// is absent rather than letting the corpus tests pass on nothing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus folder; throws a clear error when it is missing. */
export function corpusDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    const candidate = join(dir, '..', 'shared', 'corpus');
    if (existsSync(join(candidate, 'labeled.jsonl'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('the threat-detection corpus folder ../shared/corpus (beside the repository root) is absent');
}

/** One labeled corpus line. */
export interface LabeledLine {
  text: string;
  label: 'sqli' | 'xss' | 'benign';
  category: string;
}

/** The lines of labeled.jsonl. */
export function labeled(): LabeledLine[] {
  return readFileSync(join(corpusDir(), 'labeled.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabeledLine);
}

/** The lines of one corpus .txt file. */
export function corpusLines(name: 'sqli.txt' | 'xss.txt' | 'benign.txt'): string[] {
  return readFileSync(join(corpusDir(), name), 'utf8').split('\n').filter((l) => l !== '');
}
