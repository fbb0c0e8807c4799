import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Adapter } from 'lowdb';
import { Memory } from 'lowdb';
import type { BlacklistChange, BlacklistEntry } from '../../../../src/protocol/schemas.js';
import { ManualClock } from '../../../../daemon/clock.js';
import { type AuditEvent, AuditLog } from '../../../../daemon/security/audit-log.js';
import { Blacklist } from '../../../../daemon/security/blacklist.js';
import { emptyStore, type StoreData } from '../../../../daemon/store/schema.js';
import { Store } from '../../../../daemon/store/store.js';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A memory adapter whose writes can be made to fail. */
class FlakyMemory implements Adapter<StoreData> {
  fail = false;
  private data: StoreData | null = null;
  async read(): Promise<StoreData | null> {
    return this.data;
  }
  async write(data: StoreData): Promise<void> {
    if (this.fail) throw new Error('EIO: i/o error');
    this.data = data;
  }
}

async function setup(adapter: Adapter<StoreData> = new Memory<StoreData>()) {
  const clock = new ManualClock(T0);
  const store = await Store.open({ adapter, label: 'memory' });
  const { log: audit } = await AuditLog.open({ file: null, clock });
  const blacklist = new Blacklist(store, audit, clock);
  const changes: BlacklistChange[] = [];
  blacklist.on('change', (change: BlacklistChange) => changes.push(change));
  const events: AuditEvent[] = [];
  audit.subscribe((event) => events.push(event));
  return { clock, store, blacklist, changes, events };
}

const targetsOf = (entries: BlacklistEntry[]): string[] => entries.map((e) => e.target);

