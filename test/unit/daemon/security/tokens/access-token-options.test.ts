import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { SigningKeys } from '../../../../../daemon/security/crypto/signing-keys.js';
import {
  type AccessTokensOptions,
  resolveAccessTokensOptions,
} from '../../../../../daemon/security/tokens/access-token-options.js';
import { FakeSecrets } from '../crypto/fake-secrets.js';

describe('resolveAccessTokensOptions', () => {
  const clock = new ManualClock();
  let keys: SigningKeys;
  let base: AccessTokensOptions;

  before(async () => {
    keys = await SigningKeys.open(new FakeSecrets());
    base = { keys, clock, issuer: 'https://brain.local', audience: 'clickup-brain' };
  });

  test('defaults: ed25519 (EdDSA), 15 min, 5 s tolerance, in seconds', () => {
    assert.deepEqual(resolveAccessTokensOptions(base), {
      keys,
      clock,
      issuer: 'https://brain.local',
      audience: 'clickup-brain',
      ttlSeconds: 900,
      algorithm: 'ed25519',
      jwsAlgorithm: 'EdDSA',
      toleranceSeconds: 5,
    });
    const custom = resolveAccessTokensOptions({
      ...base,
      algorithm: 'rsa-pss',
      ttlMs: 60_000,
      clockToleranceMs: 0,
    });
    assert.deepEqual(
      [custom.algorithm, custom.jwsAlgorithm, custom.ttlSeconds, custom.toleranceSeconds],
      ['rsa-pss', 'PS256', 60, 0],
    );
  });

  test('each bad option is a TypeError naming it', () => {
    const text = 'option must be a non-empty string of at most 256 characters';
    const ttl = '"ttlMs" option must be a whole number of seconds in ms, from 1000 to 86400000';
    const tolerance =
      '"clockToleranceMs" option must be a whole number of seconds in ms, from 0 to 60000';
    const bad: [Record<string, unknown>, string][] = [
      [{ keys: undefined }, '"keys" option must be a SigningKeys'],
      [{ keys: {} }, '"keys" option must be a SigningKeys'],
      [{ clock: undefined }, '"clock" option must have a now() method'],
      [{ clock: { now: 5 } }, '"clock" option must have a now() method'],
      [{ issuer: '' }, `"issuer" ${text}`],
      [{ issuer: '  ' }, `"issuer" ${text}`],
      [{ issuer: 'x'.repeat(257) }, `"issuer" ${text}`],
      [{ audience: 7 }, `"audience" ${text}`],
      [{ ttlMs: 0 }, ttl],
      [{ ttlMs: 1500 }, ttl],
      [{ ttlMs: '900000' }, ttl],
      [{ ttlMs: 86_401_000 }, ttl],
      [{ ttlMs: Number.NaN }, ttl],
      [{ clockToleranceMs: -1000 }, tolerance],
      [{ clockToleranceMs: 61_000 }, tolerance],
      [{ clockToleranceMs: 2.5 }, tolerance],
      [{ algorithm: 'hs256' }, "\"algorithm\" option must be 'ed25519' or 'rsa-pss'"],
      [{ algorithm: 'none' }, "\"algorithm\" option must be 'ed25519' or 'rsa-pss'"],
    ];
    for (const [change, message] of bad) {
      assert.throws(
        () => resolveAccessTokensOptions({ ...base, ...change } as AccessTokensOptions),
        new TypeError(message),
      );
    }
    for (const nothing of [null, undefined, 'options']) {
      assert.throws(
        () => resolveAccessTokensOptions(nothing as unknown as AccessTokensOptions),
        new TypeError('options must be an object'),
      );
    }
  });
});
