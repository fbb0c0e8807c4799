import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAccounts } from '../../../../../daemon/security/posture/account-checks.js';
import type { PostureUser } from '../../../../../daemon/security/posture/posture-facts.js';
import { cleanFacts, day, now } from './clean-facts.js';

const user = (extra: Partial<PostureUser>): PostureUser => ({
  username: 'carol',
  roles: ['user'],
  status: 'active',
  passwordChangedAt: now - day,
  lastLoginAt: now - day,
  createdAt: now - 2 * day,
  hashCost: 12,
  origin: 'created',
  ...extra,
});

const withUsers = (users: PostureUser[], adminCount = 1) => ({
  ...cleanFacts(),
  users,
  adminCount,
});

describe('checkAccounts', () => {
  test('clean accounts: no findings, one check per user plus the admin check', () => {
    assert.deepEqual(checkAccounts(cleanFacts(), now), { findings: [], checks: 3 });
  });

  test('a hash cheaper than configured: low, set a new password', () => {
    assert.deepEqual(checkAccounts(withUsers([user({ hashCost: 10 })]), now).findings, [
      {
        id: 'password-hash-cost',
        severity: 'low',
        title: "carol's password is hashed at cost 10 (configured 12)",
        detail:
          "A cheaper hash is faster to crack if the store leaks. It is rehashed at cost 12 at carol's next login; setting a new password does it now.",
        subject: 'carol',
        fix: "clickup-brain security --passwd 'carol'",
      },
    ]);
  });

  test('an unknown or higher hash cost is no finding', () => {
    const users = [user({ hashCost: null }), user({ username: 'dan', hashCost: 14 })];
    assert.deepEqual(checkAccounts(withUsers(users), now).findings, []);
  });

  test('imported from htpasswd and never changed: low; once changed here, fine', () => {
    const imported = user({
      origin: 'htpasswd',
      createdAt: now - 5 * day,
      passwordChangedAt: now - 5 * day,
    });
    assert.deepEqual(checkAccounts(withUsers([imported]), now).findings, [
      {
        id: 'password-unchecked',
        severity: 'low',
        title: "carol's password was imported from htpasswd",
        detail:
          'It came with its existing hash, so it was never checked against the length and strength policy, and cannot be without knowing it. Setting a new password puts it through the policy.',
        subject: 'carol',
        fix: "clickup-brain security --passwd 'carol'",
      },
    ]);
    const changed = { ...imported, passwordChangedAt: now - 4 * day };
    assert.deepEqual(checkAccounts(withUsers([changed]), now).findings, []);
  });

  test('a stale password: low for a user, medium for an admin', () => {
    const old = { passwordChangedAt: now - 400 * day, createdAt: now - 500 * day };
    assert.deepEqual(checkAccounts(withUsers([user(old)]), now).findings, [
      {
        id: 'password-stale',
        severity: 'low',
        title: "carol's password is 400 days old",
        detail: 'It was last changed 400 days ago; passwords are stale after 365 days.',
        subject: 'carol',
        fix: "clickup-brain security --passwd 'carol'",
      },
    ]);
    const admin = user({ ...old, roles: ['user', 'admin'] });
    assert.deepEqual(checkAccounts(withUsers([admin]), now).findings, [
      {
        id: 'password-stale',
        severity: 'medium',
        title: "carol's password is 400 days old",
        detail:
          'It was last changed 400 days ago; passwords are stale after 365 days. The account is an admin, so a leaked old password would give the most away.',
        subject: 'carol',
        fix: "clickup-brain security --passwd 'carol'",
      },
    ]);
  });

  test('exactly at the age limit is not yet stale', () => {
    const atLimit = user({ passwordChangedAt: now - 365 * day, createdAt: now - 365 * day });
    assert.deepEqual(checkAccounts(withUsers([atLimit]), now).findings, []);
  });

  test('an admin who has not logged in for long: medium, disable the account', () => {
    const admin = user({
      roles: ['admin'],
      lastLoginAt: now - 100 * day,
      createdAt: now - 300 * day,
    });
    assert.deepEqual(checkAccounts(withUsers([admin]), now).findings, [
      {
        id: 'admin-inactive',
        severity: 'medium',
        title: 'admin carol has not logged in for 100 days',
        detail:
          'The admin account carol last logged in 100 days ago (limit 90 days). An unused admin account is a way in that nobody watches; disable it if it is no longer needed.',
        subject: 'carol',
        fix: "clickup-brain security --disable-user 'carol'",
      },
    ]);
  });

  test('an admin who never logged in counts from creation', () => {
    const admin = user({
      roles: ['admin'],
      lastLoginAt: null,
      createdAt: now - 91 * day,
      passwordChangedAt: now - 91 * day,
    });
    assert.deepEqual(checkAccounts(withUsers([admin]), now).findings, [
      {
        id: 'admin-inactive',
        severity: 'medium',
        title: 'admin carol has never logged in',
        detail:
          'The admin account carol has never logged in since it was created 91 days ago (limit 90 days). An unused admin account is a way in that nobody watches; disable it if it is no longer needed.',
        subject: 'carol',
        fix: "clickup-brain security --disable-user 'carol'",
      },
    ]);
    const fresh = { ...admin, createdAt: now - 10 * day };
    assert.deepEqual(checkAccounts(withUsers([fresh]), now).findings, []);
  });

  test('an idle non-admin is no finding', () => {
    const idle = user({ lastLoginAt: now - 1000 * day, createdAt: now - 1000 * day });
    assert.deepEqual(checkAccounts(withUsers([idle]), now).findings, []);
  });

  test('disabled accounts are examined but never findings; locked ones are', () => {
    const bad = {
      roles: ['admin'],
      hashCost: 10,
      passwordChangedAt: now - 999 * day,
      lastLoginAt: null,
      createdAt: now - 999 * day,
    };
    const disabled = user({ ...bad, status: 'disabled' });
    assert.deepEqual(checkAccounts(withUsers([disabled]), now), { findings: [], checks: 2 });
    const locked = user({ ...bad, status: 'locked' });
    assert.deepEqual(
      checkAccounts(withUsers([locked]), now).findings.map((f) => f.id),
      ['password-hash-cost', 'password-stale', 'admin-inactive'],
    );
  });

  test('usernames are quoted for sh in the fix', () => {
    const [finding] = checkAccounts(
      withUsers([user({ username: "o'brien", hashCost: 11 })]),
      now,
    ).findings;
    assert.equal(finding?.fix, "clickup-brain security --passwd 'o'\\''brien'");
  });

  test('no admin while users exist: medium, no single fix command', () => {
    const expected = (count: string) => ({
      id: 'no-admin',
      severity: 'medium',
      title: 'no user has the admin role',
      detail: `${count} but none is an admin, so nobody can manage users, roles or keys over the web or API (the socket's owner still can). Create one with: clickup-brain security --create-user <username> <email> --role admin`,
      subject: null,
      fix: null,
    });
    assert.deepEqual(checkAccounts(withUsers([user({})], 0), now).findings, [
      expected('1 user exists'),
    ]);
    assert.deepEqual(
      checkAccounts(withUsers([user({}), user({ username: 'dan' })], 0), now).findings,
      [expected('2 users exist')],
    );
  });

  test('no users at all: no admin needed yet', () => {
    assert.deepEqual(checkAccounts(withUsers([], 0), now), { findings: [], checks: 1 });
  });
});
