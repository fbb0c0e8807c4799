import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import {
  type MethodName,
  methods,
  notifications,
  notificationTopic,
} from '../../../../src/protocol/methods.js';

/** The smallest valid params of each method. */
const minimalParams: Record<MethodName, Record<string, unknown>> = {
  'daemon.hello': { client: 'cli', version: '0.1.0', protocol: 1 },
  'daemon.ping': {},
  'daemon.status': {},
  'daemon.shutdown': {},
  'config.list': {},
  'config.get': { key: 'log.level' },
  'config.set': { key: 'log.level', value: 'debug' },
  'config.unset': { key: 'log.level' },
  'monitoring.health': {},
  'monitoring.subscribe': {},
  'monitoring.metrics.list': {},
  'monitoring.metrics.get': { name: 'cpu_usage' },
  'monitoring.metrics.exposition': {},
  'monitoring.push': { samples: [{ name: 'jobs', value: 1 }] },
  'monitoring.rules.list': {},
  'monitoring.rules.add': { name: 'high_cpu', expr: 'cpu_usage > 90' },
  'monitoring.rules.load': { text: 'groups: []' },
  'monitoring.rules.remove': { name: 'high_cpu' },
  'monitoring.rules.explain': { name: 'high_cpu' },
  'monitoring.alerts.list': {},
  'monitoring.alerts.ack': { id: 'a1b2c3', comment: 'looking' },
  'monitoring.silences.add': { matchers: ['alertname=high_cpu'], durationMs: 3_600_000, comment: 'deploy' },
  'monitoring.silences.list': {},
  'monitoring.silences.remove': { id: 's1' },
  'monitoring.maintenance.add': { schedule: '0 3 * * *', durationMs: 3_600_000, comment: 'backups' },
  'monitoring.maintenance.list': {},
  'monitoring.maintenance.remove': { id: 'm1' },
  'monitoring.checks.list': {},
  'monitoring.checks.add': { definition: {} },
  'monitoring.checks.load': { text: 'checks: []' },
  'monitoring.checks.remove': { name: 'web' },
  'monitoring.heartbeat': { name: 'backup' },
  'monitoring.forecast': { metric: 'disk_usage' },
  'security.blacklist.add': { target: '203.0.113.7' },
  'security.blacklist.remove': { target: '203.0.113.7' },
  'security.blacklist.list': {},
  'security.blacklist.check': { ip: '203.0.113.7' },
  'security.subscribe': {},
  'security.status': {},
  'security.users.create': { username: 'ada', email: 'ada@example.com', password: 'x' },
  'security.users.import': { content: '' },
  'security.users.list': {},
  'security.users.get': { username: 'ada' },
  'security.users.setRoles': { username: 'ada', roles: ['admin'] },
  'security.users.setStatus': { username: 'ada', status: 'disabled' },
  'security.users.delete': { username: 'ada' },
  'security.users.setPassword': { username: 'ada', password: 'x' },
  'security.users.unlock': { username: 'ada' },
  'security.login': { username: 'ada', password: 'x' },
  'security.refresh': { refreshToken: 'cbr_x' },
  'security.authenticate': { token: 'x' },
  'security.logout': {},
  'security.sessions.list': {},
  'security.sessions.revoke': { id: 's_x' },
  'security.roles': {},
  'security.permissions': { username: 'ada' },
  'security.check': { username: 'ada', permission: 'monitoring.read' },
  'security.grant': { username: 'ada', permission: 'monitoring.read' },
  'security.revoke': { username: 'ada', permission: 'monitoring.read' },
  'security.events': {},
  'security.verifyLog': {},
  'security.allowlist.add': { target: '10.0.0.0/8' },
  'security.allowlist.remove': { target: '10.0.0.0/8' },
  'security.allowlist.list': {},
  'security.scan': { request: {} },
  'security.encrypt': { data: '' },
  'security.decrypt': { ciphertext: 'cbv1:x' },
  'security.sign': { data: '' },
  'security.verify': { data: '', signature: 'x' },
  'security.publicKeys': {},
  'security.rotateKeys': {},
  'security.secrets.put': { name: 'db', value: 'eA==' },
  'security.secrets.get': { name: 'db' },
  'security.secrets.delete': { name: 'db' },
  'security.secrets.list': {},
  'security.posture': {},
  'monitoring.channels.list': {},
  'monitoring.channels.add': { name: 'hook', type: 'webhook', options: {} },
  'monitoring.channels.remove': { name: 'hook' },
  'monitoring.channels.test': { name: 'hook' },
  'monitoring.routes.list': {},
  'monitoring.routes.add': { id: 'db', channels: ['hook'] },
  'monitoring.routes.remove': { id: 'db' },
  'monitoring.notifications.list': {},
};

const addParams = methods['security.blacklist.add'].params;

