import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import { EventWindow, WINDOW_MS } from '../../../../../daemon/security/engine/event-window.js';

const TYPES = ['login.failure', 'ip.banned'];
const event = (type: string) => ({ type, actor: 'system', outcome: 'info' as const });

describe('EventWindow', () => {
  let dir: string;
  let n = 0;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-window-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('counts chosen types as they are appended, over the last 24 hours', async () => {
    const clock = new ManualClock();
    const { log } = await AuditLog.open({ file: null, clock });
    const window = new EventWindow(log, TYPES, () => clock.now());
    await window.seed(); // memory mode: nothing to read
    await log.append(event('login.failure'));
    clock.advance(WINDOW_MS / 2);
    await log.append(event('login.failure'));
    await log.append(event('ip.banned'));
    await log.append(event('user.created'));
    assert.deepEqual(
      [window.count('login.failure'), window.count('ip.banned'), window.count('user.created')],
      [2, 1, 0],
    );
    clock.advance(WINDOW_MS / 2 + 1);
    assert.equal(window.count('login.failure'), 1, 'the first one is more than a day old');
    clock.advance(WINDOW_MS);
    assert.deepEqual([window.count('login.failure'), window.count('ip.banned')], [0, 0]);
    window.dispose();
    await log.append(event('ip.banned'));
    assert.equal(window.count('ip.banned'), 0, 'disposed: no longer listening');
  });

  test('keeps at most `cap` times per type', async () => {
    const clock = new ManualClock();
    const { log } = await AuditLog.open({ file: null, clock });
    const window = new EventWindow(log, TYPES, () => clock.now(), 3);
    for (let i = 0; i < 5; i++) await log.append(event('login.failure'));
    assert.equal(window.count('login.failure'), 3);
  });

  test('seed reads the last day from the files, without counting an event twice', async () => {
    const file = join(dir, `events-${++n}.jsonl`);
    const clock = new ManualClock();
    const first = (await AuditLog.open({ file, clock })).log;
    await first.append(event('login.failure')); // two days old by the time of the seed
    clock.advance(2 * WINDOW_MS);
    await first.append(event('login.failure'));
    await first.append(event('ip.banned'));
    await first.append(event('user.created'));
    await first.close();

    // A restart: a new log over the same file, with events appended before the seed.
    const { log } = await AuditLog.open({ file, clock });
    const window = new EventWindow(log, TYPES, () => clock.now());
    clock.advance(1000);
    await log.append(event('login.failure'));
    await window.seed();
    assert.deepEqual([window.count('login.failure'), window.count('ip.banned')], [2, 1]);
    await log.append(event('ip.banned'));
    assert.equal(window.count('ip.banned'), 2);
    clock.advance(WINDOW_MS);
    // The ones read from the file are now older than a day; those since are exactly a day old.
    assert.deepEqual([window.count('login.failure'), window.count('ip.banned')], [1, 1]);
    clock.advance(1);
    assert.deepEqual([window.count('login.failure'), window.count('ip.banned')], [0, 0]);
    window.dispose();
    await log.close();
  });
});