describe('Blacklist.add', () => {
  test('adds an entry with canonical target, times, source and actor; audits and emits', async () => {
    const { blacklist, changes, events, store } = await setup();
    const { entry, created } = await blacklist.add('203.0.113.7', {
      actor: 'alice',
      reason: 'scanner',
    });
    assert.equal(created, true);
    assert.deepEqual(entry, {
      target: '203.0.113.7',
      family: 4,
      prefixLength: 32,
      source: 'manual',
      reason: 'scanner',
      createdAt: iso(T0),
      updatedAt: iso(T0),
      expiresAt: null,
      createdBy: 'alice',
    });
    assert.deepEqual(blacklist.list(), [entry]);
    assert.deepEqual(store.data.blacklist, [entry]);
    assert.deepEqual(changes, [{ action: 'added', entry }]);
    assert.equal(events.length, 1);
    assert.deepEqual(
      {
        type: events[0]?.type,
        actor: events[0]?.actor,
        subject: events[0]?.subject,
        outcome: events[0]?.outcome,
        details: events[0]?.details,
      },
      {
        type: 'blacklist.added',
        actor: 'alice',
        subject: '203.0.113.7',
        outcome: 'success',
        details: { source: 'manual', reason: 'scanner', expiresAt: null },
      },
    );
  });

  test('defaults: empty reason, manual source, permanent', async () => {
    const { blacklist } = await setup();
    const { entry } = await blacklist.add('1.2.3.4', { actor: 'a' });
    assert.equal(entry.reason, '');
    assert.equal(entry.source, 'manual');
    assert.equal(entry.expiresAt, null);
    const auto = await blacklist.add('5.6.7.8', { actor: 'system', source: 'auto', ttlMs: null });
    assert.equal(auto.entry.source, 'auto');
    assert.equal(auto.entry.expiresAt, null);
  });

  test('ttlMs sets the expiry from the clock', async () => {
    const { blacklist } = await setup();
    const { entry } = await blacklist.add('1.2.3.4', { actor: 'a', ttlMs: 3_600_000 });
    assert.equal(entry.expiresAt, iso(T0 + 3_600_000));
  });

  test('networks and IPv6 are stored in canonical form', async () => {
    const { blacklist } = await setup();
    assert.equal((await blacklist.add(' 10.0.0.0/8 ', { actor: 'a' })).entry.target, '10.0.0.0/8');
    const v6 = (await blacklist.add('2001:DB8:0:0::/32', { actor: 'a' })).entry;
    assert.deepEqual([v6.target, v6.family, v6.prefixLength], ['2001:db8::/32', 6, 32]);
    assert.equal(
      (await blacklist.add('::ffff:192.168.0.0/112', { actor: 'a' })).entry.target,
      '192.168.0.0/16',
    );
    assert.equal((await blacklist.add('1.2.3.4/32', { actor: 'a' })).entry.target, '1.2.3.4');
  });

  test('adding the same target again updates reason and expiry, keeping creation facts', async () => {
    const { blacklist, clock, changes, events } = await setup();
    const first = (await blacklist.add('1.2.3.4', { actor: 'alice', reason: 'old', ttlMs: 1000 }))
      .entry;
    clock.advance(500);
    const { entry, created } = await blacklist.add('::ffff:1.2.3.4', {
      actor: 'bob',
      reason: 'new',
      ttlMs: 60_000,
      source: 'auto',
    });
    assert.equal(created, false);
    assert.deepEqual(entry, {
      ...first,
      reason: 'new',
      source: 'auto',
      expiresAt: iso(T0 + 500 + 60_000),
      updatedAt: iso(T0 + 500),
    });
    assert.equal(entry.createdBy, 'alice');
    assert.equal(entry.createdAt, iso(T0));
    assert.deepEqual(blacklist.list(), [entry]);
    assert.deepEqual(blacklist.check('1.2.3.4'), entry);
    assert.deepEqual(
      changes.map((c) => c.action),
      ['added', 'updated'],
    );
    assert.deepEqual(changes[1], { action: 'updated', entry });
    assert.deepEqual(
      events.map((e) => [e.type, e.actor]),
      [
        ['blacklist.added', 'alice'],
        ['blacklist.updated', 'bob'],
      ],
    );
  });

  test('an update without a reason keeps the old one; without ttlMs the entry becomes permanent', async () => {
    const { blacklist } = await setup();
    await blacklist.add('1.2.3.4', { actor: 'a', reason: 'keep me', ttlMs: 1000 });
    const { entry } = await blacklist.add('1.2.3.4', { actor: 'a' });
    assert.equal(entry.reason, 'keep me');
    assert.equal(entry.expiresAt, null);
    assert.equal(entry.source, 'manual');
  });

  test('a bad target is refused with INVALID_INPUT naming the field; nothing changes', async () => {
    const { blacklist, changes } = await setup();
    await assert.rejects(blacklist.add('999.1.1.1', { actor: 'a' }), {
      code: 'INVALID_INPUT',
      message:
        "'999.1.1.1' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
      details: { field: 'target' },
    });
    await assert.rejects(blacklist.add('10.0.0.1/8', { actor: 'a' }), {
      code: 'INVALID_INPUT',
      message: "'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?",
    });
    assert.deepEqual(blacklist.list(), []);
    assert.deepEqual(changes, []);
  });

  test('adds in the same tick all land', async () => {
    const { blacklist, store } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => blacklist.add(`10.0.0.${i}`, { actor: 'a' })),
    );
    assert.ok(results.every((r) => r.created));
    assert.equal(blacklist.list().length, 20);
    assert.ok(store.commitCount < 20);
  });
});