function firstIssue(schema: z.ZodType, value: unknown): z.core.$ZodIssue | undefined {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, `expected ${JSON.stringify(value)} to be refused`);
  return result.error?.issues[0];
}

describe('the method table', () => {
  test('lists exactly the documented methods', () => {
    assert.deepEqual(Object.keys(methods).sort(), Object.keys(minimalParams).sort());
  });

  for (const name of Object.keys(minimalParams) as MethodName[]) {
    test(`${name}: has zod params and result schemas, takes its minimal params, refuses an unknown field`, () => {
      const spec = methods[name];
      assert.ok(spec.params instanceof z.ZodType);
      assert.ok(spec.result instanceof z.ZodType);
      assert.equal(typeof spec.mutates, 'boolean');
      assert.equal(spec.params.safeParse(minimalParams[name]).success, true);
      const issue = firstIssue(spec.params, { ...minimalParams[name], foo: 1 });
      assert.equal(issue?.code, 'unrecognized_keys');
      assert.deepEqual((issue as { keys: string[] }).keys, ['foo']);
    });
  }

  test('only the methods that change state are marked as mutating', () => {
    const mutating = (Object.keys(methods) as MethodName[])
      .filter((name) => methods[name].mutates)
      .sort();
    assert.deepEqual(mutating, [
      'config.set',
      'config.unset',
      'monitoring.alerts.ack',
      'monitoring.channels.add',
      'monitoring.channels.remove',
      'monitoring.channels.test',
      'monitoring.checks.add',
      'monitoring.checks.load',
      'monitoring.checks.remove',
      'monitoring.maintenance.add',
      'monitoring.maintenance.remove',
      'monitoring.routes.add',
      'monitoring.routes.remove',
      'monitoring.rules.add',
      'monitoring.rules.load',
      'monitoring.rules.remove',
      'monitoring.silences.add',
      'monitoring.silences.remove',
      'security.allowlist.add',
      'security.allowlist.remove',
      'security.blacklist.add',
      'security.blacklist.remove',
      'security.grant',
      'security.login',
      'security.logout',
      'security.refresh',
      'security.revoke',
      'security.rotateKeys',
      'security.secrets.delete',
      'security.secrets.put',
      'security.sessions.revoke',
      'security.users.create',
      'security.users.delete',
      'security.users.import',
      'security.users.setPassword',
      'security.users.setRoles',
      'security.users.setStatus',
      'security.users.unlock',
    ]);
  });

  test('every notification has a schema and a topic', () => {
    assert.deepEqual(Object.keys(notifications).sort(), Object.keys(notificationTopic).sort());
    for (const schema of Object.values(notifications)) assert.ok(schema instanceof z.ZodType);
    assert.deepEqual(notificationTopic, {
      'security.blacklist.changed': 'blacklist',
      'security.event': 'events',
      'monitoring.health.changed': 'health',
      'monitoring.alerts.changed': 'alerts',
      'monitoring.checks.changed': 'checks',
      'monitoring.metrics.changed': 'metrics',
    });
  });
});

describe('security.blacklist.add params', () => {
  test('ttlMs may be absent, null, or a positive integer up to 10 years', () => {
    for (const ttlMs of [undefined, null, 1, 3_600_000, 315_360_000_000]) {
      assert.equal(addParams.safeParse({ target: '1.2.3.4', ttlMs }).success, true, String(ttlMs));
    }
  });

  test('ttlMs must be positive', () => {
    for (const ttlMs of [0, -5]) {
      const issue = firstIssue(addParams, { target: '1.2.3.4', ttlMs });
      assert.deepEqual(issue?.path, ['ttlMs']);
      assert.equal(issue?.message, 'Too small: expected number to be >0');
    }
  });

  test('ttlMs must be an integer number', () => {
    assert.equal(
      firstIssue(addParams, { target: '1.2.3.4', ttlMs: 1.5 })?.message,
      'Invalid input: expected int, received number',
    );
    assert.equal(
      firstIssue(addParams, { target: '1.2.3.4', ttlMs: '5' })?.message,
      'Invalid input: expected number, received string',
    );
  });

  test('ttlMs may not exceed 10 years', () => {
    assert.equal(
      firstIssue(addParams, { target: '1.2.3.4', ttlMs: 315_360_000_001 })?.message,
      'Too big: expected number to be <=315360000000',
    );
  });

  test('reason is at most 500 characters', () => {
    assert.equal(addParams.safeParse({ target: '1.2.3.4', reason: 'r'.repeat(500) }).success, true);
    const issue = firstIssue(addParams, { target: '1.2.3.4', reason: 'r'.repeat(501) });
    assert.deepEqual(issue?.path, ['reason']);
    assert.equal(issue?.message, 'Too big: expected string to have <=500 characters');
  });

  test('target is required, non-empty, at most 100 characters', () => {
    assert.equal(
      firstIssue(addParams, {})?.message,
      'Invalid input: expected string, received undefined',
    );
    assert.equal(
      firstIssue(addParams, { target: '' })?.message,
      'Too small: expected string to have >=1 characters',
    );
    assert.equal(
      firstIssue(addParams, { target: 'a'.repeat(101) })?.message,
      'Too big: expected string to have <=100 characters',
    );
  });
});

