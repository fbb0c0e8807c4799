import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activeWindow, compileSchedule, inWindow, MaintenanceWindows } from '../../../../../daemon/monitoring/alerts/maintenance.js';
import type { MaintenanceInfo } from '../../../../../src/protocol/schemas.js';
import { auditOf, HOUR, iso, MINUTE, refuses, rejects, setup, T0 } from './alerting-fixtures.js';

let seq = 0;
/** A window with a fresh id (compiled schedules are cached by id). */
function window(overrides: Partial<MaintenanceInfo> = {}): MaintenanceInfo {
  seq++;
  return {
    id: `w${seq}-0000`,
    schedule: '0 3 * * *',
    durationMs: HOUR,
    rule: null,
    timezone: 'UTC',
    comment: 'nightly backup',
    createdBy: 'alice',
    createdAt: iso(T0),
    nextStart: null,
    ...overrides,
  };
}

/** 03:00 UTC on T0's day. */
const START = T0 + 3 * HOUR;

describe('compileSchedule', () => {
  test('accepts 5- and 6-field cron in UTC or an IANA zone', () => {
    assert.equal(compileSchedule('0 3 * * *').nextRun(new Date(T0))?.toISOString(), iso(START));
    assert.equal(compileSchedule('30 0 3 * * *').nextRun(new Date(T0))?.toISOString(), iso(START + 30_000));
    // 03:00 in Paris is 02:00 UTC in winter.
    assert.equal(compileSchedule('0 3 * * *', 'Europe/Paris').nextRun(new Date(T0))?.toISOString(), iso(T0 + 2 * HOUR));
  });

  test('a bad time zone is refused before the schedule is read', () => {
    refuses(() => compileSchedule('0 3 * * *', 'Mars/Base'), 'INVALID_INPUT', "'Mars/Base' is not a time zone (use an IANA name like UTC or Europe/Paris)", 'timezone');
    refuses(() => compileSchedule('not cron', 'Nowhere'), 'INVALID_INPUT', "'Nowhere' is not a time zone (use an IANA name like UTC or Europe/Paris)", 'timezone');
  });

  test('a bad schedule is refused with what croner found wrong', () => {
    refuses(
      () => compileSchedule('bad cron'),
      'INVALID_INPUT',
      "schedule 'bad cron' is not a valid cron expression: CronPattern: invalid configuration format ('bad cron'), exactly five, six, or seven space separated parts are required.",
      'schedule',
    );
    refuses(() => compileSchedule('61 3 * * *'), 'INVALID_INPUT', "schedule '61 3 * * *' is not a valid cron expression: CronPattern: Invalid value for minute: 61", 'schedule');
  });
});

describe('inWindow', () => {
  test('from a start (inclusive) for the duration (end exclusive)', () => {
    const w = window();
    assert.equal(inWindow(w, START - 1), false, 'just before');
    assert.equal(inWindow(w, START), true, 'at the start');
    assert.equal(inWindow(w, START + 30 * MINUTE), true, 'inside');
    assert.equal(inWindow(w, START + HOUR - 1), true, 'last ms');
    assert.equal(inWindow(w, START + HOUR), false, 'at the end');
    assert.equal(inWindow(w, START + 5 * HOUR), false, 'later that day');
  });

  test('every occurrence counts, not only the first', () => {
    const w = window();
    assert.equal(inWindow(w, START + 24 * HOUR + MINUTE), true);
    assert.equal(inWindow(w, START + 24 * HOUR - MINUTE), false);
  });

  test('a 6-field schedule works to the second', () => {
    const w = window({ schedule: '30 0 3 * * *', durationMs: 1000 });
    assert.equal(inWindow(w, START + 29_999), false);
    assert.equal(inWindow(w, START + 30_000), true);
    assert.equal(inWindow(w, START + 30_999), true);
    assert.equal(inWindow(w, START + 31_000), false);
  });

  test('the schedule is read in the window time zone', () => {
    const w = window({ timezone: 'Europe/Paris' });
    assert.equal(inWindow(w, T0 + 2 * HOUR - 1), false);
    assert.equal(inWindow(w, T0 + 2 * HOUR), true);
    assert.equal(inWindow(w, START), false);
  });

  test('a weekly window (Sundays) is off on other days', () => {
    const w = window({ schedule: '0 3 * * 0' });
    // T0 is a Monday; the Sunday before is 4 January.
    assert.equal(inWindow(w, START), false);
    assert.equal(inWindow(w, START - 24 * HOUR), true);
  });
});