describe('Blacklist.remove', () => {
  test('removes the entry, audits and emits', async () => {
    const { blacklist, changes, events } = await setup();
    const { entry } = await blacklist.add('1.2.3.4', { actor: 'a', reason: 'r' });
    const removed = await blacklist.remove('::ffff:1.2.3.4', 'bob');
    assert.deepEqual(removed, entry);
    assert.deepEqual(blacklist.list(), []);
    assert.equal(blacklist.check('1.2.3.4'), null);
    assert.deepEqual(changes, [
      { action: 'added', entry },
      { action: 'removed', entry },
    ]);
    assert.deepEqual(
      {
        type: events[1]?.type,
        actor: events[1]?.actor,
        subject: events[1]?.subject,
        details: events[1]?.details,
      },
      {
        type: 'blacklist.removed',
        actor: 'bob',
        subject: '1.2.3.4',
        details: { source: 'manual' },
      },
    );
  });

  test('an entry that is not there is NOT_FOUND with the canonical target', async () => {
    const { blacklist } = await setup();
    await assert.rejects(blacklist.remove('1.2.3.4', 'a'), {
      code: 'NOT_FOUND',
      name: 'NotFoundError',
      message: '1.2.3.4 is not on the blacklist',
    });
    await assert.rejects(blacklist.remove('2001:DB8::0:1', 'a'), {
      code: 'NOT_FOUND',
      message: '2001:db8::1 is not on the blacklist',
    });
  });

  test('removes exactly the target: a network does not remove a host in it, nor the reverse', async () => {
    const { blacklist } = await setup();
    await blacklist.add('10.1.2.3', { actor: 'a' });
    await blacklist.add('10.0.0.0/8', { actor: 'a' });
    await assert.rejects(blacklist.remove('10.1.0.0/16', 'a'), {
      code: 'NOT_FOUND',
      message: '10.1.0.0/16 is not on the blacklist',
    });
    await blacklist.remove('10.0.0.0/8', 'a');
    assert.deepEqual(targetsOf(blacklist.list()), ['10.1.2.3']);
    assert.equal(blacklist.check('10.9.9.9'), null);
    assert.equal(blacklist.check('10.1.2.3')?.target, '10.1.2.3');
  });

  test('a bad target is INVALID_INPUT', async () => {
    const { blacklist } = await setup();
    await assert.rejects(blacklist.remove('nope', 'a'), {
      code: 'INVALID_INPUT',
      details: { field: 'target' },
    });
  });
});

describe('Blacklist.check', () => {
  test('matches hosts and networks, the most specific first', async () => {
    const { blacklist } = await setup();
    await blacklist.add('10.0.0.0/8', { actor: 'a', reason: 'wide' });
    await blacklist.add('10.1.2.3', { actor: 'a', reason: 'host' });
    await blacklist.add('10.1.0.0/16', { actor: 'a', reason: 'narrow' });
    assert.equal(blacklist.check('10.1.2.3')?.reason, 'host');
    assert.equal(blacklist.check('10.1.9.9')?.reason, 'narrow');
    assert.equal(blacklist.check('10.200.0.1')?.reason, 'wide');
    assert.equal(blacklist.check('11.0.0.1'), null);
  });

  test('IPv6 networks match addresses inside them only', async () => {
    const { blacklist } = await setup();
    await blacklist.add('2001:db8::/32', { actor: 'a' });
    assert.equal(blacklist.check('2001:db8:ffff::1')?.target, '2001:db8::/32');
    assert.equal(blacklist.check('2001:db9::1'), null);
    // The families never mix.
    assert.equal(blacklist.check('32.1.13.184'), null);
  });

  test('/0 matches everything of its family', async () => {
    const { blacklist } = await setup();
    await blacklist.add('0.0.0.0/0', { actor: 'a' });
    assert.equal(blacklist.check('198.51.100.1')?.target, '0.0.0.0/0');
    assert.equal(blacklist.check('::1'), null);
  });

  test('an IPv4-mapped address matches the IPv4 entry', async () => {
    const { blacklist } = await setup();
    await blacklist.add('203.0.113.7', { actor: 'a' });
    await blacklist.add('198.51.100.0/24', { actor: 'a' });
    assert.equal(blacklist.check('::ffff:203.0.113.7')?.target, '203.0.113.7');
    assert.equal(blacklist.check('::ffff:c633:6401')?.target, '198.51.100.0/24');
  });

  test('expired entries do not match; a wider entry still in force does', async () => {
    const { blacklist, clock } = await setup();
    await blacklist.add('10.1.2.3', { actor: 'a', ttlMs: 1000, reason: 'host' });
    await blacklist.add('192.0.2.1', { actor: 'a', ttlMs: 1000 });
    clock.advance(999);
    assert.equal(blacklist.check('10.1.2.3')?.reason, 'host');
    await blacklist.add('10.0.0.0/8', { actor: 'a', reason: 'wide' });
    clock.advance(1);
    assert.equal(blacklist.check('10.1.2.3')?.reason, 'wide');
    assert.equal(blacklist.check('192.0.2.1'), null);
  });

  test('a bad address, or a network, is INVALID_INPUT on field ip', () => {
    return setup().then(({ blacklist }) => {
      assert.throws(() => blacklist.check('10.0.0.0/8'), {
        code: 'INVALID_INPUT',
        message:
          "'10.0.0.0/8' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
        details: { field: 'ip' },
      });
    });
  });
});

