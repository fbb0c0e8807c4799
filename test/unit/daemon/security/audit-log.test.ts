import assert from 'node:assert/strict';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  unlink,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import {
  type AuditEvent,
  type AuditInput,
  AuditLog,
  GENESIS_HASH,
  hashEvent,
  RECENT_LIMIT,
} from '../../../../daemon/security/audit-log.js';

const input = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  type: 'test.event',
  actor: 'tester',
  outcome: 'info',
  details: { n },
  ...extra,
});

async function readEvents(file: string): Promise<AuditEvent[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEvent);
}

/** Checks that `events` form an unbroken chain starting from `prev`. */
function assertChain(events: AuditEvent[], prev = GENESIS_HASH, firstSeq = 1): void {
  let expected = prev;
  events.forEach((event, i) => {
    assert.equal(event.prev, expected, `prev of seq ${event.seq}`);
    assert.equal(event.seq, firstSeq + i);
    const { hash, ...body } = event;
    assert.equal(hashEvent(body), hash, `hash of seq ${event.seq}`);
    expected = hash;
  });
}

describe('AuditLog', () => {
  let dir: string;
  let n = 0;
  const fresh = async (): Promise<string> => {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    return join(sub, 'events.jsonl');
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('hashEvent is SHA-256 over the JSON of the line without its hash', () => {
    const body = {
      id: 'i',
      seq: 1,
      time: '2026-01-01T00:00:00.000Z',
      type: 't',
      actor: 'a',
      subject: null,
      ip: null,
      outcome: 'info' as const,
      details: {},
      prev: GENESIS_HASH,
    };
    assert.match(hashEvent(body), /^[0-9a-f]{64}$/);
    assert.equal(hashEvent(body), hashEvent({ ...body }));
    assert.notEqual(hashEvent(body), hashEvent({ ...body, actor: 'b' }));
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  test('appends a hash chain: first prev is GENESIS_HASH, each prev the hash before', async () => {
    const file = await fresh();
    const clock = new ManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const { log, truncatedBytes } = await AuditLog.open({ file, clock });
    assert.equal(truncatedBytes, 0);
    const first = await log.append({
      type: 'blacklist.added',
      actor: 'alice',
      subject: '1.2.3.4',
      ip: '127.0.0.1',
      outcome: 'success',
      details: { reason: 'x' },
    });
    clock.advance(1000);
    const second = await log.append(input(2));
    const third = await log.append(input(3));
    await log.close();

    assert.match(first.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...first, id: '', hash: '' },
      {
        id: '',
        seq: 1,
        time: '2026-01-02T03:04:05.000Z',
        type: 'blacklist.added',
        actor: 'alice',
        subject: '1.2.3.4',
        ip: '127.0.0.1',
        outcome: 'success',
        details: { reason: 'x' },
        prev: GENESIS_HASH,
        hash: '',
      },
    );
    assert.equal(second.time, '2026-01-02T03:04:06.000Z');
    assert.equal(second.subject, null);
    assert.equal(second.ip, null);
    const onDisk = await readEvents(file);
    assert.deepEqual(onDisk, [first, second, third]);
    assertChain(onDisk);
  });

  test('details default to {}', async () => {
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock() });
    assert.deepEqual((await log.append({ type: 't', actor: 'a', outcome: 'info' })).details, {});
  });

  test('the file is created with mode 0600', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock() });
    await log.append(input(1));
    await log.close();
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  test('appends made together are all written, in order, chained', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock() });
    const events = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(input(i))));
    await log.close();
    assert.deepEqual(
      events.map((e) => e.seq),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const onDisk = await readEvents(file);
    assert.deepEqual(onDisk, events);
    assertChain(onDisk);
  });

  test('subscribers hear each event once it is durable; unsubscribe stops them', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock() });
    const heard: Array<{ seq: number; onDisk: number }> = [];
    const off = log.subscribe((event) => heard.push({ seq: event.seq, onDisk: -1 }));
    const first = await log.append(input(1));
    heard[0]!.onDisk = (await readEvents(file)).filter((e) => e.id === first.id).length;
    off();
    await log.append(input(2));
    await log.close();
    assert.deepEqual(heard, [{ seq: 1, onDisk: 1 }]);
  });

  test('reopening continues the sequence and the chain', async () => {
    const file = await fresh();
    const clock = new ManualClock();
    const a = await AuditLog.open({ file, clock });
    await a.log.append(input(1));
    const last = await a.log.append(input(2));
    await a.log.close();

    const b = await AuditLog.open({ file, clock });
    assert.equal(b.truncatedBytes, 0);
    const next = await b.log.append(input(3));
    await b.log.close();
    assert.equal(next.seq, 3);
    assert.equal(next.prev, last.hash);
    assertChain(await readEvents(file));
  });

  test('a torn last line is cut off on open; the next append chains from the last complete line', async () => {
    const file = await fresh();
    const clock = new ManualClock();
    const a = await AuditLog.open({ file, clock });
    await a.log.append(input(1));
    const last = await a.log.append(input(2));
    await a.log.close();
    const complete = await readFile(file, 'utf8');
    const torn = '{"id":"8f0c","seq":3,"time":"2026-01-01T00:00:00.000Z","ty';
    await writeFile(file, complete + torn);

    const b = await AuditLog.open({ file, clock });
    assert.equal(b.truncatedBytes, Buffer.byteLength(torn));
    assert.ok(b.truncatedBytes > 0);
    assert.equal(await readFile(file, 'utf8'), complete);
    const next = await b.log.append(input(3));
    await b.log.close();
    assert.equal(next.seq, 3);
    assert.equal(next.prev, last.hash);
    assertChain(await readEvents(file));
  });

  test('a file holding only a torn line is emptied and a new chain starts', async () => {
    const file = await fresh();
    await writeFile(file, '{"id":"x","se');
    const { log, truncatedBytes } = await AuditLog.open({ file, clock: new ManualClock() });
    assert.equal(truncatedBytes, 13);
    const first = await log.append(input(1));
    await log.close();
    assert.equal(first.seq, 1);
    assert.equal(first.prev, GENESIS_HASH);
    assert.deepEqual(await readEvents(file), [first]);
  });

  test('rotation keeps the chain across files: the new file starts from the last hash of .1', async () => {
    const file = await fresh();
    const pad = { pad: 'x'.repeat(200) };
    // Each line is a little over 500 bytes: two lines pass 800 and rotate, one does not.
    const { log } = await AuditLog.open({ file, clock: new ManualClock(), maxBytes: 800 });
    const e1 = await log.append(input(1, { details: pad }));
    const e2 = await log.append(input(2, { details: pad }));
    const e3 = await log.append(input(3, { details: pad }));
    await log.close();
    const rotated = await readEvents(`${file}.1`);
    const current = await readEvents(file);
    assert.deepEqual(rotated, [e1, e2]);
    assert.deepEqual(current, [e3]);
    assert.equal(current[0]?.prev, rotated.at(-1)?.hash);
    assertChain([...rotated, ...current]);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  test('rotation (before a write that finds the file full) shifts older files up and keeps only `keep` of them', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock(), maxBytes: 1, keep: 2 });
    const events: AuditEvent[] = [];
    for (let i = 1; i <= 4; i++) events.push(await log.append(input(i)));
    await log.close();
    const names = (await readdir(join(file, '..'))).sort();
    assert.deepEqual(names, ['events.jsonl', 'events.jsonl.1', 'events.jsonl.2']);
    assert.deepEqual(await readEvents(file), [events[3]]);
    assert.deepEqual(await readEvents(`${file}.1`), [events[2]]);
    assert.deepEqual(await readEvents(`${file}.2`), [events[1]]);
    assertChain(events);
  });

  test('reopening after a rotation continues the chain from the current file', async () => {
    const file = await fresh();
    const clock = new ManualClock();
    const a = await AuditLog.open({ file, clock, maxBytes: 1 });
    await a.log.append(input(1));
    const last = await a.log.append(input(2));
    await a.log.close();
    assert.deepEqual(await readEvents(file), [last]);

    const b = await AuditLog.open({ file, clock, maxBytes: 1 });
    const next = await b.log.append(input(3));
    await b.log.close();
    assert.equal(next.seq, 3);
    assert.equal(next.prev, last.hash);
  });

  test('with no current file but a rotated one, the chain continues from .1', async () => {
    const file = await fresh();
    const clock = new ManualClock();
    const a = await AuditLog.open({ file, clock });
    const last = await a.log.append(input(1));
    await a.log.close();
    await writeFile(`${file}.1`, await readFile(file));
    await unlink(file);
    const b = await AuditLog.open({ file, clock });
    const next = await b.log.append(input(2));
    await b.log.close();
    assert.equal(next.prev, last.hash);
    assert.equal(next.seq, 2);
  });

  test('memory mode (file: null) chains events and writes nothing', async () => {
    const before = await readdir(dir);
    const { log, truncatedBytes } = await AuditLog.open({ file: null, clock: new ManualClock() });
    assert.equal(truncatedBytes, 0);
    const events = [
      await log.append(input(1)),
      await log.append(input(2)),
      await log.append(input(3)),
    ];
    await log.close();
    assertChain(events);
    assert.deepEqual(await readdir(dir), before);
  });

  test('an append after close is rejected', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock() });
    await log.close();
    await assert.rejects(log.append(input(1)), { message: 'the audit log is closed' });
  });

  test('a failed write does not break the chain of later appends', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock() });
    await log.append(input(1));
    // Make the next write fail once, as a full disk would.
    const internals = log as unknown as { handle: FileHandle };
    const real = internals.handle;
    let failures = 1;
    internals.handle = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'write' && failures > 0) {
          failures--;
          return async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
            });
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await assert.rejects(log.append(input(2)), { code: 'ENOSPC' });
    await log.append(input(3));
    await log.close();
    assertChain(await readEvents(file));
  });

  test('a failed rotation does not stop later appends (here: the file was deleted while open)', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock(), maxBytes: 1 });
    await unlink(file);
    await log.append(input(1));
    const second = await log.append(input(2));
    await log.close();
    assert.deepEqual(
      (await readEvents(file)).map((e) => e.id),
      [second.id],
    );
  });

  test('recent() holds the newest events in both modes, oldest first, up to recentLimit', async () => {
    const file = await fresh();
    for (const target of [file, null]) {
      const { log } = await AuditLog.open({
        file: target,
        clock: new ManualClock(),
        recentLimit: 3,
      });
      assert.deepEqual(log.recent(), []);
      const events: AuditEvent[] = [];
      for (let i = 1; i <= 2; i++) events.push(await log.append(input(i)));
      assert.deepEqual(log.recent(), events);
      for (let i = 3; i <= 7; i++) events.push(await log.append(input(i)));
      assert.deepEqual(log.recent(), events.slice(-3));
      await log.close();
    }
  });

  test('recent() keeps 10 000 events by default, and none with recentLimit 0', async () => {
    assert.equal(RECENT_LIMIT, 10_000);
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock() });
    await Promise.all(Array.from({ length: 10_005 }, (_, i) => log.append(input(i))));
    const recent = log.recent();
    assert.equal(recent.length, 10_000);
    assert.deepEqual([recent[0]?.seq, recent.at(-1)?.seq], [6, 10_005]);
    const none = await AuditLog.open({ file: null, clock: new ManualClock(), recentLimit: 0 });
    await none.log.append(input(1));
    assert.deepEqual(none.log.recent(), []);
  });

  test('recent() holds read-only copies: changing an appended event does not change it', async () => {
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock() });
    const event = await log.append(input(1));
    event.actor = 'mallory';
    event.details.n = 99;
    const [kept] = log.recent();
    assert.equal(kept?.actor, 'tester');
    assert.deepEqual(kept?.details, { n: 1 });
    assert.ok(Object.isFrozen(kept));
  });

  test('a bad recentLimit is a TypeError', async () => {
    for (const recentLimit of [-1, 1.5, Number.NaN, '5']) {
      await assert.rejects(
        AuditLog.open({ file: null, clock: new ManualClock(), recentLimit: recentLimit as number }),
        { name: 'TypeError', message: '"recentLimit" option must be a non-negative integer' },
      );
    }
  });

  test('files() lists the log files that exist, oldest first; none in memory mode', async () => {
    const file = await fresh();
    const { log } = await AuditLog.open({ file, clock: new ManualClock(), maxBytes: 1, keep: 2 });
    assert.deepEqual(await log.files(), [file]);
    await log.append(input(1));
    await log.append(input(2));
    assert.deepEqual(await log.files(), [`${file}.1`, file]);
    await log.append(input(3));
    await log.append(input(4));
    await log.close();
    assert.deepEqual(await log.files(), [`${file}.2`, `${file}.1`, file]);
    const memory = await AuditLog.open({ file: null, clock: new ManualClock() });
    assert.deepEqual(await memory.log.files(), []);
  });
});