describe('other params schemas', () => {
  test('daemon.hello needs a positive integer protocol and bounded names', () => {
    const hello = methods['daemon.hello'].params;
    assert.equal(
      firstIssue(hello, { client: 'cli', version: '1', protocol: 0 })?.message,
      'Too small: expected number to be >0',
    );
    assert.deepEqual(
      firstIssue(hello, { client: 'c'.repeat(65), version: '1', protocol: 1 })?.path,
      ['client'],
    );
  });

  test('subscribe topics are limited to known topics and must not be empty', () => {
    assert.equal(
      methods['monitoring.subscribe'].params.safeParse({ topics: ['health'] }).success,
      true,
    );
    assert.equal(
      methods['monitoring.subscribe'].params.safeParse({ topics: ['health', 'alerts', 'checks'] })
        .success,
      true,
    );
    assert.deepEqual(
      firstIssue(methods['monitoring.subscribe'].params, { topics: ['blacklist'] })?.path,
      ['topics', 0],
    );
    assert.deepEqual(firstIssue(methods['security.subscribe'].params, { topics: [] })?.path, [
      'topics',
    ]);
  });

  test('monitoring durations have lower bounds', () => {
    assert.deepEqual(
      firstIssue(methods['monitoring.metrics.get'].params, { name: 'm', rangeMs: 999 })?.path,
      ['rangeMs'],
    );
    assert.deepEqual(
      firstIssue(methods['monitoring.silences.add'].params, {
        matchers: ['a=b'],
        durationMs: 999,
        comment: 'c',
      })?.path,
      ['durationMs'],
    );
    assert.deepEqual(
      firstIssue(methods['monitoring.forecast'].params, { metric: 'm', rangeMs: 59_999 })?.path,
      ['rangeMs'],
    );
  });

  test('monitoring.push needs 1 to 10000 samples of known types', () => {
    const push = methods['monitoring.push'].params;
    assert.deepEqual(firstIssue(push, { samples: [] })?.path, ['samples']);
    assert.deepEqual(
      firstIssue(push, { samples: [{ name: 'm', value: 1, type: 'meter' }] })?.path,
      ['samples', 0, 'type'],
    );
    assert.equal(
      push.safeParse({
        samples: [{ name: 'm', value: 1, type: 'counter', labels: { k: 'v' }, help: 'h' }],
      }).success,
      true,
    );
  });

  test('maintenance windows last at least a minute and need a comment', () => {
    const add = methods['monitoring.maintenance.add'].params;
    assert.deepEqual(
      firstIssue(add, { schedule: '0 3 * * *', durationMs: 59_999, comment: 'c' })?.path,
      ['durationMs'],
    );
    assert.deepEqual(
      firstIssue(add, { schedule: '0 3 * * *', durationMs: 60_000, comment: '' })?.path,
      ['comment'],
    );
    assert.equal(
      add.safeParse({
        schedule: '0 3 * * 0',
        durationMs: 60_000,
        rule: null,
        timezone: 'Europe/Paris',
        comment: 'c',
      }).success,
      true,
    );
  });

  test('silences need matchers and a comment; acks need a comment', () => {
    const add = methods['monitoring.silences.add'].params;
    assert.deepEqual(firstIssue(add, { matchers: [], durationMs: 1000, comment: 'c' })?.path, [
      'matchers',
    ]);
    assert.deepEqual(
      firstIssue(add, { matchers: ['a=b'], durationMs: 1000, comment: '' })?.path,
      ['comment'],
    );
    assert.deepEqual(
      firstIssue(methods['monitoring.alerts.ack'].params, { id: 'x', comment: '' })?.path,
      ['comment'],
    );
  });

  test('rule severity is one of the four levels', () => {
    const add = methods['monitoring.rules.add'].params;
    for (const severity of ['info', 'warning', 'critical', 'emergency'])
      assert.equal(add.safeParse({ name: 'r', expr: 'up', severity }).success, true, severity);
    assert.deepEqual(firstIssue(add, { name: 'r', expr: 'up', severity: 'loud' })?.path, [
      'severity',
    ]);
  });

  test('config.set value is at most 4096 characters', () => {
    assert.deepEqual(
      firstIssue(methods['config.set'].params, { key: 'k', value: 'v'.repeat(4097) })?.path,
      ['value'],
    );
  });
});