describe('Blacklist.check, asked again about the same addresses', () => {
  test('an address checked before sees entries added and removed since', async () => {
    const { blacklist } = await setup();
    assert.equal(blacklist.check('10.1.2.3'), null);
    assert.equal(blacklist.check(' 10.1.2.3 '), null);
    await blacklist.add('10.0.0.0/8', { actor: 'a', reason: 'wide' });
    assert.equal(blacklist.check('10.1.2.3')?.reason, 'wide');
    assert.equal(blacklist.check(' 10.1.2.3 ')?.reason, 'wide');
    await blacklist.add('10.1.2.3', { actor: 'a', reason: 'host' });
    assert.equal(blacklist.check('10.1.2.3')?.reason, 'host');
    await blacklist.remove('10.0.0.0/8', 'a');
    await blacklist.remove('10.1.2.3', 'a');
    assert.equal(blacklist.check('10.1.2.3'), null);
  });

  test('more distinct addresses than it remembers are all still checked right', async () => {
    const { blacklist } = await setup();
    await blacklist.add('10.0.0.0/16', { actor: 'a' });
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 1500; i++) {
        const ip = `10.${i % 2}.${Math.floor(i / 256)}.${i % 256}`;
        assert.equal(blacklist.check(ip)?.target ?? null, i % 2 === 0 ? '10.0.0.0/16' : null, ip);
      }
  });

  test('a bad address is refused every time it is asked about', async () => {
    const { blacklist } = await setup();
    for (let i = 0; i < 2; i++)
      assert.throws(() => blacklist.check('300.0.0.1'), {
        code: 'INVALID_INPUT',
        message:
          "'300.0.0.1' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
      });
  });
});

describe('expiry', () => {
  test('list excludes expired entries until they are removed', async () => {
    const { blacklist, clock, store } = await setup();
    await blacklist.add('1.1.1.1', { actor: 'a', ttlMs: 1000 });
    await blacklist.add('2.2.2.2', { actor: 'a' });
    clock.advance(1000);
    assert.deepEqual(targetsOf(blacklist.list()), ['2.2.2.2']);
    assert.equal(store.data.blacklist.length, 2);
  });

  test('expireDue removes due entries, audits them as system and emits expired', async () => {
    const { blacklist, clock, changes, events, store } = await setup();
    const a = (await blacklist.add('1.1.1.1', { actor: 'a', ttlMs: 1000 })).entry;
    const b = (await blacklist.add('10.0.0.0/8', { actor: 'a', ttlMs: 2000 })).entry;
    await blacklist.add('3.3.3.3', { actor: 'a', ttlMs: 10_000 });
    await blacklist.add('2.2.2.2', { actor: 'a' });
    changes.length = 0;
    events.length = 0;

    assert.equal(await blacklist.expireDue(), 0);
    clock.advance(2000);
    assert.equal(await blacklist.expireDue(), 2);
    assert.deepEqual(changes, [
      { action: 'expired', entry: a },
      { action: 'expired', entry: b },
    ]);
    assert.deepEqual(
      events.map((e) => [e.type, e.actor, e.subject, e.outcome, e.details]),
      [
        ['blacklist.expired', 'system', '1.1.1.1', 'info', { expiresAt: a.expiresAt }],
        ['blacklist.expired', 'system', '10.0.0.0/8', 'info', { expiresAt: b.expiresAt }],
      ],
    );
    assert.deepEqual(targetsOf(store.data.blacklist), ['3.3.3.3', '2.2.2.2']);
    assert.equal(blacklist.check('10.5.5.5'), null);
    assert.equal(await blacklist.expireDue(), 0);
  });

  test('msUntilNextExpiry', async () => {
    const { blacklist, clock } = await setup();
    assert.equal(blacklist.msUntilNextExpiry(), null);
    await blacklist.add('2.2.2.2', { actor: 'a' });
    assert.equal(blacklist.msUntilNextExpiry(), null);
    await blacklist.add('1.1.1.1', { actor: 'a', ttlMs: 5000 });
    await blacklist.add('3.3.3.3', { actor: 'a', ttlMs: 2000 });
    assert.equal(blacklist.msUntilNextExpiry(), 2000);
    clock.advance(500);
    assert.equal(blacklist.msUntilNextExpiry(), 1500);
    clock.advance(10_000);
    assert.equal(blacklist.msUntilNextExpiry(), 0);
    await blacklist.expireDue();
    assert.equal(blacklist.msUntilNextExpiry(), null);
  });
});

