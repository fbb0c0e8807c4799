import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { fdWriter } from '../../../../src/cli/fd-writer.js';

describe('fdWriter', () => {
  test('writes text and bytes straight to the descriptor; TTY questions go to the real stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbf-'));
    try {
      const file = join(dir, 'out');
      const fd = openSync(file, 'w');
      let asked = 0;
      const real = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), { isTTY: true, columns: 120 });
      const out = fdWriter(fd, () => {
        asked++;
        return real;
      });
      assert.equal(out.write('héllo\n'), true);
      assert.equal(out.write(Buffer.from([0x61, 0x00, 0x62])), true);
      assert.equal(asked, 0, 'writing does not build the real stream');
      assert.equal(out.isTTY, true);
      assert.equal(out.columns, 120);
      closeSync(fd);
      assert.deepEqual(readFileSync(file), Buffer.concat([Buffer.from('héllo\n'), Buffer.from([0x61, 0x00, 0x62])]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('when the descriptor refuses, the rest goes through the real stream', () => {
    const got: Buffer[] = [];
    const real = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        got.push(chunk);
        cb();
      },
    });
    const out = fdWriter(987_654, () => real);
    out.write('over the stream');
    assert.equal(Buffer.concat(got).toString(), 'over the stream');
  });
});
