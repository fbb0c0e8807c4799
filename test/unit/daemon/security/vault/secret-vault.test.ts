import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import { KeyRing } from '../../../../../daemon/security/crypto/index.js';
import {
  MAX_SECRET_BYTES,
  parseSecretName,
  SecretVault,
} from '../../../../../daemon/security/vault/secret-vault.js';
import { FakeSecrets } from '../crypto/fake-secrets.js';
import { events, failingStore, onlyEvent, openTestCore } from '../engine/engine-fixtures.js';

const BAD_NAME =
  'secret name must be 1-128 characters: letters, digits and . _ / -, starting with a letter or digit';

async function setup() {
  const { core, clock } = await openTestCore();
  return { core, clock, vault: core.security.vault, audit: core.audit, store: core.store };
}

describe('parseSecretName', () => {
  test('accepts names of the documented shape, refuses the rest', () => {
    for (const name of ['a', 'db/password', 'A.b_c-d/9', `x${'y'.repeat(127)}`])
      assert.equal(parseSecretName(name), name);
    for (const name of ['', '.hidden', '/abs', 'has space', 'ü', `x${'y'.repeat(128)}`, 42, null])
      assert.throws(() => parseSecretName(name), {
        code: 'INVALID_INPUT',
        message: BAD_NAME,
        details: { field: 'name' },
      });
  });
});

