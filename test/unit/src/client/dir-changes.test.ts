/**
 * DirChanges: a wait ends when a watched folder changes (a socket or lock appearing), after its
 * timeout when nothing changes, and at once when a change came while nobody waited.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DirChanges } from '../../../../src/client/dir-changes.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'cb-dirchanges-'));
});
after(() => rm(root, { recursive: true, force: true }));

describe('DirChanges', () => {
  test('a file created in a watched folder ends the wait long before its timeout', async () => {
    const dir = join(root, 'created');
    await mkdir(dir);
    const changes = new DirChanges([dir]);
    try {
      const started = Date.now();
      setTimeout(() => void writeFile(join(dir, 'daemon.sock'), ''), 50);
      await changes.wait(20_000);
      assert.ok(Date.now() - started < 10_000, `woke after ${Date.now() - started} ms`);
    } finally {
      changes.close();
    }
  });

  test('with no change, the wait ends after its timeout', async () => {
    const dir = join(root, 'quiet');
    await mkdir(dir);
    const changes = new DirChanges([dir]);
    try {
      const started = Date.now();
      await changes.wait(150);
      assert.ok(Date.now() - started >= 140, `woke after ${Date.now() - started} ms`);
    } finally {
      changes.close();
    }
  });

  test('a change while nobody waits makes the next wait return at once, once', async () => {
    const dir = join(root, 'pending');
    await mkdir(dir);
    const changes = new DirChanges([dir]);
    try {
      await writeFile(join(dir, 'spawn.result'), '{}');
      // The change arrives (on the event loop) while nobody waits.
      await new Promise((r) => setTimeout(r, 200));
      let started = Date.now();
      await changes.wait(20_000);
      assert.ok(Date.now() - started < 10_000, `returned after ${Date.now() - started} ms`);
      started = Date.now();
      await changes.wait(150);
      assert.ok(Date.now() - started >= 140, 'the change was used up by the earlier wait');
    } finally {
      changes.close();
    }
  });

  test('a folder that does not exist is not watched: the timeout still ends the wait', async () => {
    const changes = new DirChanges([join(root, 'missing')]);
    try {
      const started = Date.now();
      await changes.wait(100);
      assert.ok(Date.now() - started >= 90);
    } finally {
      changes.close();
    }
  });
});
