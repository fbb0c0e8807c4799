import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { AuditLog } from '../../../../../daemon/security/audit-log.js';
import { AllowlistService } from '../../../../../daemon/security/engine/allowlist-service.js';
import { events, failingStore } from './engine-fixtures.js';

async function setup(allowlist: string[] = []) {
  const { store, adapter } = await failingStore({ allowlist });
  const { log: audit } = await AuditLog.open({ file: null, clock: new ManualClock() });
  return { store, adapter, audit, service: new AllowlistService(store, audit) };
}

describe('AllowlistService', () => {
  test('loopback is always allowed; stored entries are loaded', async () => {
    const { service } = await setup(['198.51.100.0/24']);
    assert.deepEqual(service.list(), {
      entries: ['198.51.100.0/24'],
      builtIn: ['127.0.0.0/8', '::1/128'],
    });
    for (const ip of ['127.0.0.1', '127.9.9.9', '::1', '198.51.100.200'])
      assert.equal(service.current().has(ip), true, ip);
    assert.equal(service.current().has('203.0.113.1'), false);
  });

  test('add stores the canonical form, durably, and applies at once', async () => {
    const { service, adapter, audit } = await setup();
    const before = service.current();
    assert.deepEqual(await service.add(' 2001:DB8:0:0::/32 ', 'root'), {
      entry: '2001:db8::/32',
      created: true,
    });
    assert.deepEqual(adapter.data?.allowlist, ['2001:db8::/32']);
    assert.notEqual(service.current(), before, 'a new allowlist is built');
    assert.equal(service.current().has('2001:db8:1::5'), true);
    assert.deepEqual(await service.add('2001:db8::/32', 'root'), {
      entry: '2001:db8::/32',
      created: false,
    });
    const added = events(audit, 'allowlist.added');
    assert.deepEqual(
      added.map((e) => [e.actor, e.subject, e.outcome]),
      [['root', '2001:db8::/32', 'success']],
    );
  });

  test('a built-in entry is not stored again', async () => {
    const { service, adapter, audit } = await setup();
    assert.deepEqual(await service.add('::1/128', 'root'), { entry: '::1', created: false });
    assert.deepEqual(await service.add('127.0.0.0/8', 'root'), {
      entry: '127.0.0.0/8',
      created: false,
    });
    assert.equal(adapter.writes, 0);
    assert.equal(events(audit).length, 0);
  });

  test('bad targets are refused with the field named', async () => {
    const { service } = await setup();
    await assert.rejects(service.add('198.51.100.7/24', 'root'), {
      code: 'INVALID_INPUT',
      message: "'198.51.100.7/24' has host bits set; did you mean 198.51.100.0/24?",
      details: { field: 'target' },
    });
    await assert.rejects(service.remove('nonsense', 'root'), {
      code: 'INVALID_INPUT',
      details: { field: 'target' },
    });
  });

  test('remove takes an entry out; built-in and unknown ones are refused', async () => {
    const { service, adapter, audit } = await setup(['198.51.100.0/24', '192.0.2.1']);
    assert.equal(await service.remove('198.51.100.0/24', 'root'), '198.51.100.0/24');
    assert.deepEqual(adapter.data?.allowlist, ['192.0.2.1']);
    assert.equal(service.current().has('198.51.100.7'), false);
    assert.equal(events(audit, 'allowlist.removed')[0]?.subject, '198.51.100.0/24');
    for (const [text, entry] of [
      ['127.0.0.0/8', '127.0.0.0/8'],
      ['::1/128', '::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
    ] as const) {
      await assert.rejects(service.remove(text, 'root'), {
        code: 'INVALID_INPUT',
        message: `${entry} is built in (loopback is never banned automatically)`,
        details: { field: 'target' },
      });
    }
    await assert.rejects(service.remove('203.0.113.1', 'root'), {
      code: 'NOT_FOUND',
      message: '203.0.113.1 is not on the allowlist',
    });
  });

  test('a failed write leaves the list and the allowlist in force as they were', async () => {
    const { service, adapter, store, audit } = await setup(['192.0.2.1']);
    adapter.failWith = new Error('disk full');
    const failed = {
      code: 'STORE_WRITE_FAILED',
      message: 'could not write the store fake: disk full',
    };
    await assert.rejects(service.add('198.51.100.0/24', 'root'), failed);
    assert.deepEqual(store.data.allowlist, ['192.0.2.1']);
    assert.equal(service.current().has('198.51.100.1'), false);
    await assert.rejects(service.remove('192.0.2.1', 'root'), failed);
    assert.deepEqual(store.data.allowlist, ['192.0.2.1']);
    assert.equal(service.current().has('192.0.2.1'), true);
    assert.equal(events(audit).length, 0);
  });
});
