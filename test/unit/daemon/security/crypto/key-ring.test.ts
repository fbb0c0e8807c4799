import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../../src/protocol/errors.js';
import { CryptoInputError, KeyRing } from '../../../../../daemon/security/crypto/index.js';
import { FakeSecrets } from './fake-secrets.js';

const refused = (reason: string) => (error: unknown): boolean => {
  assert.ok(error instanceof CryptoInputError, `expected CryptoInputError, got ${String(error)}`);
  assert.ok(error instanceof AppError);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.equal(error.details['reason'], reason);
  return true;
};

/** The raw data keys, read from the fake store the way an attacker with the file would. */
function storedKeys(secrets: FakeSecrets, name = 'data-keys'): string[] {
  const ring = JSON.parse(secrets.values.get(name) ?? '{}') as { keys: { key: string }[] };
  return ring.keys.map((k) => k.key);
}

function assertNoSecrets(error: unknown, secrets: FakeSecrets, plaintext: string): void {
  const text = `${(error as Error).message} ${JSON.stringify((error as AppError).details)} ${(error as Error).stack ?? ''}`;
  for (const key of storedKeys(secrets)) {
    assert.ok(!text.includes(key), 'error text contains key bytes (base64)');
    assert.ok(!text.includes(Buffer.from(key, 'base64').toString('base64url')), 'error text contains key bytes (base64url)');
    assert.ok(!text.includes(Buffer.from(key, 'base64').toString('hex')), 'error text contains key bytes (hex)');
  }
  assert.ok(!text.includes(plaintext), 'error text contains the plaintext');
}

function flip(ciphertext: string, byteIndex: number): string {
  const [prefix, body] = ciphertext.split(':') as [string, string];
  const bytes = Buffer.from(body, 'base64url');
  bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
  return `${prefix}:${bytes.toString('base64url')}`;
}

