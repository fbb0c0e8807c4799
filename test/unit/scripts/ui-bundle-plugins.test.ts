import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import realStringWidth from 'string-width';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
// @ts-expect-error -- a plain .mjs build script, without type declarations
import { uiBundlePlugins } from '../../../scripts/ui-bundle-plugins.mjs';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Bundled {
  isInCi: boolean;
  stringWidth: (text: string, options?: object) => number;
  tokenize: typeof tokenize;
  styledCharsFromTokens: typeof styledCharsFromTokens;
  devtools: unknown;
}

describe('the live views bundle plugins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-plugins-'));
  let bundled: Bundled;
  before(async () => {
    const outfile = join(dir, 'out.mjs');
    await build({
      stdin: {
        contents: `
          export { default as isInCi } from 'is-in-ci';
          export { default as stringWidth } from 'string-width';
          export { tokenize, styledCharsFromTokens } from '@alcalzone/ansi-tokenize';
          export { default as devtools } from 'react-devtools-core';
        `,
        resolveDir: repoRoot,
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
      plugins: uiBundlePlugins(),
    });
    // Set while the bundle loads: the real is-in-ci would read it then.
    const ci = process.env['CI'];
    process.env['CI'] = 'true';
    bundled = (await import(pathToFileURL(outfile).href)) as Bundled;
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('never reports CI, whatever the environment says', () => {
    assert.equal(bundled.isInCi, false);
  });

  it('replaces react-devtools-core with an empty module', () => {
    assert.deepEqual(bundled.devtools, {});
  });

  it('measures widths as string-width does, for ASCII, blocks, wide, emoji and ANSI text', () => {
    const samples = ['abc', '▁▂▃█ ·›', '日本語', '👍🏽 ok', '\u001B[31mred\u001B[39m', '', 'a\u0301'];
    for (const text of samples) {
      assert.equal(bundled.stringWidth(text), realStringWidth(text), JSON.stringify(text));
      assert.equal(
        bundled.stringWidth(text),
        realStringWidth(text),
        `again: ${JSON.stringify(text)}`,
      );
    }
    assert.equal(bundled.stringWidth('¡', { ambiguousIsNarrow: false }), 2, 'options pass through');
  });

  it('tokenizes as ansi-tokenize does, answering a repeated line with the same result', () => {
    const line = '\u001B[1mbold\u001B[22m ▁▂ \u001B[36mcyan\u001B[39m';
    const first = bundled.tokenize(line);
    assert.deepEqual(first, tokenize(line));
    assert.equal(bundled.tokenize(line), first);
    const chars = bundled.styledCharsFromTokens(first);
    assert.deepEqual(chars, styledCharsFromTokens(tokenize(line)));
    assert.equal(bundled.styledCharsFromTokens(first), chars);
    assert.deepEqual(bundled.tokenize(line, 3), tokenize(line, 3), 'endChar passes through');
  });
});
