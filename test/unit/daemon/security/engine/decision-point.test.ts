import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { DEFAULT_BAN_POLICY } from '../../../../../daemon/security/guard/ban-policy.js';
import {
  DEFAULT_LOCKOUT_POLICY,
  lockStatus,
} from '../../../../../daemon/security/guard/lockout-policy.js';
import { events, onlyEvent, openTestCore, STRONG } from './engine-fixtures.js';

const IP = '203.0.113.9';

/** Three strikes for both the account and the address. */
const strict: Partial<SecuritySettings> = {
  lockoutPolicy: () => ({ ...DEFAULT_LOCKOUT_POLICY, maxFailures: 3 }),
  banPolicy: () => ({ ...DEFAULT_BAN_POLICY, maxRetry: 3 }),
};

async function setup(settings: Partial<SecuritySettings> = {}) {
  const { core, clock } = await openTestCore({ ...strict, ...settings });
  await core.security.users.create(
    { username: 'alice', email: 'alice@example.com', password: STRONG },
    'root',
  );
  return {
    core,
    clock,
    security: core.security,
    audit: core.audit,
    decisions: core.security.decisions,
  };
}

async function failLogins(
  auth: { authenticateUser: (u: string, p: string, m: { ip: string | null }) => Promise<unknown> },
  n: number,
  ip: string | null = IP,
) {
  for (let i = 0; i < n; i++)
    await assert.rejects(auth.authenticateUser('alice', `wrong password ${i}`, { ip }), {
      code: 'AUTH_FAILED',
    });
}