describe('activeWindow', () => {
  test('a window for one rule mutes only that rule; one for all rules mutes every rule', () => {
    const one = window({ rule: 'DiskBusy' });
    const all = window({ rule: null });
    assert.equal(activeWindow([one], 'DiskBusy', START), one);
    assert.equal(activeWindow([one], 'HighCPU', START), null);
    assert.equal(activeWindow([all], 'HighCPU', START), all);
    assert.equal(activeWindow([one, all], 'DiskBusy', START), one);
    assert.equal(activeWindow([one, all], 'HighCPU', START), all);
  });

  test('is null outside every window, or with none', () => {
    assert.equal(activeWindow([window(), window({ rule: 'DiskBusy' })], 'DiskBusy', START - 1), null);
    assert.equal(activeWindow([], 'DiskBusy', START), null);
  });
});

describe('MaintenanceWindows', () => {
  test('add stores the window, audits it and reports the next start', async () => {
    const { clock, store, audit, events } = await setup();
    const windows = new MaintenanceWindows(store, clock, audit);
    const added = await windows.add({ schedule: '0 3 * * *', durationMs: 2 * HOUR, comment: 'backups' }, 'alice');
    assert.match(added.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(added, {
      id: added.id,
      schedule: '0 3 * * *',
      durationMs: 2 * HOUR,
      rule: null,
      timezone: 'UTC',
      comment: 'backups',
      createdBy: 'alice',
      createdAt: iso(T0),
      nextStart: iso(START),
    });
    assert.deepEqual(windows.list(), [added]);
    assert.deepEqual(store.data.maintenance, [added]);
    assert.deepEqual(events.map(auditOf), [
      { type: 'maintenance.added', actor: 'alice', subject: added.id, outcome: 'success', details: { schedule: '0 3 * * *', durationMs: 2 * HOUR, rule: null } },
    ]);
  });

  test('add keeps the rule and time zone given', async () => {
    const { clock, store, audit } = await setup();
    const windows = new MaintenanceWindows(store, clock, audit);
    const added = await windows.add({ schedule: '0 3 * * *', durationMs: HOUR, rule: 'DiskBusy', timezone: 'Europe/Paris', comment: 'c' }, 'bob');
    assert.equal(added.rule, 'DiskBusy');
    assert.equal(added.timezone, 'Europe/Paris');
    assert.equal(added.nextStart, iso(T0 + 2 * HOUR));
    assert.equal(activeWindow(windows.list(), 'DiskBusy', T0 + 2 * HOUR), added);
  });

  test('add refuses a bad schedule or zone and stores nothing', async () => {
    const { clock, store, audit, events } = await setup();
    const windows = new MaintenanceWindows(store, clock, audit);
    await rejects(windows.add({ schedule: '61 3 * * *', durationMs: HOUR, comment: 'c' }, 'alice'), 'INVALID_INPUT', "schedule '61 3 * * *' is not a valid cron expression: CronPattern: Invalid value for minute: 61", 'schedule');
    await rejects(windows.add({ schedule: '0 3 * * *', durationMs: HOUR, timezone: 'Mars/Base', comment: 'c' }, 'alice'), 'INVALID_INPUT', "'Mars/Base' is not a time zone (use an IANA name like UTC or Europe/Paris)", 'timezone');
    assert.deepEqual(windows.list(), []);
    assert.deepEqual(events, []);
  });

  test('remove takes the id or its first characters, audits and returns the window', async () => {
    const { clock, store, audit, events } = await setup();
    const windows = new MaintenanceWindows(store, clock, audit);
    const a = await windows.add({ schedule: '0 3 * * *', durationMs: HOUR, comment: 'a' }, 'alice');
    const b = await windows.add({ schedule: '0 4 * * *', durationMs: HOUR, comment: 'b' }, 'alice');
    assert.deepEqual(await windows.remove(a.id.slice(0, 8), 'bob'), a);
    assert.deepEqual(windows.list(), [b]);
    assert.deepEqual(await windows.remove(b.id, 'bob'), b);
    assert.deepEqual(store.data.maintenance, []);
    assert.deepEqual(events.slice(2).map(auditOf), [
      { type: 'maintenance.removed', actor: 'bob', subject: a.id, outcome: 'success', details: {} },
      { type: 'maintenance.removed', actor: 'bob', subject: b.id, outcome: 'success', details: {} },
    ]);
  });

  test('remove of an unknown id is NOT_FOUND', async () => {
    const { clock, store, audit } = await setup();
    const windows = new MaintenanceWindows(store, clock, audit);
    await rejects(windows.remove('nope', 'alice'), 'NOT_FOUND', "no maintenance window with id 'nope'");
  });
});