describe('KeyRing', () => {
  test('open creates version 1 once and stores it', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets, 'data-keys', { now: () => new Date('2024-01-02T03:04:05Z') });
    assert.equal(ring.latestVersion, 1);
    assert.equal(ring.minDecryptionVersion, 1);
    assert.deepEqual(ring.versions(), [{ version: 1, createdAt: '2024-01-02T03:04:05.000Z', retired: false }]);
    assert.equal(secrets.writes, 1);
    const stored = JSON.parse(secrets.values.get('data-keys') ?? '') as { keys: { key: string }[] };
    assert.equal(Buffer.from(stored.keys[0]?.key ?? '', 'base64').length, 32);
    await KeyRing.open(secrets);
    assert.equal(secrets.writes, 1, 'reopening does not write');
  });

  test('round trips strings, buffers, empty and large data', async () => {
    const ring = await KeyRing.open(new FakeSecrets());
    for (const value of ['hello', '', 'ünïcødé ✓', 'x'.repeat(100_000)]) {
      const ct = ring.encrypt(value);
      assert.match(ct, /^cbv1:[A-Za-z0-9_-]+$/);
      assert.ok(!ct.includes(Buffer.from(value).toString('base64url')) || value === '');
      assert.equal(ring.decryptToString(ct), value);
    }
    const bin = Buffer.from([0, 255, 1, 254]);
    assert.deepEqual(ring.decrypt(ring.encrypt(bin)), bin);
  });

  test('associated data is bound: same aad opens, other or missing aad is tampered', async () => {
    const ring = await KeyRing.open(new FakeSecrets());
    const ct = ring.encrypt('secret', 'user:42');
    assert.equal(ring.decryptToString(ct, 'user:42'), 'secret');
    assert.equal(ring.decryptToString(ct, Buffer.from('user:42')), 'secret');
    assert.throws(() => ring.decrypt(ct, 'user:43'), refused('tampered'));
    assert.throws(() => ring.decrypt(ct), refused('tampered'));
    assert.throws(() => ring.decrypt(ring.encrypt('secret'), 'user:42'), refused('tampered'));
  });

  test('a fresh nonce for every message', async () => {
    const ring = await KeyRing.open(new FakeSecrets());
    const nonces = new Set<string>();
    const texts = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const ct = ring.encrypt('same plaintext');
      texts.add(ct);
      nonces.add(Buffer.from(ct.slice(5), 'base64url').subarray(0, 12).toString('hex'));
    }
    assert.equal(nonces.size, 5000);
    assert.equal(texts.size, 5000);
  });

  test('flipping any byte (nonce, ciphertext, tag) is refused as tampered', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets);
    const ct = ring.encrypt('attack at dawn', 'aad');
    const length = Buffer.from(ct.slice(5), 'base64url').length;
    assert.equal(length, 12 + 14 + 16);
    for (let i = 0; i < length; i++) {
      assert.throws(() => ring.decrypt(flip(ct, i), 'aad'), (error) => {
        refused('tampered')(error);
        assertNoSecrets(error, secrets, 'attack at dawn');
        return true;
      }, `byte ${i}`);
    }
    // Truncating the tag or appending bytes is refused too.
    const bytes = Buffer.from(ct.slice(5), 'base64url');
    assert.throws(() => ring.decrypt(`cbv1:${bytes.subarray(0, -1).toString('base64url')}`, 'aad'), refused('tampered'));
    assert.throws(() => ring.decrypt(`cbv1:${Buffer.concat([bytes, Buffer.of(0)]).toString('base64url')}`, 'aad'), refused('tampered'));
  });

  test('a ciphertext from another ring is tampered, not garbage', async () => {
    const a = await KeyRing.open(new FakeSecrets());
    const b = await KeyRing.open(new FakeSecrets());
    assert.throws(() => b.decrypt(a.encrypt('x')), refused('tampered'));
  });

  test('malformed input and unknown versions carry exact codes', async () => {
    const ring = await KeyRing.open(new FakeSecrets());
    const body = ring.encrypt('x').slice(5);
    assert.throws(() => ring.decrypt('garbage'), refused('malformed'));
    assert.throws(() => ring.decrypt(undefined as unknown as string), refused('malformed'));
    assert.throws(() => ring.decrypt(`cbv2:${body}`), refused('unknown_key_version'));
    assert.throws(() => ring.encrypt(42 as unknown as string), refused('malformed'));
    assert.throws(() => ring.decrypt(`cbv1:${body}`, 7 as unknown as string), refused('malformed'));
  });

  test('rotation: new data uses the new key, old data still decrypts, rewrap moves it', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets);
    const old = ring.encrypt('v1 data', 'ctx');
    assert.equal(await ring.rotate(), 2);
    assert.equal(ring.latestVersion, 2);
    const fresh = ring.encrypt('v2 data');
    assert.match(fresh, /^cbv2:/);
    assert.equal(ring.decryptToString(old, 'ctx'), 'v1 data');
    assert.ok(ring.needsRewrap(old));
    assert.ok(!ring.needsRewrap(fresh));
    const moved = ring.rewrap(old, 'ctx');
    assert.match(moved, /^cbv2:/);
    assert.equal(ring.decryptToString(moved, 'ctx'), 'v1 data');
    assert.throws(() => ring.rewrap(old, 'other'), refused('tampered'));
    const keys = storedKeys(secrets);
    assert.equal(keys.length, 2);
    assert.notEqual(keys[0], keys[1]);
  });

  test('minimum decryption version retires old keys, only upwards and up to the latest', async () => {
    const ring = await KeyRing.open(new FakeSecrets());
    const v1 = ring.encrypt('one');
    await ring.rotate();
    const v2 = ring.encrypt('two');
    await assert.rejects(ring.setMinDecryptionVersion(3), refused('invalid_version'));
    await assert.rejects(ring.setMinDecryptionVersion(0), refused('invalid_version'));
    await assert.rejects(ring.setMinDecryptionVersion(1.5), refused('invalid_version'));
    await ring.setMinDecryptionVersion(2);
    assert.equal(ring.minDecryptionVersion, 2);
    assert.throws(() => ring.decrypt(v1), refused('retired_key_version'));
    assert.throws(() => ring.rewrap(v1), refused('retired_key_version'));
    assert.equal(ring.decryptToString(v2), 'two');
    assert.deepEqual(ring.versions().map((v) => v.retired), [true, false]);
    await assert.rejects(ring.setMinDecryptionVersion(1), refused('invalid_version'));
    await ring.setMinDecryptionVersion(2);
  });

  test('persistence: reopening gives the same keys, versions and minimum', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets, 'ring-a');
    const v1 = ring.encrypt('one');
    await ring.rotate();
    const v2 = ring.encrypt('two');
    await ring.rotate();
    await ring.setMinDecryptionVersion(2);
    const again = await KeyRing.open(secrets, 'ring-a');
    assert.deepEqual(again.versions(), ring.versions());
    assert.equal(again.latestVersion, 3);
    assert.equal(again.decryptToString(v2), 'two');
    assert.throws(() => again.decrypt(v1), refused('retired_key_version'));
    assert.equal(ring.decryptToString(again.encrypt('three')), 'three');
  });

  test('a failed write leaves the ring unchanged', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets);
    secrets.failNextWrite = true;
    await assert.rejects(ring.rotate(), /disk full/);
    assert.equal(ring.latestVersion, 1);
    assert.match(ring.encrypt('x'), /^cbv1:/);
    assert.equal(await ring.rotate(), 2);
  });

  test('concurrent rotations each add one version', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets);
    const versions = await Promise.all([ring.rotate(), ring.rotate(), ring.rotate()]);
    assert.deepEqual(versions, [2, 3, 4]);
    assert.equal((await KeyRing.open(secrets)).latestVersion, 4);
  });

  test('a corrupt stored ring is refused without echoing it', async () => {
    for (const raw of ['not json', '{}', JSON.stringify({ format: 1, minDecryptionVersion: 1, keys: [{ version: 1, createdAt: 'x', key: 'c2hvcnQ=' }] })]) {
      const secrets = new FakeSecrets();
      secrets.values.set('data-keys', raw);
      await assert.rejects(KeyRing.open(secrets), (error) => {
        refused('corrupt_key_store')(error);
        assert.ok(!(error as Error).message.includes('c2hvcnQ'));
        return true;
      });
    }
  });

  test('no key material or plaintext in any error message', async () => {
    const secrets = new FakeSecrets();
    const ring = await KeyRing.open(secrets);
    await ring.rotate();
    const ct = ring.encrypt('top secret plaintext');
    const failures: unknown[] = [];
    for (const attempt of [
      () => ring.decrypt(flip(ct, 20)),
      () => ring.decrypt(ct, 'wrong'),
      () => ring.decrypt(`cbv9:${ct.slice(5)}`),
      () => ring.decrypt('cbv1:!!'),
    ]) {
      try {
        attempt();
      } catch (error) {
        failures.push(error);
      }
    }
    await ring.setMinDecryptionVersion(2);
    try {
      ring.decrypt(`cbv1:${ct.slice(5)}`);
    } catch (error) {
      failures.push(error);
    }
    assert.equal(failures.length, 5);
    for (const error of failures) assertNoSecrets(error, secrets, 'top secret plaintext');
    assert.ok(!JSON.stringify(ring.versions()).includes(storedKeys(secrets)[0] ?? '-'));
  });
});
