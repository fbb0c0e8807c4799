/**
 * The libraries as a user imports them from the build: the in-process engines
 * (`clickup-brain`) and the daemon client (`clickup-brain/client`).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSystems } from '../../dist/daemon/index.js';
import { connect } from '../../dist/src/index.js';
import { tempHome } from '../helpers/home.js';
import {
  chainProblem,
  exists,
  isAlive,
  parseJson,
  readAudit,
  rejection,
  within,
} from '../helpers/integration.js';

describe('in-process engines, memory store', () => {
  it('add, check, list and remove blacklist entries', async (t) => {
    const systems = openSystems();
    t.after(() => systems.close());
    const { security } = systems;
    const added = await security.addToBlacklist('203.0.113.7', {
      reason: 'scanner',
      ttlMs: 3_600_000,
    });
    assert.equal(added.created, true);
    assert.equal(added.entry.target, '203.0.113.7');
    assert.equal(added.entry.createdBy, 'library');
    assert.ok(added.entry.expiresAt !== null);
    const net = await security.addToBlacklist('10.0.0.0/8');
    assert.equal(net.entry.expiresAt, null);
    assert.equal((await security.isBlacklisted('203.0.113.7'))?.reason, 'scanner');
    assert.equal((await security.isBlacklisted('10.200.0.1'))?.target, '10.0.0.0/8');
    assert.equal(await security.isBlacklisted('192.0.2.1'), null);
    assert.deepEqual(
      (await security.listBlacklist()).map((e) => e.target),
      ['203.0.113.7', '10.0.0.0/8'],
    );
    // An IPv4-mapped IPv6 address is the same entry as the IPv4 address it carries.
    const mapped = await security.addToBlacklist('::ffff:203.0.113.7', {
      reason: 'mapped',
      ttlMs: 60_000,
    });
    assert.equal(mapped.created, false);
    assert.equal(mapped.entry.target, '203.0.113.7');
    assert.equal((await security.isBlacklisted('::ffff:203.0.113.7'))?.reason, 'mapped');
    const updated = await security.addToBlacklist('203.0.113.7', { reason: 'again' });
    assert.equal(updated.created, false);
    assert.equal(updated.entry.expiresAt, null);

    const removed = await security.removeFromBlacklist('203.0.113.7');
    assert.equal(removed.target, '203.0.113.7');
    assert.equal(await security.isBlacklisted('203.0.113.7'), null);
    assert.deepEqual(
      (await security.listBlacklist()).map((e) => e.target),
      ['10.0.0.0/8'],
    );

    const missing = await rejection(security.removeFromBlacklist('203.0.113.7'));
    assert.equal(missing.code, 'NOT_FOUND');
    assert.equal(missing.message, '203.0.113.7 is not on the blacklist');
    const bad = await rejection(security.addToBlacklist('10.0.0.5/8'));
    assert.equal(bad.code, 'INVALID_INPUT');
    assert.match(bad.message, /did you mean 10\.0\.0\.0\/8\?/);
    const badCheck = await rejection(security.isBlacklisted('not an ip'));
    assert.equal(badCheck.code, 'INVALID_INPUT');
  });

  it('change listeners hear every change', async (t) => {
    const systems = openSystems({ actor: 'tests' });
    t.after(() => systems.close());
    const seen: string[] = [];
    const stop = await systems.security.onBlacklistChange((change) =>
      seen.push(`${change.action} ${change.entry.target} ${change.entry.createdBy}`),
    );
    await systems.security.addToBlacklist('192.0.2.1');
    await systems.security.addToBlacklist('192.0.2.1', { reason: 'x' });
    await systems.security.removeFromBlacklist('192.0.2.1');
    stop();
    await systems.security.addToBlacklist('192.0.2.2');
    assert.deepEqual(seen, [
      'added 192.0.2.1 tests',
      'updated 192.0.2.1 tests',
      'removed 192.0.2.1 tests',
    ]);
  });

  it('health() reports the four checks', async (t) => {
    const systems = openSystems();
    t.after(() => systems.close());
    const report = await systems.monitoring.health();
    assert.ok(['healthy', 'degraded', 'unhealthy'].includes(report.status));
    assert.deepEqual(report.checks.map((c) => c.name).sort(), [
      'disk',
      'event_loop',
      'memory',
      'store_writable',
    ]);
    const store = report.checks.find((c) => c.name === 'store_writable');
    assert.deepEqual([store?.status, store?.detail], ['healthy', 'in-memory store']);
    for (const check of report.checks) {
      assert.equal(typeof check.latencyMs, 'number');
      assert.ok(!Number.isNaN(Date.parse(check.lastRun)));
    }
  });

  it('a bad store option is refused', () => {
    assert.throws(() => openSystems({ store: { dir: '' } }), TypeError);
  });
});

describe('in-process engines, folder store', () => {
  it('persists across close and reopen', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const dir = join(home.dir, 'lib-store');
    const first = openSystems({ store: { dir } });
    await first.security.addToBlacklist('198.51.100.1', { reason: 'kept' });
    await first.security.addToBlacklist('2001:db8::/48');
    await first.close();
    assert.equal(await exists(join(dir, 'store.lock')), false, 'close releases the lock');
    const stored = parseJson<{ blacklist: Array<{ target: string }> }>(
      await readFile(join(dir, 'store.json'), 'utf8'),
    );
    assert.deepEqual(
      stored.blacklist.map((e) => e.target),
      ['198.51.100.1', '2001:db8::/48'],
    );

    const second = openSystems({ store: { dir } });
    t.after(() => second.close());
    const entries = await second.security.listBlacklist();
    assert.deepEqual(
      entries.map((e) => [e.target, e.reason]),
      [
        ['198.51.100.1', 'kept'],
        ['2001:db8::/48', ''],
      ],
    );
    assert.equal((await second.security.isBlacklisted('2001:db8:0:1::5'))?.target, '2001:db8::/48');
    await second.security.removeFromBlacklist('198.51.100.1');
    const audit = await readAudit(join(dir, 'events.jsonl'));
    assert.deepEqual(
      audit.map((l) => [l.type, l.subject, l.actor]),
      [
        ['blacklist.added', '198.51.100.1', 'library'],
        ['blacklist.added', '2001:db8::/48', 'library'],
        ['blacklist.removed', '198.51.100.1', 'library'],
      ],
    );
    assert.equal(chainProblem(audit), null);
  });

  it('a folder held by a running daemon cannot be opened: CONFLICT', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const pid = await home.daemonPid();
    const systems = openSystems({ store: { dir: home.paths.dataDir } });
    const error = await rejection(systems.security.listBlacklist());
    assert.equal(error.code, 'CONFLICT');
    assert.equal(error.name, 'StoreLockedError');
    assert.match(error.message, new RegExp(`in use by another process \\(pid ${pid}\\)`));
    assert.ok(pid !== null && isAlive(pid), 'the daemon is unaffected');
    assert.equal((await home.cli(['security', '--blacklist', '192.0.2.8'])).code, 0);
  });

  it(
    'opening the same folder twice at once: the second fails with CONFLICT',
    async (t) => {
      const home = await tempHome();
      t.after(() => home.cleanup());
      const dir = join(home.dir, 'lib-store');
      const first = openSystems({ store: { dir } });
      t.after(() => first.close());
      await first.security.listBlacklist();
      const second = openSystems({ store: { dir } });
      let opened = false;
      try {
        const error = await rejection(
          second.security.listBlacklist().then(() => {
            opened = true;
          }),
        );
        assert.equal(error.code, 'CONFLICT');
        assert.equal(error.name, 'StoreLockedError');
      } finally {
        if (opened) await second.close();
      }
      // The first one still works.
      await first.security.addToBlacklist('192.0.2.3');
    },
  );
});

describe('client library', () => {
  it('connect() auto-starts the daemon and requests work', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    assert.equal(await home.daemonPid(), null);
    const client = await connect({ env: home.env });
    t.after(() => client.close());
    assert.equal(client.isOpen, true);
    const ping = await client.request('daemon.ping', {});
    assert.ok(!Number.isNaN(Date.parse(ping.time)));
    const pid = await home.daemonPid();
    assert.ok(pid !== null && isAlive(pid));
    const status = await client.request('daemon.status', {});
    assert.equal(status.pid, pid);
    assert.equal(status.socketPath, home.paths.socketPath);
    const { entry } = await client.request('security.blacklist.add', {
      target: '192.0.2.44',
      reason: 'from the library',
    });
    assert.equal(entry.target, '192.0.2.44');
    // The CLI sees what the library did.
    const list = await home.cli(['security', '--blacklist', '--json']);
    assert.deepEqual(
      parseJson<{ entries: Array<{ target: string }> }>(list.stdout).entries.map((e) => e.target),
      ['192.0.2.44'],
    );
    const error = await rejection(
      client.request('security.blacklist.remove', { target: '192.0.2.45' }),
    );
    assert.equal(error.code, 'NOT_FOUND');
    client.close();
    assert.equal(client.isOpen, false);
  });

  it('notifications reach a subscribed client', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const client = await connect({ env: home.env });
    t.after(() => client.close());
    await client.request('security.subscribe', {});
    const changes: string[] = [];
    const heard = new Promise<void>((resolve) => {
      client.onNotification('security.blacklist.changed', (change) => {
        changes.push(`${change.action} ${change.entry.target}`);
        if (changes.length === 2) resolve();
      });
    });
    assert.equal((await home.cli(['security', '--blacklist', '192.0.2.50'])).code, 0);
    assert.equal((await home.cli(['security', '--unblacklist', '192.0.2.50'])).code, 0);
    await within(heard, 5000, 'two notifications');
    assert.deepEqual(changes, ['added 192.0.2.50', 'removed 192.0.2.50']);
  });

  it('connect({autoStart:false}) with no daemon fails with DAEMON_UNREACHABLE', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const error = await rejection(connect({ env: home.env, autoStart: false }));
    assert.equal(error.code, 'DAEMON_UNREACHABLE');
    assert.match(error.message, /daemon not running/);
    assert.equal(await home.daemonPid(), null);
  });
});
