// Writes package.json's version into src/protocol/version.ts, so the bundled CLI, the compiled
// daemon and the library all report the same version without reading package.json at run time.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const file = new URL('src/protocol/version.ts', root);
const text = readFileSync(file, 'utf8');
const next = text.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
if (next !== text) writeFileSync(file, next);
