import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Adapter } from 'lowdb';
import { Memory } from 'lowdb';
import type { BlacklistEntry } from '../../../../src/protocol/schemas.js';
import { DurableJsonFile } from '../../../../daemon/store/durable-json-file.js';
import { StoreCorruptError } from '../../../../daemon/store/errors.js';
import { emptyStore, type StoreData } from '../../../../daemon/store/schema.js';
import { Store } from '../../../../daemon/store/store.js';

function entry(target: string): BlacklistEntry {
  return {
    target,
    family: 4,
    prefixLength: 32,
    source: 'manual',
    reason: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    createdBy: 'tester',
  };
}

/** Appends an entry; undo takes it out again. */
function push(store: Store, target: string) {
  return store.mutate(() => {
    const e = entry(target);
    store.data.blacklist.push(e);
    return {
      result: target,
      undo: () => void store.data.blacklist.splice(store.data.blacklist.indexOf(e), 1),
    };
  });
}

const targets = (store: Store): string[] => store.data.blacklist.map((e) => e.target);

/** The current store: the blacklist plus the (empty) monitoring and security parts. */
function current(blacklist: BlacklistEntry[] = []): StoreData {
  return { ...emptyStore(), blacklist };
}

/** An in-memory adapter that keeps snapshots of what was written and can fail or hold writes. */
class FakeAdapter implements Adapter<StoreData> {
  written: string[] = [];
  failWith: Error | null = null;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  started = 0;

  constructor(private initial: unknown = null) {}