describe('loading and failures', () => {
  test('entries already in the store are indexed on construction', async () => {
    const memory = new Memory<StoreData>();
    const first = await setup(memory);
    await first.blacklist.add('10.0.0.0/8', { actor: 'a' });
    await first.blacklist.add('2001:db8::1', { actor: 'a' });
    const second = await setup(memory);
    assert.equal(second.blacklist.check('10.2.3.4')?.target, '10.0.0.0/8');
    assert.equal(second.blacklist.check('2001:db8::1')?.target, '2001:db8::1');
    assert.equal(second.blacklist.check('2001:db8::2'), null);
  });

  test('a failed store write on add leaves list and index unchanged, with no event', async () => {
    const adapter = new FlakyMemory();
    await adapter.write(emptyStore());
    const { blacklist, changes, events } = await setup(adapter);
    await blacklist.add('1.1.1.1', { actor: 'a' });
    changes.length = 0;
    events.length = 0;
    adapter.fail = true;
    await assert.rejects(blacklist.add('10.0.0.0/8', { actor: 'a' }), {
      code: 'STORE_WRITE_FAILED',
      message: 'could not write the store memory: EIO: i/o error',
    });
    assert.deepEqual(targetsOf(blacklist.list()), ['1.1.1.1']);
    assert.equal(blacklist.check('10.1.1.1'), null);
    assert.deepEqual(changes, []);
    assert.deepEqual(events, []);
    // Once writes work again, the same add succeeds as a new entry.
    adapter.fail = false;
    assert.equal((await blacklist.add('10.0.0.0/8', { actor: 'a' })).created, true);
    assert.equal(blacklist.check('10.1.1.1')?.target, '10.0.0.0/8');
  });

  test('a failed store write on update keeps the old entry', async () => {
    const adapter = new FlakyMemory();
    const { blacklist, clock } = await setup(adapter);
    const old = (await blacklist.add('1.1.1.1', { actor: 'a', reason: 'old' })).entry;
    adapter.fail = true;
    clock.advance(100);
    await assert.rejects(blacklist.add('1.1.1.1', { actor: 'a', reason: 'new', ttlMs: 5 }), {
      code: 'STORE_WRITE_FAILED',
    });
    assert.deepEqual(blacklist.list(), [old]);
    assert.deepEqual(blacklist.check('1.1.1.1'), old);
    adapter.fail = false;
    const { entry, created } = await blacklist.add('1.1.1.1', { actor: 'a', reason: 'newer' });
    assert.equal(created, false);
    assert.equal(entry.reason, 'newer');
  });

  test('a failed store write on remove keeps the entry in list and index', async () => {
    const adapter = new FlakyMemory();
    const { blacklist, changes } = await setup(adapter);
    await blacklist.add('10.0.0.0/8', { actor: 'a' });
    await blacklist.add('10.1.0.0/16', { actor: 'a' });
    changes.length = 0;
    adapter.fail = true;
    await assert.rejects(blacklist.remove('10.1.0.0/16', 'a'), { code: 'STORE_WRITE_FAILED' });
    assert.deepEqual(targetsOf(blacklist.list()), ['10.0.0.0/8', '10.1.0.0/16']);
    assert.equal(blacklist.check('10.1.5.5')?.target, '10.1.0.0/16');
    assert.deepEqual(changes, []);
    adapter.fail = false;
    await blacklist.remove('10.1.0.0/16', 'a');
    assert.equal(blacklist.check('10.1.5.5')?.target, '10.0.0.0/8');
  });
});
