import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFast } from '../../../../src/cli/fast-path.js';

describe('parseFast', () => {
  test('takes monitoring --health with the global flags in any order', () => {
    assert.deepEqual(parseFast(['monitoring', '--health']), { action: 'health', options: {} });
    assert.deepEqual(parseFast(['--json', 'monitoring', '--health', '--quiet']), {
      action: 'health',
      options: { json: true, quiet: true },
    });
    assert.deepEqual(parseFast(['monitoring', '--no-color', '--health', '--socket', '/tmp/s.sock']), {
      action: 'health',
      options: { color: false, socket: '/tmp/s.sock' },
    });
  });

  test('leaves everything else to the full program (which also reports usage errors)', () => {
    for (const argv of [
      [],
      ['monitoring'],
      ['--health'],
      ['--health', 'monitoring'],
      ['monitoring', '--health', '--help'],
      ['monitoring', '--health', '-h'],
      ['monitoring', '--health', '--verbose'],
      ['monitoring', '--health', 'extra'],
      ['monitoring', 'monitoring', '--health'],
      ['monitoring', '--health', '--socket'],
      ['monitoring', '--health', '--socket', '--json'],
      ['monitoring', '--health', '--socket=/tmp/s.sock'],
      ['security', '--blacklist'],
      ['--version'],
      ['daemon', 'status'],
    ]) {
      assert.equal(parseFast(argv), null, argv.join(' '));
    }
  });
});