  async read(): Promise<StoreData | null> {
    return this.initial as StoreData | null;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async write(data: StoreData): Promise<void> {
    this.started++;
    const snapshot = JSON.stringify(data);
    if (this.gate !== null) await this.gate;
    if (this.failWith !== null) throw this.failWith;
    this.written.push(snapshot);
  }
}

/** Lets pending setImmediate callbacks and promise jobs run. */
async function ticks(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Store.open', () => {
  let dir: string;
  let n = 0;
  const file = (): string => join(dir, `store-${++n}.json`);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a missing file starts empty and is not created until a change', async () => {
    const path = file();
    const store = await Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path });
    assert.deepEqual(store.data, current());
    assert.equal(store.label, path);
    assert.equal(store.commitCount, 0);
    await assert.rejects(readFile(path), { code: 'ENOENT' });
    await push(store, '1.2.3.4');
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), current([entry('1.2.3.4')]));
  });

  test('a valid file is loaded and, being current, not rewritten', async () => {
    const path = file();
    const text = JSON.stringify(current([entry('9.9.9.9')]));
    await writeFile(path, text);
    const store = await Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path });
    assert.deepEqual(targets(store), ['9.9.9.9']);
    assert.deepEqual(store.data, current([entry('9.9.9.9')]));
    assert.equal(await readFile(path, 'utf8'), text);
  });

  test('a version 2 file is migrated to version 3 (maintenance windows) and written back', async () => {
    const path = file();
    const { maintenance: _maintenance, ...v2 } = current([entry('8.8.8.8')]);
    const rules = [
      {
        name: 'r',
        expr: 'up == 0',
        severity: 'warning',
        forMs: 0,
        keepFiringForMs: 0,
        labels: {},
        annotations: {},
        description: '',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ];
    await writeFile(path, JSON.stringify({ ...v2, version: 2, rules }));
    const store = await Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path });
    const expected = { ...current([entry('8.8.8.8')]), rules };
    assert.deepEqual(store.data, expected);
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), expected);
  });

  test('a version 1 file is migrated to the current version and written back at once', async () => {
    const path = file();
    await writeFile(path, JSON.stringify({ version: 1, blacklist: [entry('9.9.9.9')] }));
    const store = await Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path });
    assert.deepEqual(store.data, current([entry('9.9.9.9')]));
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), current([entry('9.9.9.9')]));
    assert.equal(store.commitCount, 0, 'the migration write-back is not a commit');
    await push(store, '1.2.3.4');
    assert.deepEqual(
      JSON.parse(await readFile(path, 'utf8')),
      current([entry('9.9.9.9'), entry('1.2.3.4')]),
    );
  });

  const corrupt: Array<[string, string, (path: string) => RegExp]> = [
    [
      'invalid JSON',
      '{"version":1,',
      (p) => new RegExp(`^store ${escape(p)} is not valid JSON \\(`),
    ],
    ['an array', '[]', (p) => new RegExp(`^store ${escape(p)} does not hold a JSON object;`)],
    ['a string', '"text"', (p) => new RegExp(`^store ${escape(p)} does not hold a JSON object;`)],
    [
      'a schema failure',
      JSON.stringify(current([{ ...entry('1.2.3.4'), family: 5 as 4 }])),
      (p) =>
        new RegExp(
          `^store ${escape(p)} fails the schema \\(blacklist\\.0\\.family: Invalid input\\); it was left untouched\\.`,
        ),
    ],
    [
      'a missing field',
      JSON.stringify({ version: 1 }),
      (p) =>
        new RegExp(
          `^store ${escape(p)} fails the schema \\(blacklist: Invalid input: expected array, received undefined\\);`,
        ),
    ],
    [
      'a current file without a monitoring array',
      JSON.stringify({ ...current(), rules: undefined }),
      (p) =>
        new RegExp(
          `^store ${escape(p)} fails the schema \\(rules: Invalid input: expected array, received undefined\\);`,
        ),
    ],
    [
      'a bad alert rule',
      JSON.stringify({ ...current(), rules: [{ name: 'r', expr: 'up', severity: 'loud' }] }),
      (p) => new RegExp(`^store ${escape(p)} fails the schema \\(rules\\.0\\.severity: `),
    ],
    [
      'a newer version',
      JSON.stringify({ version: 7, blacklist: [] }),
      (p) =>
        new RegExp(
          `^store ${escape(p)} is version 7, newer than this build understands \\(6\\); upgrade clickup-brain; it was left untouched\\.`,
        ),
    ],
    [
      'an invalid version',
      JSON.stringify({ version: -3, blacklist: [] }),
      (p) => new RegExp(`^store ${escape(p)} has an invalid version -3;`),
    ],
  ];
  for (const [what, text, message] of corrupt) {
    test(`${what} is a StoreCorruptError and the file bytes are unchanged`, async () => {
      const path = file();
      await writeFile(path, text);
      await assert.rejects(
        Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path }),
        (error: unknown) => {
          assert.ok(error instanceof StoreCorruptError, String(error));
          assert.equal(error.code, 'INTERNAL');
          assert.match(error.message, message(path));
          assert.ok(
            error.message.endsWith(
              '; it was left untouched. Move it aside (or restore a backup) and start again, or start with --move-corrupt-store',
            ),
          );
          return true;
        },
      );
      assert.equal(await readFile(path, 'utf8'), text);
    });
  }

  for (const text of ['null', '0', 'false', '""']) {
    test(`a file holding ${text} is corrupt, not an empty store`, async () => {
      const path = file();
      await writeFile(path, text);
      await assert.rejects(
        Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path }),
        StoreCorruptError,
      );
      assert.equal(await readFile(path, 'utf8'), text);
    });
  }

  test('an unversioned file is migrated and written back at once', async () => {
    const path = file();
    await writeFile(path, JSON.stringify({ blacklist: [entry('5.6.7.8')] }));
    const store = await Store.open({ adapter: new DurableJsonFile<StoreData>(path), label: path });
    assert.deepEqual(store.data, current([entry('5.6.7.8')]));
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), current([entry('5.6.7.8')]));
    assert.deepEqual(
      await readdir(dir).then((names) => names.filter((name) => name.includes('.tmp-'))),
      [],
    );
  });

  test('injected migrations run; a current file is not rewritten', async () => {
    const adapter = new FakeAdapter({ version: 0, list: [entry('1.1.1.1')] });
    const store = await Store.open({
      adapter,
      label: 'memory',
      migrations: {
        1: (d) => ({ blacklist: d['list'] }),
        2: (d) => d,
        3: (d) => d,
        4: (d) => d,
        5: (d) => d,
        6: (d) => ({ ...current(), ...d }),
      },
    });
    assert.deepEqual(store.data, current([entry('1.1.1.1')]));
    assert.equal(adapter.written.length, 1, 'every step, one write');
    assert.deepEqual(JSON.parse(adapter.written[0] as string), current([entry('1.1.1.1')]));

    const upToDate = new FakeAdapter(current());
    await Store.open({
      adapter: upToDate,
      label: 'memory',
      migrations: {
        1: () => assert.fail('must not run'),
        2: () => assert.fail('must not run'),
        3: () => assert.fail('must not run'),
        4: () => assert.fail('must not run'),
        5: () => assert.fail('must not run'),
        6: () => assert.fail('must not run'),
      },
    });
    assert.equal(upToDate.written.length, 0);
  });

  test('a migration whose result fails the schema writes nothing', async () => {
    const adapter = new FakeAdapter({ version: 0 });
    await assert.rejects(
      Store.open({
        adapter,
        label: 'memory',
        migrations: {
          1: () => ({ blacklist: 'nope' }),
          2: (d) => d,
          3: (d) => d,
          4: (d) => d,
          5: (d) => d,
          6: (d) => ({ ...current(), ...d }),
        },
      }),
      {
        name: 'StoreCorruptError',
        message:
          'store memory fails the schema (blacklist: Invalid input: expected array, received string); it was left untouched. Move it aside (or restore a backup) and start again, or start with --move-corrupt-store',
      },
    );
    assert.equal(adapter.written.length, 0);
  });

  test('a migration that throws is a StoreCorruptError and writes nothing', async () => {
    const adapter = new FakeAdapter({ version: 0 });
    await assert.rejects(
      Store.open({
        adapter,
        label: 'memory',
        migrations: {
          1: () => {
            throw new Error('cannot convert the old shape');
          },
        },
      }),
      {
        name: 'StoreCorruptError',
        message: /^store memory cannot convert the old shape; it was left untouched\./,
      },
    );
    assert.equal(adapter.written.length, 0);
  });

  test('works with lowdb’s Memory adapter', async () => {
    const store = await Store.open({ adapter: new Memory<StoreData>(), label: 'memory' });
    assert.deepEqual(store.data, current());
    assert.equal(await push(store, '1.2.3.4'), '1.2.3.4');
    assert.equal(store.commitCount, 1);
  });
});

