import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadKeytar } from '../../../../../src/cli/auth/keytar-loader.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** What this machine has: keytar's API when it is installed and its native part loads. */
function installedKeytar(): boolean {
  try {
    const api = createRequire(import.meta.url)('keytar') as Record<string, unknown>;
    return typeof api['getPassword'] === 'function';
  } catch {
    return false;
  }
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-keytar-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadKeytar', () => {
  test('returns keytar when it loads here, else null', async () => {
    const keytar = await loadKeytar();
    if (installedKeytar()) {
      assert.ok(keytar !== null);
      assert.equal(typeof keytar.getPassword, 'function');
      assert.equal(typeof keytar.setPassword, 'function');
      assert.equal(typeof keytar.deletePassword, 'function');
    } else assert.equal(keytar, null);
  });

  test('null for a missing module, and for a module that is not keytar', async () => {
    assert.equal(await loadKeytar('clickup-brain-no-such-module'), null);
    assert.equal(await loadKeytar('node:path'), null);
  });

  test('survives the CLI bundle: esbuild (CommonJS, minified, keytar forbidden) leaves it external, without warnings', async () => {
    // The same settings and guard as scripts/build.mjs.
    const result = await build({
      stdin: {
        contents:
          "import { loadKeytar } from './src/cli/auth/keytar-loader.ts'; void loadKeytar().then((k) => process.stdout.write(k === null ? 'null' : typeof k.getPassword));",
        resolveDir: root,
        loader: 'ts',
      },
      outfile: join(dir, 'cli', 'bundle.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid-keytar',
          setup(b) {
            b.onResolve({ filter: /^keytar(\/|$)/ }, (args) => ({
              errors: [{ text: `the CLI bundle must not import ${args.path}` }],
            }));
          },
        },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    // The bundle sits in a package whose node_modules holds keytar, as dist/cli/ does.
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const printed = execFileSync(process.execPath, [join(dir, 'cli', 'bundle.cjs')], {
      encoding: 'utf8',
    });
    assert.equal(printed, installedKeytar() ? 'function' : 'null');
  });
});
