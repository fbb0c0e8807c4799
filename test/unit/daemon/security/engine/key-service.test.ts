import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import {
  DATA_KEYS_NAME,
  KeyService,
  SIGNING_KEYS_NAME,
} from '../../../../../daemon/security/engine/key-service.js';
import { FakeSecrets } from '../crypto/fake-secrets.js';
import { events } from './engine-fixtures.js';

async function setup() {
  const clock = new ManualClock();
  const secrets = new FakeSecrets();
  const { log: audit } = await AuditLog.open({ file: null, clock });
  return { clock, secrets, audit, keys: new KeyService(secrets, audit, clock) };
}

describe('KeyService', () => {
  test('the ring is made once, on first use, and kept in the secret storage', async () => {
    const { keys, secrets, clock } = await setup();
    assert.equal(secrets.values.size, 0, 'nothing happens before first use');
    const [a, b] = await Promise.all([keys.ring(), keys.ring()]);
    assert.equal(a, b);
    assert.equal(await keys.ring(), a);
    assert.equal(secrets.values.has(DATA_KEYS_NAME), true);
    assert.deepEqual(
      a.versions().map((v) => [v.version, v.createdAt]),
      [[1, new Date(clock.now()).toISOString()]],
    );
  });

  test('a failed open is not kept: the next call tries again', async () => {
    const { keys, secrets } = await setup();
    secrets.failNextWrite = true;
    await assert.rejects(keys.ring(), { message: 'disk full' });
    const ring = await keys.ring();
    assert.equal(ring.versions().length, 1);
  });

  test('signingWith makes a key of an algorithm once, and audits it', async () => {
    const { keys, audit } = await setup();
    const signing = await keys.signingWith('ed25519');
    assert.equal(signing.versions('ed25519').length, 1);
    assert.equal(signing.versions('rsa-pss').length, 0);
    assert.equal(await keys.signingWith('ed25519'), signing);
    const created = events(audit, 'key.created');
    assert.equal(created.length, 1);
    assert.equal(created[0]?.subject, `${SIGNING_KEYS_NAME}:ed25519`);
    assert.deepEqual(created[0]?.details, { version: 1, kid: signing.versions('ed25519')[0]?.kid });
  });

  test('ages: the newest version of each key in use', async () => {
    const { keys, clock } = await setup();
    await keys.ring();
    clock.advance(5000);
    await keys.signingWith('ed25519');
    assert.deepEqual(await keys.ages(), [
      { name: DATA_KEYS_NAME, version: 1, createdAt: clock.now() - 5000 },
      { name: `${SIGNING_KEYS_NAME}:ed25519`, version: 1, createdAt: clock.now() },
    ]);
  });

  test('rotate adds a data key, rewraps, rotates the signing keys in use and audits each', async () => {
    const { keys, audit } = await setup();
    await keys.signingWith('ed25519');
    const ring = await keys.ring();
    let seen = 0;
    const result = await keys.rotate('root', async () => {
      seen = ring.versions().length;
      return 7;
    });
    assert.equal(seen, 2, 'rewrap runs once the new data key exists');
    const kid = (await keys.signing()).versions('ed25519')[1]?.kid;
    assert.deepEqual(result, {
      dataKeyVersion: 2,
      signing: [{ algorithm: 'ed25519', version: 2, kid }],
      rewrapped: 7,
    });
    assert.deepEqual(
      events(audit, 'key.rotated').map((e) => [e.actor, e.subject, e.details]),
      [
        ['root', DATA_KEYS_NAME, { version: 2 }],
        ['root', `${SIGNING_KEYS_NAME}:ed25519`, { version: 2, kid }],
      ],
    );
    assert.deepEqual(
      (await keys.ages()).map((a) => [a.name, a.version]),
      [
        [DATA_KEYS_NAME, 2],
        [`${SIGNING_KEYS_NAME}:ed25519`, 2],
      ],
    );
  });

  test('a failed rewrap stops the rotation after the data key', async () => {
    const { keys, audit } = await setup();
    await keys.signingWith('ed25519');
    await assert.rejects(
      keys.rotate('root', async () => {
        throw new Error('store down');
      }),
      { message: 'store down' },
    );
    assert.equal((await keys.signing()).versions('ed25519').length, 1);
    assert.deepEqual(
      events(audit, 'key.rotated').map((e) => e.subject),
      [DATA_KEYS_NAME],
    );
  });
});
