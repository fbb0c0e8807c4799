import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../../helpers/home.js';
// @ts-expect-error -- a plain .mjs bench helper without type declarations
import { runWhenMain } from '../../../../bench/lib/main.mjs';

const mainUrl = pathToFileURL(join(repoRoot, 'bench', 'lib', 'main.mjs')).href;
let dir = '';

/** Runs a bench-like file whose run() does `body`; resolves with its exit code and output. */
async function runFile(
  body: string,
  options = '',
): Promise<{ code: number; out: string; err: string }> {
  const file = join(dir, `b${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(
    file,
    `import { runWhenMain } from '${mainUrl}';\n` +
      `const run = async () => { ${body} };\n` +
      `const report = (r) => 'report: ' + r;\n` +
      `await runWhenMain(import.meta.url, run, report${options});\n`,
  );
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 30_000 }, (error, out, err) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), out, err }),
    );
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-bench-main-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('runWhenMain', () => {
  it('run directly: prints the report of the result', async () => {
    assert.deepEqual(await runFile("return 'fine';"), { code: 0, out: 'report: fine\n', err: '' });
  });

  it('a failure prints its message (or its stack when asked) and exits 1', async () => {
    assert.deepEqual(await runFile("throw new Error('no daemon');"), {
      code: 1,
      out: '',
      err: 'no daemon\n',
    });
    const { code, err } = await runFile("throw new Error('no daemon');", ', { stack: true }');
    assert.equal(code, 1);
    assert.match(err, /^Error: no daemon\n {4}at /);
  });

  it('imported: does nothing', async () => {
    let ran = false;
    await runWhenMain(
      'file:///not/the/main/module.mjs',
      () => {
        ran = true;
      },
      () => 'x',
    );
    assert.equal(ran, false);
  });
});