describe('DecisionPoint', () => {
  test('a lockout and a ban share the incident id of the failure that caused them', async () => {
    const { security, audit, core, clock } = await setup();
    await failLogins(security.auth, 3);
    const failure = events(audit, 'login.failure').at(-1);
    const incident = failure?.details['incident'];
    assert.equal(typeof incident, 'string');
    const locked = onlyEvent(audit, 'user.locked');
    const added = onlyEvent(audit, 'blacklist.added');
    const banned = onlyEvent(audit, 'ip.banned');
    for (const event of [locked, added, banned]) assert.equal(event.details['incident'], incident);
    assert.deepEqual(locked.details, {
      incident,
      simulated: false,
      failures: 3,
      until: new Date(clock.now() + 60_000).toISOString(),
      permanent: false,
    });
    assert.equal(locked.outcome, 'success');
    assert.deepEqual(banned.details, {
      incident,
      simulated: false,
      ttlMs: 600_000,
      offense: 1,
      failures: 3,
      kind: 'login',
    });
    assert.deepEqual([banned.subject, banned.ip, banned.outcome], [IP, IP, 'success']);
    assert.equal(added.details['reason'], 'auto: 3 failures (login) within 10m, ban #1');
    assert.equal(core.blacklist.check(IP)?.source, 'auto');
    assert.equal(lockStatus(security.users.record('alice').lockout, clock.now()).locked, true);
    assert.deepEqual(core.store.data.ipOffenses, [{ ip: IP, offenses: 1, lastBanAt: clock.now() }]);
    // The other events of that failure carry no other incident.
    const incidents = new Set(
      events(audit)
        .filter((e) => e.details['incident'] !== undefined)
        .slice(-4)
        .map((e) => e.details['incident']),
    );
    assert.deepEqual([...incidents], [incident]);
  });

  test('failure() reports what it counted and enforced', async () => {
    const { decisions, clock } = await setup();
    const first = await decisions.failure({ kind: 'login', ip: IP, username: 'alice' });
    assert.match(first.incident, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...first, incident: '' },
      { incident: '', ipFailures: 1, lockout: null, ban: null },
    );
    await decisions.failure({ kind: 'login', ip: IP, username: 'alice', incident: 'given' });
    const third = await decisions.failure({
      kind: 'login',
      ip: IP,
      username: 'ALICE',
      incident: 'x',
    });
    assert.deepEqual(third, {
      incident: 'x',
      ipFailures: 3,
      lockout: { username: 'alice', until: clock.now() + 60_000, simulated: false },
      ban: { ip: IP, ttlMs: 600_000, offense: 1, simulated: false },
    });
  });

  test('without an address only the account counts; other kinds never touch the account', async () => {
    const { decisions, security } = await setup();
    const r = await decisions.failure({ kind: 'login', ip: null, username: 'alice' });
    assert.deepEqual([r.ipFailures, r.ban], [0, null]);
    assert.equal(security.users.record('alice').lockout.failures, 1);
    await decisions.failure({ kind: 'threat', ip: IP, username: 'alice' });
    await decisions.failure({ kind: 'csrf', ip: IP, username: 'alice' });
    assert.equal(security.users.record('alice').lockout.failures, 1);
    const unknown = await decisions.failure({ kind: 'login', ip: null, username: 'nobody' });
    assert.equal(unknown.lockout, null);
  });

  test('failures of every kind count together towards a ban', async () => {
    const { decisions, audit } = await setup();
    await decisions.failure({ kind: 'threat', ip: IP });
    await decisions.failure({ kind: 'csrf', ip: IP });
    const third = await decisions.failure({ kind: 'token', ip: IP });
    assert.equal(third.ban?.offense, 1);
    assert.equal(onlyEvent(audit, 'ip.banned').details['kind'], 'token');
  });

  test('simulate modes log the same decisions, marked simulated, and enforce nothing', async () => {
    const { security, audit, core, clock } = await setup({
      simulate: () => ({ lockout: true, bans: true, threats: false }),
    });
    await failLogins(security.auth, 3);
    const incident = events(audit, 'login.failure').at(-1)?.details['incident'];
    const locked = onlyEvent(audit, 'user.locked');
    const banned = onlyEvent(audit, 'ip.banned');
    assert.deepEqual(
      [locked.outcome, locked.details['simulated'], locked.details['incident']],
      ['info', true, incident],
    );
    assert.deepEqual(
      [banned.outcome, banned.details['simulated'], banned.details['incident']],
      ['info', true, incident],
    );
    assert.equal(events(audit, 'blacklist.added').length, 0);
    assert.equal(core.blacklist.check(IP), null);
    assert.deepEqual(core.store.data.ipOffenses, []);
    const record = security.users.record('alice');
    assert.equal(lockStatus(record.lockout, clock.now()).locked, false);
    assert.equal(record.lockout.failures, 3, 'the counters still advance');
    const user = await security.auth.authenticateUser('alice', STRONG, { ip: IP });
    assert.equal(user.status, 'active');
  });

  test('repeat offenders are banned longer, from the history kept in the store', async () => {
    const { decisions, core, clock, audit } = await setup();
    const first = await Promise.all(
      [1, 2, 3].map(() => decisions.failure({ kind: 'threat', ip: IP })),
    );
    assert.deepEqual(
      first.map((r) => r.ban?.ttlMs ?? null),
      [null, null, 600_000],
    );
    clock.advance(11 * 60_000);
    await core.blacklist.expireDue();
    let last = null;
    for (let i = 0; i < 3; i++) last = await decisions.failure({ kind: 'threat', ip: IP });
    assert.deepEqual(last?.ban, { ip: IP, ttlMs: 1_200_000, offense: 2, simulated: false });
    assert.deepEqual(core.store.data.ipOffenses, [{ ip: IP, offenses: 2, lastBanAt: clock.now() }]);
    assert.equal(events(audit, 'ip.banned').at(-1)?.details['offense'], 2);

    // Another address with three bans on record (from before a restart) gets its fourth.
    const other = '198.51.100.20';
    await core.store.mutate(() => {
      core.store.data.ipOffenses.push({ ip: other, offenses: 3, lastBanAt: 0 });
      return { result: undefined, undo: () => undefined };
    });
    for (let i = 0; i < 3; i++) last = await decisions.failure({ kind: 'login', ip: other });
    assert.deepEqual(last?.ban, { ip: other, ttlMs: 4_800_000, offense: 4, simulated: false });
    assert.equal(core.store.data.ipOffenses.find((o) => o.ip === other)?.offenses, 4);
  });

  test('an address written differently is still the same offender', async () => {
    const { decisions, core, clock } = await setup();
    for (let i = 0; i < 3; i++) await decisions.failure({ kind: 'threat', ip: '2001:DB8::1' });
    clock.advance(11 * 60_000);
    let last = null;
    for (let i = 0; i < 3; i++)
      last = await decisions.failure({ kind: 'threat', ip: '2001:db8:0:0::1' });
    assert.equal(last?.ban?.offense, 2);
    assert.deepEqual(
      core.store.data.ipOffenses.map((o) => [o.ip, o.offenses]),
      [['2001:db8::1', 2]],
    );
  });

  test('allowlisted addresses are never counted or banned', async () => {
    const { decisions, core, security, audit } = await setup();
    await security.allowlist.add('198.51.100.0/24', 'root');
    for (const ip of ['198.51.100.7', '127.0.0.1', '::1']) {
      for (let i = 0; i < 5; i++) {
        const result = await decisions.failure({ kind: 'threat', ip });
        assert.deepEqual([result.ipFailures, result.ban], [0, null]);
      }
      assert.equal(core.blacklist.check(ip), null);
    }
    assert.equal(events(audit, 'ip.banned').length, 0);
  });
});
