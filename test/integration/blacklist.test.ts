/**
 * The IP blacklist end to end: adding, listing, updating and removing through the CLI, persistence
 * across restarts, expiry, the audit log and push notifications.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { emptyStore } from '../../daemon/store/schema.js';
import { tempHome, type TestHome } from '../helpers/home.js';
import {
  callOk,
  chainProblem,
  GENESIS,
  parseJson,
  readAudit,
  waitFor,
  within,
} from '../helpers/integration.js';
import { rawHello } from '../helpers/raw-socket.js';

interface Entry {
  target: string;
  family: 4 | 6;
  prefixLength: number;
  source: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  createdBy: string;
}

const actor = `local:${userInfo().username}`;

async function listJson(home: TestHome): Promise<Entry[]> {
  const result = await home.cli(['security', '--blacklist', '--json']);
  assert.equal(result.code, 0, result.stderr);
  return parseJson<{ entries: Entry[] }>(result.stdout).entries;
}

describe('blacklist through the CLI', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
  });
  after(() => home.cleanup());

  it('an empty list says so', async () => {
    const result = await home.cli(['security', '--blacklist']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'The blacklist is empty.\n');
    assert.deepEqual(await listJson(home), []);
  });

  it('adds an IPv4 address with --for and --reason (human output)', async () => {
    const before = Date.now();
    const result = await home.cli([
      'security',
      '--blacklist',
      '203.0.113.7',
      '--for',
      '1h',
      '--reason',
      'credential stuffing',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const match = /^Blacklisted 203\.0\.113\.7 until (\S+) \(1h\): credential stuffing\n$/.exec(
      result.stdout,
    );
    assert.ok(match !== null, result.stdout);
    const expires = Date.parse(match[1] as string);
    assert.ok(
      expires >= before + 3_600_000 && expires <= Date.now() + 3_600_000,
      `expiry ${match[1]}`,
    );
  });

  it('adds an IPv4 address with --for and --reason (--json)', async () => {
    const result = await home.cli([
      'security',
      '--blacklist',
      '198.51.100.23',
      '--for',
      '30m',
      '--reason',
      'scanner',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const body = parseJson<{ entry: Entry; created: boolean }>(result.stdout);
    assert.equal(body.created, true);
    const { entry } = body;
    assert.equal(entry.target, '198.51.100.23');
    assert.equal(entry.family, 4);
    assert.equal(entry.prefixLength, 32);
    assert.equal(entry.source, 'manual');
    assert.equal(entry.reason, 'scanner');
    assert.equal(entry.createdBy, actor);
    assert.equal(entry.createdAt, entry.updatedAt);
    assert.ok(entry.expiresAt !== null);
    assert.equal(Date.parse(entry.expiresAt) - Date.parse(entry.createdAt), 30 * 60_000);
  });

  it('adds an IPv6 address in canonical form, permanently', async () => {
    const result = await home.cli(['security', '--blacklist', '2001:0DB8:0:0:0:0:0:1', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { entry, created } = parseJson<{ entry: Entry; created: boolean }>(result.stdout);
    assert.equal(created, true);
    assert.equal(entry.target, '2001:db8::1');
    assert.equal(entry.family, 6);
    assert.equal(entry.prefixLength, 128);
    assert.equal(entry.expiresAt, null);
    assert.equal(entry.reason, '');
    const human = await home.cli(['security', '--blacklist', '2001:db8::/32']);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'Blacklisted 2001:db8::/32 permanently\n');
  });

  it('adds a CIDR network, which then blocks the addresses in it', async () => {
    const result = await home.cli([
      'security',
      '--blacklist',
      '10.0.0.0/8',
      '--reason',
      'internal only',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const { entry } = parseJson<{ entry: Entry }>(result.stdout);
    assert.equal(entry.target, '10.0.0.0/8');
    assert.equal(entry.prefixLength, 8);
    assert.equal(entry.family, 4);

    const conn = await rawHello(home.paths.socketPath);
    try {
      const inside = await callOk<{ blocked: boolean; entry: Entry | null }>(
        conn,
        'security.blacklist.check',
        { ip: '10.20.30.40' },
      );
      assert.equal(inside.blocked, true);
      assert.equal(inside.entry?.target, '10.0.0.0/8');
      const outside = await callOk<{ blocked: boolean; entry: Entry | null }>(
        conn,
        'security.blacklist.check',
        { ip: '11.0.0.1' },
      );
      assert.deepEqual(outside, { blocked: false, entry: null });
      const v6 = await callOk<{ blocked: boolean; entry: Entry | null }>(
        conn,
        'security.blacklist.check',
        { ip: '2001:db8:ffff::9' },
      );
      assert.equal(v6.entry?.target, '2001:db8::/32');
      // The most specific entry wins.
      const exact = await callOk<{ blocked: boolean; entry: Entry | null }>(
        conn,
        'security.blacklist.check',
        { ip: '2001:db8::1' },
      );
      assert.equal(exact.entry?.target, '2001:db8::1');
    } finally {
      conn.close();
    }
  });

  it('lists the entries with expiry and reason', async () => {
    const entries = await listJson(home);
    assert.deepEqual(
      entries.map((e) => e.target),
      ['203.0.113.7', '198.51.100.23', '2001:db8::1', '2001:db8::/32', '10.0.0.0/8'],
    );
    const result = await home.cli(['security', '--blacklist']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^TARGET\s+SOURCE\s+EXPIRES\s+ADDED\s+REASON$/);
    const row = (target: string): string => lines.find((l) => l.startsWith(`${target} `)) ?? '';
    const stuffing = entries.find((e) => e.target === '203.0.113.7');
    assert.match(
      row('203.0.113.7'),
      /^203\.0\.113\.7\s+manual\s+in (59m\d*s?|1h) \(\S+Z\)\s+.* ago\s+credential stuffing$/,
    );
    assert.ok(row('203.0.113.7').includes(`(${stuffing?.expiresAt})`));
    assert.match(row('198.51.100.23'), /\s+in (29m\d*s?|30m) \(\S+Z\)\s+.*\s+scanner$/);
    assert.match(row('2001:db8::1'), /^2001:db8::1\s+manual\s+never\s+.* ago\s+-$/);
    assert.match(row('10.0.0.0/8'), /\s+never\s+.*\s+internal only$/);
  });

  it('adding an existing target updates it (created:false)', async () => {
    const before = (await listJson(home)).find((e) => e.target === '203.0.113.7');
    const result = await home.cli([
      'security',
      '--blacklist',
      '203.0.113.7',
      '--for',
      '2h',
      '--reason',
      'still at it',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const { entry, created } = parseJson<{ entry: Entry; created: boolean }>(result.stdout);
    assert.equal(created, false);
    assert.equal(entry.reason, 'still at it');
    assert.equal(entry.createdAt, before?.createdAt);
    assert.ok(entry.updatedAt >= (before?.updatedAt ?? ''));
    assert.ok(
      entry.expiresAt !== null &&
        Date.parse(entry.expiresAt) - Date.parse(entry.updatedAt) === 2 * 3_600_000,
    );
    const human = await home.cli(['security', '--blacklist', '10.0.0.0/8', '--reason', 'renamed']);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'Updated 10.0.0.0/8 permanently: renamed\n');
    const entries = await listJson(home);
    assert.equal(entries.length, 5, 'no duplicate entries');
    assert.equal(entries.find((e) => e.target === '10.0.0.0/8')?.reason, 'renamed');
  });

  it('--unblacklist removes an entry', async () => {
    const result = await home.cli(['security', '--unblacklist', '198.51.100.23']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Removed 198.51.100.23 from the blacklist\n');
    const json = await home.cli(['security', '--unblacklist', '2001:db8:0::1', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(parseJson<{ entry: Entry }>(json.stdout).entry.target, '2001:db8::1');
    assert.deepEqual(
      (await listJson(home)).map((e) => e.target),
      ['203.0.113.7', '2001:db8::/32', '10.0.0.0/8'],
    );
  });

  it('removing an entry that is not there: exit 1, "<ip> is not on the blacklist"', async () => {
    const result = await home.cli(['security', '--unblacklist', '198.51.100.23']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'clickup-brain: 198.51.100.23 is not on the blacklist\n');
    const json = await home.cli(['security', '--unblacklist', '192.0.2.200', '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual(parseJson(json.stderr), {
      error: { code: 'NOT_FOUND', message: '192.0.2.200 is not on the blacklist' },
    });
    // An address inside a blocked network is not an entry of its own.
    const inside = await home.cli(['security', '--unblacklist', '10.1.2.3']);
    assert.equal(inside.code, 1);
    assert.equal(inside.stderr, 'clickup-brain: 10.1.2.3 is not on the blacklist\n');
  });

  it('each change appended an audit line by the local user, and the chain holds', async () => {
    const lines = await readAudit(home.paths.eventsFile);
    const changes = lines.filter((l) => l.type.startsWith('blacklist.'));
    assert.deepEqual(
      changes.map((l) => [l.type, l.subject]),
      [
        ['blacklist.added', '203.0.113.7'],
        ['blacklist.added', '198.51.100.23'],
        ['blacklist.added', '2001:db8::1'],
        ['blacklist.added', '2001:db8::/32'],
        ['blacklist.added', '10.0.0.0/8'],
        ['blacklist.updated', '203.0.113.7'],
        ['blacklist.updated', '10.0.0.0/8'],
        ['blacklist.removed', '198.51.100.23'],
        ['blacklist.removed', '2001:db8::1'],
      ],
    );
    for (const line of changes) {
      assert.equal(line.actor, actor);
      assert.equal(line.outcome, 'success');
    }
    assert.equal(changes[0]?.details['reason'], 'credential stuffing');
    assert.equal(changes[5]?.details['reason'], 'still at it');
    assert.equal(lines[0]?.prev, GENESIS);
    for (let i = 1; i < lines.length; i++)
      assert.equal(lines[i]?.prev, lines[i - 1]?.hash, `line ${i + 1}`);
    assert.equal(chainProblem(lines), null);
  });

  it('entries persist across daemon restart and are in store.json', async () => {
    const before = await listJson(home);
    const oldPid = await home.daemonPid();
    const restart = await home.cli(['daemon', 'restart']);
    assert.equal(restart.code, 0, restart.stderr);
    assert.notEqual(await home.daemonPid(), oldPid);
    assert.deepEqual(await listJson(home), before);
    const store = parseJson<{ version: number; blacklist: Entry[] }>(
      await readFile(home.paths.storeFile, 'utf8'),
    );
    assert.equal(store.version, 6);
    assert.deepEqual(store.blacklist, before);
    // The store holds the monitoring and security state next to the blacklist; none was created here.
    assert.deepEqual(store, { ...emptyStore(), blacklist: before });
    // The audit chain continues across the restart.
    const add = await home.cli(['security', '--blacklist', '192.0.2.77']);
    assert.equal(add.code, 0, add.stderr);
    const lines = await readAudit(home.paths.eventsFile);
    assert.equal(lines.at(-1)?.subject, '192.0.2.77');
    assert.equal(chainProblem(lines), null);
  });
});

describe('blacklist expiry', () => {
  it('an entry added --for 1s is gone after ~2.5 s and the audit log says it expired', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const add = await home.cli([
      'security',
      '--blacklist',
      '203.0.113.99',
      '--for',
      '1s',
      '--reason',
      'short',
      '--json',
    ]);
    assert.equal(add.code, 0, add.stderr);
    const keep = await home.cli(['security', '--blacklist', '203.0.113.100']);
    assert.equal(keep.code, 0, keep.stderr);
    const { entry } = parseJson<{ entry: Entry }>(add.stdout);
    assert.equal(Date.parse(entry.expiresAt ?? '') - Date.parse(entry.createdAt), 1000);

    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(
      (await listJson(home)).map((e) => e.target),
      ['203.0.113.100'],
    );
    const expired = await waitFor(
      'a blacklist.expired audit line',
      async () => {
        const lines = await readAudit(home.paths.eventsFile);
        return lines.find((l) => l.type === 'blacklist.expired');
      },
      5000,
    );
    assert.equal(expired.subject, '203.0.113.99');
    assert.equal(expired.actor, 'system');
    assert.equal(expired.details['expiresAt'], entry.expiresAt);
    assert.equal(chainProblem(await readAudit(home.paths.eventsFile)), null);
    // It was removed from the store too, not only hidden from the list.
    const store = parseJson<{ blacklist: Entry[] }>(await readFile(home.paths.storeFile, 'utf8'));
    assert.deepEqual(
      store.blacklist.map((e) => e.target),
      ['203.0.113.100'],
    );
  });
});

describe('blacklist notifications', () => {
  it('a subscriber is told about additions and removals made through the CLI', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const sub = await rawHello(home.paths.socketPath);
    t.after(() => sub.close());
    const subscribed = await callOk<{ topics: string[] }>(sub, 'security.subscribe', {});
    assert.deepEqual(subscribed.topics, ['blacklist']);
    const status = parseJson<{ subscribers: number }>(
      (await home.cli(['daemon', 'status', '--json'])).stdout,
    );
    assert.equal(status.subscribers, 1);

    const add = await home.cli(['security', '--blacklist', '192.0.2.10', '--reason', 'watch me']);
    assert.equal(add.code, 0, add.stderr);
    const added = await within(sub.next(), 5000, 'the added notification');
    assert.equal(added['jsonrpc'], '2.0');
    assert.equal(added['method'], 'security.blacklist.changed');
    assert.equal('id' in added, false, 'a notification has no id');
    const addedParams = added['params'] as { action: string; entry: Entry };
    assert.equal(addedParams.action, 'added');
    assert.equal(addedParams.entry.target, '192.0.2.10');
    assert.equal(addedParams.entry.reason, 'watch me');

    const update = await home.cli(['security', '--blacklist', '192.0.2.10', '--reason', 'again']);
    assert.equal(update.code, 0, update.stderr);
    const updated = (await within(sub.next(), 5000, 'the updated notification'))['params'] as {
      action: string;
      entry: Entry;
    };
    assert.equal(updated.action, 'updated');
    assert.equal(updated.entry.reason, 'again');

    const remove = await home.cli(['security', '--unblacklist', '192.0.2.10']);
    assert.equal(remove.code, 0, remove.stderr);
    const removed = await within(sub.next(), 5000, 'the removed notification');
    assert.equal(removed['method'], 'security.blacklist.changed');
    assert.deepEqual((removed['params'] as { action: string; entry: Entry }).action, 'removed');
    assert.equal((removed['params'] as { entry: Entry }).entry.target, '192.0.2.10');

    // A failed change sends nothing: the next frame is the answer to our own request.
    const missing = await home.cli(['security', '--unblacklist', '192.0.2.10']);
    assert.equal(missing.code, 1);
    sub.request('daemon.ping', {}, 'after');
    assert.equal((await sub.next())['id'], 'after');
  });

  it('a connection that did not subscribe gets no notifications', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const plain = await rawHello(home.paths.socketPath);
    t.after(() => plain.close());
    assert.equal((await home.cli(['security', '--blacklist', '192.0.2.11'])).code, 0);
    plain.request('daemon.ping', {}, 'p');
    const next = await plain.next();
    assert.equal(next['id'], 'p', `got ${JSON.stringify(next)}`);
  });
});
