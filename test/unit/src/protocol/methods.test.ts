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
  'security.blacklist.add': { target: '203.0.113.7' },
  'security.blacklist.remove': { target: '203.0.113.7' },
  'security.blacklist.list': {},
  'security.blacklist.check': { ip: '203.0.113.7' },
  'security.subscribe': {},
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

  test('only config.set, config.unset and blacklist add/remove mutate', () => {
    const mutating = (Object.keys(methods) as MethodName[])
      .filter((name) => methods[name].mutates)
      .sort();
    assert.deepEqual(mutating, [
      'config.set',
      'config.unset',
      'security.blacklist.add',
      'security.blacklist.remove',
    ]);
  });

  test('every notification has a schema and a topic', () => {
    assert.deepEqual(Object.keys(notifications).sort(), Object.keys(notificationTopic).sort());
    for (const schema of Object.values(notifications)) assert.ok(schema instanceof z.ZodType);
    assert.deepEqual(notificationTopic, {
      'security.blacklist.changed': 'blacklist',
      'monitoring.health.changed': 'health',
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
    assert.deepEqual(
      firstIssue(methods['monitoring.subscribe'].params, { topics: ['blacklist'] })?.path,
      ['topics', 0],
    );
    assert.deepEqual(firstIssue(methods['security.subscribe'].params, { topics: [] })?.path, [
      'topics',
    ]);
  });

  test('config.set value is at most 4096 characters', () => {
    assert.deepEqual(
      firstIssue(methods['config.set'].params, { key: 'k', value: 'v'.repeat(4097) })?.path,
      ['value'],
    );
  });
});
