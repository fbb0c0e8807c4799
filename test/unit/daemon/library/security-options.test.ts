import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { securitySettingsFor } from '../../../../daemon/library/security-options.js';
import { defaultSecuritySettings } from '../../../../daemon/security/engine/security-settings.js';

describe('securitySettingsFor', () => {
  test('no options: the documented defaults', () => {
    assert.equal(securitySettingsFor(undefined), defaultSecuritySettings);
    const settings = securitySettingsFor({});
    assert.equal(settings.bcryptCost(), 12);
    assert.equal(settings.tokenTtlMs(), 15 * 60_000);
    assert.equal(settings.tokenAlgorithm(), 'ed25519');
    assert.equal(settings.sessionIdleMs(), 30 * 60_000);
    assert.equal(settings.sessionAbsoluteMs(), 12 * 3_600_000);
  });

  test('each option replaces its default; the others stay', () => {
    const settings = securitySettingsFor({
      bcryptCost: 10,
      tokenTtlMs: 60_000,
      tokenAlgorithm: 'rsa-pss',
      sessionIdleMs: 120_000,
      sessionAbsoluteMs: 3_600_000,
    });
    assert.deepEqual(
      [
        settings.bcryptCost(),
        settings.tokenTtlMs(),
        settings.tokenAlgorithm(),
        settings.sessionIdleMs(),
        settings.sessionAbsoluteMs(),
      ],
      [10, 60_000, 'rsa-pss', 120_000, 3_600_000],
    );
    assert.deepEqual(settings.lockoutPolicy(), defaultSecuritySettings.lockoutPolicy());
    assert.equal(securitySettingsFor({ bcryptCost: 16 }).tokenTtlMs(), 15 * 60_000);
  });

  test('a non-object is a TypeError', () => {
    for (const value of [null, 10, 'fast', []]) {
      assert.throws(
        () => securitySettingsFor(value),
        new TypeError('"security" option must be an object'),
      );
    }
  });

  test('out of range or of the wrong type: a TypeError naming the option and its range', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ bcryptCost: 9 }, '"security.bcryptCost" option must be an integer from 10 to 16'],
      [{ bcryptCost: 17 }, '"security.bcryptCost" option must be an integer from 10 to 16'],
      [{ bcryptCost: 10.5 }, '"security.bcryptCost" option must be an integer from 10 to 16'],
      [{ bcryptCost: '12' }, '"security.bcryptCost" option must be an integer from 10 to 16'],
      [
        { tokenTtlMs: 59_999 },
        '"security.tokenTtlMs" option must be a whole number of milliseconds from 60000 (1m) to 86400000 (1d)',
      ],
      [
        { tokenTtlMs: 86_400_001 },
        '"security.tokenTtlMs" option must be a whole number of milliseconds from 60000 (1m) to 86400000 (1d)',
      ],
      [
        { sessionIdleMs: 31 * 86_400_000 },
        '"security.sessionIdleMs" option must be a whole number of milliseconds from 60000 (1m) to 30 days',
      ],
      [
        { sessionAbsoluteMs: '12h' },
        '"security.sessionAbsoluteMs" option must be a whole number of milliseconds from 60000 (1m) to 365 days',
      ],
      [
        { tokenAlgorithm: 'HS256' },
        '"security.tokenAlgorithm" option must be "ed25519" or "rsa-pss"',
      ],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => securitySettingsFor(options), new TypeError(message));
    }
  });
});