describe('SecretVault', () => {
  test('put, get, list and delete', async () => {
    const { vault, clock } = await setup();
    const created = await vault.put('db/password', 'hunter2 but longer', 'root');
    assert.equal(created.created, true);
    assert.deepEqual(created.secret, {
      name: 'db/password',
      bytes: 18,
      keyVersion: 1,
      createdAt: clock.now(),
      updatedAt: clock.now(),
      createdBy: 'root',
      updatedBy: 'root',
    });
    await vault.put('api-key', Buffer.from([0, 1, 2, 255]), 'root');
    assert.deepEqual(await vault.get('db/password', 'alice'), Buffer.from('hunter2 but longer'));
    assert.deepEqual(await vault.get('api-key', 'alice'), Buffer.from([0, 1, 2, 255]));
    assert.deepEqual(
      vault.list().map((s) => [s.name, s.bytes]),
      [
        ['api-key', 4],
        ['db/password', 18],
      ],
    );
    assert.equal('ciphertext' in (vault.list()[0] as object), false);

    clock.advance(1000);
    const updated = await vault.put('db/password', 'new value', 'alice');
    assert.equal(updated.created, false);
    assert.deepEqual(
      [
        updated.secret.createdAt,
        updated.secret.updatedAt,
        updated.secret.createdBy,
        updated.secret.updatedBy,
      ],
      [clock.now() - 1000, clock.now(), 'root', 'alice'],
    );
    assert.equal((await vault.get('db/password', 'alice')).toString(), 'new value');

    const deleted = await vault.delete('db/password', 'root');
    assert.equal(deleted.name, 'db/password');
    assert.deepEqual(
      vault.list().map((s) => s.name),
      ['api-key'],
    );
    await assert.rejects(vault.get('db/password', 'root'), {
      code: 'NOT_FOUND',
      message: "no secret named 'db/password'",
    });
    await assert.rejects(vault.delete('db/password', 'root'), {
      code: 'NOT_FOUND',
      message: "no secret named 'db/password'",
    });
  });

  test('values are stored only as ciphertext', async () => {
    const { vault, store } = await setup();
    await vault.put('token', 'plain-text-value', 'root');
    const stored = JSON.stringify(store.data.secrets);
    assert.equal(stored.includes('plain-text-value'), false);
    assert.match(store.data.secrets[0]?.ciphertext ?? '', /^cbv1:/);
  });

  test('bad names and sizes are refused with exact messages', async () => {
    const { vault, store } = await setup();
    await assert.rejects(vault.put('bad name', 'x', 'root'), {
      code: 'INVALID_INPUT',
      message: BAD_NAME,
    });
    await assert.rejects(vault.get('../etc', 'root'), { code: 'INVALID_INPUT', message: BAD_NAME });
    await assert.rejects(vault.delete('', 'root'), { code: 'INVALID_INPUT', message: BAD_NAME });
    await assert.rejects(vault.put('empty', '', 'root'), {
      code: 'INVALID_INPUT',
      message: 'secret value is empty',
      details: { field: 'value' },
    });
    await assert.rejects(vault.put('big', Buffer.alloc(MAX_SECRET_BYTES + 1), 'root'), {
      code: 'INVALID_INPUT',
      message: 'secret value is larger than 65536 bytes',
      details: { field: 'value' },
    });
    // The limit is in bytes, not characters.
    await assert.rejects(vault.put('big', 'é'.repeat(MAX_SECRET_BYTES / 2 + 1), 'root'), {
      message: 'secret value is larger than 65536 bytes',
    });
    assert.equal(store.data.secrets.length, 0);
    const largest = await vault.put('largest', Buffer.alloc(MAX_SECRET_BYTES, 7), 'root');
    assert.equal(largest.secret.bytes, MAX_SECRET_BYTES);
  });

  test('the name is bound in: a ciphertext moved to another record does not open', async () => {
    const { vault, store, audit } = await setup();
    await vault.put('one', 'first value', 'root');
    await vault.put('two', 'second value', 'root');
    const [one, two] = store.data.secrets;
    assert.ok(one !== undefined && two !== undefined);
    await store.mutate(() => {
      const before = two.ciphertext;
      two.ciphertext = one.ciphertext;
      return { result: undefined, undo: () => void (two.ciphertext = before) };
    });
    await assert.rejects(vault.get('two', 'mallory'), {
      code: 'INVALID_INPUT',
      message: 'ciphertext failed authentication (altered, or sealed with other associated data)',
      details: { reason: 'tampered', field: 'ciphertext' },
    });
    const failed = events(audit, 'secret.read').at(-1);
    assert.deepEqual(
      [failed?.actor, failed?.subject, failed?.outcome, failed?.details],
      ['mallory', 'two', 'failure', { reason: 'tampered' }],
    );
  });

  test('reads are audited by name only; no value reaches the log', async () => {
    const { vault, audit } = await setup();
    await vault.put('db/password', 'the-secret-value', 'root');
    await vault.get('db/password', 'alice');
    await vault.put('db/password', 'another-secret-value', 'root');
    await vault.delete('db/password', 'root');
    assert.deepEqual(
      events(audit)
        .filter((e) => e.type.startsWith('secret.'))
        .map((e) => [e.type, e.actor, e.subject, e.outcome, e.details]),
      [
        ['secret.created', 'root', 'db/password', 'success', { bytes: 16 }],
        ['secret.read', 'alice', 'db/password', 'success', {}],
        ['secret.updated', 'root', 'db/password', 'success', { bytes: 20 }],
        ['secret.deleted', 'root', 'db/password', 'success', {}],
      ],
    );
    const text = JSON.stringify(events(audit));
    assert.equal(text.includes('secret-value'), false);
    assert.equal(text.includes('cbv1:'), false);
  });

  test('rewrapAll re-seals under the newest key after a rotation', async () => {
    const { vault, core } = await setup();
    await vault.put('a', 'value a', 'root');
    await vault.put('b', 'value b', 'root');
    assert.equal(await vault.rewrapAll(), 0, 'nothing is due before a rotation');
    const ring = await core.security.keys.ring();
    assert.equal(await ring.rotate(), 2);
    await vault.put('c', 'value c', 'root');
    assert.deepEqual(
      vault.list().map((s) => s.keyVersion),
      [1, 1, 2],
    );
    assert.equal(await vault.rewrapAll(), 2);
    assert.deepEqual(
      vault.list().map((s) => s.keyVersion),
      [2, 2, 2],
    );
    assert.equal((await vault.get('a', 'root')).toString(), 'value a');
    assert.equal((await vault.get('b', 'root')).toString(), 'value b');
    assert.equal(await vault.rewrapAll(), 0);
  });

  test('a failed write undoes put, delete and rewrapAll', async () => {
    const clock = new ManualClock();
    const { store, adapter } = await failingStore();
    const { log: audit } = await AuditLog.open({ file: null, clock });
    const ring = await KeyRing.open(new FakeSecrets());
    const vault = new SecretVault(store, async () => ring, audit, clock);
    await vault.put('kept', 'kept value', 'root');
    const before = structuredClone(store.data.secrets);
    adapter.failWith = new Error('disk full');
    const failed = {
      code: 'STORE_WRITE_FAILED',
      message: 'could not write the store fake: disk full',
    };
    await assert.rejects(vault.put('new', 'value', 'root'), failed);
    await assert.rejects(vault.put('kept', 'replacement', 'root'), failed);
    await assert.rejects(vault.delete('kept', 'root'), failed);
    await ring.rotate();
    await assert.rejects(vault.rewrapAll(), failed);
    assert.deepEqual(store.data.secrets, before);
    assert.equal((await vault.get('kept', 'root')).toString(), 'kept value');
    assert.deepEqual(
      events(audit).map((e) => e.type),
      ['secret.created', 'secret.read'],
    );
    assert.equal(onlyEvent(audit, 'secret.read').outcome, 'success');
  });
});
