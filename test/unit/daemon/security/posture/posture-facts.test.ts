import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validatePostureFacts } from '../../../../../daemon/security/posture/posture-facts.js';
import { cleanFacts } from './clean-facts.js';

type Mutation = (facts: Record<string, unknown> & ReturnType<typeof cleanFacts>) => void;

function rejects(mutate: Mutation, message: string): void {
  const facts = cleanFacts() as Record<string, unknown> & ReturnType<typeof cleanFacts>;
  mutate(facts);
  assert.throws(() => validatePostureFacts(facts), { name: 'TypeError', message }, message);
}

describe('validatePostureFacts', () => {
  test('well-formed facts pass, including nulls where allowed', () => {
    validatePostureFacts(cleanFacts());
    const facts = cleanFacts();
    facts.users[0] = { ...facts.users[0]!, hashCost: null, lastLoginAt: null };
    validatePostureFacts(facts);
  });

  test('not an object', () => {
    assert.throws(() => validatePostureFacts(null), {
      name: 'TypeError',
      message: '"facts" must be an object',
    });
    assert.throws(() => validatePostureFacts([]), {
      name: 'TypeError',
      message: '"facts" must be an object',
    });
  });

  test('each field is named when malformed', () => {
    const cases: Array<[Mutation, string]> = [
      [(f) => (f.paths = {} as never), '"facts.paths" must be an array'],
      [(f) => (f.bcryptCost = 12.5), '"facts.bcryptCost" must be an integer from 4 to 31'],
      [(f) => (f.bcryptCost = 3), '"facts.bcryptCost" must be an integer from 4 to 31'],
      [(f) => (f.users = null as never), '"facts.users" must be an array'],
      [(f) => (f.users[1] = 'bob' as never), '"facts.users[1]" must be an object'],
      [(f) => (f.users[0]!.username = ''), '"facts.users[0].username" must be a non-empty string'],
      [
        (f) => (f.users[0]!.roles = ['admin', 1] as never),
        '"facts.users[0].roles" must be an array of strings',
      ],
      [
        (f) => (f.users[1]!.status = 'banned' as never),
        `"facts.users[1].status" must be 'active', 'disabled' or 'locked'`,
      ],
      [
        (f) => (f.users[0]!.passwordChangedAt = -1),
        '"facts.users[0].passwordChangedAt" must be a non-negative number of ms since the epoch',
      ],
      [
        (f) => (f.users[0]!.lastLoginAt = Number.NaN),
        '"facts.users[0].lastLoginAt" must be a non-negative number of ms since the epoch',
      ],
      [
        (f) => (f.users[0]!.createdAt = '2026-01-01' as never),
        '"facts.users[0].createdAt" must be a non-negative number of ms since the epoch',
      ],
      [
        (f) => (f.users[0]!.hashCost = 40),
        '"facts.users[0].hashCost" must be an integer from 4 to 31',
      ],
      [
        (f) => (f.users[0]!.origin = 'ldap' as never),
        `"facts.users[0].origin" must be 'created' or 'htpasswd'`,
      ],
      [
        (f) => (f.passwordMaxAgeMs = 0),
        '"facts.passwordMaxAgeMs" must be a positive number of milliseconds',
      ],
      [
        (f) => (f.adminInactiveMs = Infinity),
        '"facts.adminInactiveMs" must be a positive number of milliseconds',
      ],
      [(f) => (f.keys = 'x' as never), '"facts.keys" must be an array'],
      [(f) => (f.keys[2] = null as never), '"facts.keys[2]" must be an object'],
      [(f) => (f.keys[0]!.name = ''), '"facts.keys[0].name" must be a non-empty string'],
      [
        (f) => (f.keys[0]!.version = 0),
        `"facts.keys[0].version" must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`,
      ],
      [
        (f) => (f.keys[0]!.createdAt = -5),
        '"facts.keys[0].createdAt" must be a non-negative number of ms since the epoch',
      ],
      [
        (f) => (f.keyRotationMs = -1),
        '"facts.keyRotationMs" must be a positive number of milliseconds',
      ],
      [
        (f) => (f.secretBackend = 'vault' as never),
        `"facts.secretBackend" must be 'keychain' or 'file'`,
      ],
      [(f) => (f.http = null as never), '"facts.http" must be an object'],
      [(f) => (f.http.host = 8080 as never), '"facts.http.host" must be a string'],
      [(f) => (f.http.port = 70000), '"facts.http.port" must be an integer from 0 to 65535'],
      [(f) => (f.http.tls = 'no' as never), '"facts.http.tls" must be a boolean'],
      [(f) => (f.http.enabled = 1 as never), '"facts.http.enabled" must be a boolean'],
      [(f) => (f.simulate = undefined as never), '"facts.simulate" must be an object'],
      [(f) => (f.simulate.lockout = 'on' as never), '"facts.simulate.lockout" must be a boolean'],
      [(f) => (f.simulate.bans = null as never), '"facts.simulate.bans" must be a boolean'],
      [(f) => (f.simulate.threats = 0 as never), '"facts.simulate.threats" must be a boolean'],
      [
        (f) => (f.passwordMinLength = -1),
        `"facts.passwordMinLength" must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
      ],
      [
        (f) => (f.adminCount = 0.5),
        `"facts.adminCount" must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
      ],
    ];
    for (const [mutate, message] of cases) rejects(mutate, message);
  });
});
