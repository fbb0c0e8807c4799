import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KINDS, namesFor } from '../../../../../src/cli/completion/kinds.js';

function names(kind: string, result: unknown, prefix = ''): string[] {
  const query = KINDS[kind];
  assert.ok(query !== undefined, kind);
  return namesFor(query, result, prefix);
}

describe('KINDS', () => {
  it('asks read-only list methods', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(KINDS).map(([kind, q]) => [kind, q.method])),
      {
        rule: 'monitoring.rules.list',
        check: 'monitoring.checks.list',
        heartbeat: 'monitoring.checks.list',
        metric: 'monitoring.metrics.list',
        alert: 'monitoring.alerts.list',
        silence: 'monitoring.silences.list',
        maintenance: 'monitoring.maintenance.list',
        channel: 'monitoring.channels.list',
        route: 'monitoring.routes.list',
        user: 'security.users.list',
        permission: 'security.roles',
        blacklist: 'security.blacklist.list',
        allowlist: 'security.allowlist.list',
        secret: 'security.secrets.list',
      },
    );
  });

  it('takes the names out of each answer', () => {
    assert.deepEqual(names('rule', { rules: [{ name: 'B' }, { name: 'A' }] }), ['A', 'B']);
    assert.deepEqual(
      names('heartbeat', {
        checks: [
          { name: 'api', type: 'http' },
          { name: 'job', type: 'heartbeat' },
        ],
      }),
      ['job'],
    );
    assert.deepEqual(names('user', { users: [{ username: 'ada' }] }), ['ada']);
    assert.deepEqual(names('route', { routes: [{ id: 'db' }], defaultRoute: { id: 'default' } }), [
      'db',
    ]);
    assert.deepEqual(names('maintenance', { windows: [{ id: '67056bc1' }] }), ['67056bc1']);
    assert.deepEqual(names('blacklist', { entries: [{ target: '10.0.0.0/8' }] }), ['10.0.0.0/8']);
    assert.deepEqual(names('allowlist', { entries: ['192.0.2.1'], builtIn: ['127.0.0.0/8'] }), [
      '192.0.2.1',
    ]);
    assert.deepEqual(
      names('permission', {
        roles: [
          { role: 'a', permissions: ['monitoring.*', 'x.read'] },
          { role: 'b', permissions: ['x.read'] },
        ],
      }),
      ['monitoring.*', 'x.read'],
    );
  });

  it('keeps those with the prefix, sorted, once each', () => {
    const result = {
      channels: [{ name: 'ops' }, { name: 'mail' }, { name: 'ops' }, { name: 'oncall' }],
    };
    assert.deepEqual(names('channel', result, 'o'), ['oncall', 'ops']);
  });

  it('offers nothing for an odd answer, and drops names that would break the one-per-line output', () => {
    assert.deepEqual(names('rule', null), []);
    assert.deepEqual(names('rule', { rules: 'no' }), []);
    assert.deepEqual(
      names('rule', { rules: [null, 7, { name: 3 }, { name: 'a\nb' }, { name: 'ok' }] }),
      ['ok'],
    );
    assert.deepEqual(names('permission', { roles: [{ permissions: 'x' }, null] }), []);
    assert.deepEqual(names('allowlist', {}), []);
  });
});
