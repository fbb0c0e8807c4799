import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DurableJsonFile } from '../../../../daemon/store/durable-json-file.js';
import { StoreCorruptError } from '../../../../daemon/store/errors.js';

describe('DurableJsonFile', () => {
  let dir: string;
  let n = 0;
  const fresh = async (): Promise<string> => {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    return sub;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('read of a missing file is null', async () => {
    const file = join(await fresh(), 'store.json');
    assert.equal(await new DurableJsonFile(file).read(), null);
  });

  test('write then read returns the data; the file is mode 0600 and no temp file is left', async () => {
    const sub = await fresh();
    const file = join(sub, 'store.json');
    const adapter = new DurableJsonFile<{ a: number; list: string[] }>(file);
    await adapter.write({ a: 1, list: ['x'] });
    assert.deepEqual(await adapter.read(), { a: 1, list: ['x'] });
    assert.equal(await readFile(file, 'utf8'), '{"a":1,"list":["x"]}');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    await adapter.write({ a: 2, list: [] });
    assert.deepEqual(await adapter.read(), { a: 2, list: [] });
    assert.deepEqual(await readdir(sub), ['store.json']);
  });

  test('overwriting keeps mode 0600 even when the old file was wider', async () => {
    const sub = await fresh();
    const file = join(sub, 'store.json');
    await writeFile(file, '{}', { mode: 0o644 });
    await new DurableJsonFile(file).write({ b: true });
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  test('corrupt JSON is a StoreCorruptError naming the file; the file is untouched', async () => {
    const file = join(await fresh(), 'store.json');
    await writeFile(file, '{"a":');
    const error = await new DurableJsonFile(file).read().then(
      () => assert.fail('read must fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof StoreCorruptError);
    assert.equal(error.code, 'INTERNAL');
    assert.equal(error.file, file);
    assert.match(
      error.message,
      new RegExp(
        `^store ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\); it was left untouched\\. Move it aside \\(or restore a backup\\) and start again, or start with --move-corrupt-store$`,
      ),
    );
    assert.equal(await readFile(file, 'utf8'), '{"a":');
  });

  test('a path that cannot be read (a folder) is a StoreCorruptError', async () => {
    const sub = await fresh();
    await assert.rejects(new DurableJsonFile(sub).read(), (error: unknown) => {
      assert.ok(error instanceof StoreCorruptError);
      assert.ok(error.message.startsWith(`store ${sub} cannot be read (EISDIR`), error.message);
      return true;
    });
  });

  test('a write into a missing folder rejects and leaves nothing behind', async () => {
    const sub = await fresh();
    const file = join(sub, 'missing', 'store.json');
    await assert.rejects(new DurableJsonFile(file).write({}), { code: 'ENOENT' });
    assert.deepEqual(await readdir(sub), []);
  });

  test('removeLeftovers removes only this file’s temp files and counts them', async () => {
    const sub = await fresh();
    const file = join(sub, 'store.json');
    await writeFile(file, '{}');
    await writeFile(join(sub, 'store.json.tmp-123-1'), 'partial');
    await writeFile(join(sub, 'store.json.tmp-456-9'), 'partial');
    await writeFile(join(sub, 'other.json.tmp-1-1'), 'keep');
    await writeFile(join(sub, 'events.jsonl'), 'keep');
    assert.equal(await new DurableJsonFile(file).removeLeftovers(), 2);
    assert.deepEqual((await readdir(sub)).sort(), [
      'events.jsonl',
      'other.json.tmp-1-1',
      'store.json',
    ]);
    assert.equal(await new DurableJsonFile(file).removeLeftovers(), 0);
  });

  test('removeLeftovers in a missing folder removes nothing', async () => {
    assert.equal(await new DurableJsonFile(join(dir, 'nope', 'store.json')).removeLeftovers(), 0);
  });
});