describe('Store.mutate', () => {
  test('applies at once, resolves with the result once written', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    const pending = push(store, '1.2.3.4');
    assert.deepEqual(targets(store), ['1.2.3.4']);
    assert.equal(adapter.written.length, 0);
    assert.equal(await pending, '1.2.3.4');
    assert.equal(adapter.written.length, 1);
    assert.deepEqual(JSON.parse(adapter.written[0] as string).blacklist, [entry('1.2.3.4')]);
  });

  test('group commit: 50 mutations in one tick share far fewer than 50 writes', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    const all = Array.from({ length: 50 }, (_, i) => push(store, `10.0.0.${i}`));
    const results = await Promise.all(all);
    assert.deepEqual(
      results,
      Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`),
    );
    assert.ok(store.commitCount < 50, `commitCount ${store.commitCount}`);
    assert.equal(store.commitCount, adapter.written.length);
    assert.deepEqual(targets(store), results);
    assert.deepEqual(
      (JSON.parse(adapter.written.at(-1) as string) as StoreData).blacklist.map((e) => e.target),
      results,
    );
  });

  test('mutations arriving during a write are committed together by the next write', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    adapter.hold();
    const first = push(store, '1.1.1.1');
    await ticks();
    assert.equal(adapter.started, 1);
    const later = [push(store, '2.2.2.2'), push(store, '3.3.3.3'), push(store, '4.4.4.4')];
    await ticks();
    assert.equal(adapter.started, 1, 'no second write while the first is in flight');
    adapter.release();
    await Promise.all([first, ...later]);
    assert.equal(store.commitCount, 2);
    assert.equal(adapter.written.length, 2);
    assert.deepEqual(
      JSON.parse(adapter.written[1] as string).blacklist.map((e: BlacklistEntry) => e.target),
      ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'],
    );
  });

  test('a failed write undoes the change and rejects with STORE_WRITE_FAILED; later mutations work', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    await push(store, '1.1.1.1');
    adapter.failWith = new Error('ENOSPC: no space left on device');
    const failing = push(store, '2.2.2.2');
    assert.deepEqual(targets(store), ['1.1.1.1', '2.2.2.2']);
    await assert.rejects(failing, (error: unknown) => {
      assert.equal((error as { code: string }).code, 'STORE_WRITE_FAILED');
      assert.equal((error as Error).name, 'StoreWriteError');
      assert.equal(
        (error as Error).message,
        'could not write the store memory: ENOSPC: no space left on device',
      );
      assert.equal((error as Error).cause, adapter.failWith);
      return true;
    });
    assert.deepEqual(targets(store), ['1.1.1.1']);
    assert.equal(store.commitCount, 1);

    adapter.failWith = null;
    assert.equal(await push(store, '3.3.3.3'), '3.3.3.3');
    assert.deepEqual(targets(store), ['1.1.1.1', '3.3.3.3']);
    assert.equal(store.commitCount, 2);
    assert.deepEqual(
      JSON.parse(adapter.written.at(-1) as string).blacklist.map((e: BlacklistEntry) => e.target),
      ['1.1.1.1', '3.3.3.3'],
    );
  });

  test('a failed write also undoes the batch queued behind it, newest first', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    await push(store, 'base');
    const undone: string[] = [];
    const tracked = (target: string) =>
      store.mutate(() => {
        const e = entry(target);
        store.data.blacklist.push(e);
        return {
          result: target,
          undo: () => {
            undone.push(target);
            store.data.blacklist.splice(store.data.blacklist.indexOf(e), 1);
          },
        };
      });
    adapter.hold();
    adapter.failWith = new Error('EIO');
    const a = tracked('a');
    const b = tracked('b');
    await ticks();
    const c = tracked('c');
    const d = tracked('d');
    adapter.release();
    const outcomes = await Promise.allSettled([a, b, c, d]);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.equal(
        (outcome as PromiseRejectedResult).reason.message,
        'could not write the store memory: EIO',
      );
    }
    assert.deepEqual(undone, ['d', 'c', 'b', 'a']);
    assert.deepEqual(targets(store), ['base']);
    assert.equal(
      adapter.started,
      2,
      'base, then a+b; the queued c+d batch is not written after the failure',
    );
  });

  test('a mutation whose apply throws changes nothing and rejects with that error', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    await assert.rejects(
      store.mutate(() => {
        throw new Error('refused');
      }),
      { message: 'refused' },
    );
    await store.flush();
    assert.equal(adapter.started, 0);
  });
});

describe('Store.flush', () => {
  test('resolves at once when nothing is pending', async () => {
    const store = await Store.open({ adapter: new FakeAdapter(), label: 'memory' });
    await store.flush();
  });

  test('waits for the writes in flight and queued, and does not reject on failure', async () => {
    const adapter = new FakeAdapter();
    const store = await Store.open({ adapter, label: 'memory' });
    adapter.hold();
    const first = push(store, '1.1.1.1');
    await ticks();
    const second = push(store, '2.2.2.2');
    let flushed = false;
    const flushing = store.flush().then(() => (flushed = true));
    await ticks();
    assert.equal(flushed, false);
    adapter.release();
    await flushing;
    assert.equal(store.commitCount, 2);
    await Promise.all([first, second]);

    adapter.failWith = new Error('EIO');
    const failing = push(store, '3.3.3.3');
    await store.flush();
    await assert.rejects(failing, { code: 'STORE_WRITE_FAILED' });
  });
});
