import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkKeys } from '../../../../../daemon/security/posture/key-checks.js';
import type { PostureKey } from '../../../../../daemon/security/posture/posture-facts.js';
import { cleanFacts, day, now } from './clean-facts.js';

const withKeys = (keys: PostureKey[]) => ({ ...cleanFacts(), keys });

describe('checkKeys', () => {
  test('fresh keys: no findings, one check per key set', () => {
    assert.deepEqual(checkKeys(cleanFacts(), now), { findings: [], checks: 2 });
  });

  test('a key set whose newest version is too old: medium, rotate', () => {
    const keys = [
      { name: 'signing-keys:ed25519', version: 3, createdAt: now - 120 * day },
      { name: 'signing-keys:ed25519', version: 1, createdAt: now - 10 * day },
    ];
    assert.deepEqual(checkKeys(withKeys(keys), now), {
      findings: [
        {
          id: 'key-rotation',
          severity: 'medium',
          title: 'signing-keys:ed25519 is due for rotation',
          detail:
            'Its newest version (3) was created 120 days ago; keys are rotated after 90 days (security.keyRotation).',
          subject: 'signing-keys:ed25519',
          fix: 'clickup-brain security --rotate-keys',
        },
      ],
      checks: 1,
    });
  });

  test('old versions do not count once a newer one is fresh, whatever the order', () => {
    const keys = [
      { name: 'data-keys', version: 2, createdAt: now - 5 * day },
      { name: 'data-keys', version: 1, createdAt: now - 500 * day },
    ];
    assert.deepEqual(checkKeys(withKeys(keys), now), { findings: [], checks: 1 });
  });

  test('exactly at the rotation age is not yet due', () => {
    const keys = [{ name: 'data-keys', version: 1, createdAt: now - 90 * day }];
    assert.deepEqual(checkKeys(withKeys(keys), now).findings, []);
  });

  test('no keys yet: nothing examined', () => {
    assert.deepEqual(checkKeys(withKeys([]), now), { findings: [], checks: 0 });
  });
});
