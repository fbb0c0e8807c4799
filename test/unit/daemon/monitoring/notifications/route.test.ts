import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_ROUTE_ID,
  matchRoutes,
  parseRoute,
  routeMatches,
  routeSpecSchema,
} from '../../../../../daemon/monitoring/notifications/route.js';
import { HOUR, MINUTE, refuses, SECOND } from './fixtures.js';

describe('parseRoute', () => {
  test('applies the defaults: no matchers, no continue, grouped by alertname, 30s / 5m / 4h', () => {
    assert.deepEqual(parseRoute({ id: 'r', channels: ['ops'] }), {
      id: 'r',
      channels: ['ops'],
      matchers: [],
      continue: false,
      groupBy: ['alertname'],
      groupWaitMs: 30 * SECOND,
      groupIntervalMs: 5 * MINUTE,
      repeatIntervalMs: 4 * HOUR,
    });
    assert.equal(DEFAULT_ROUTE_ID, 'default');
  });

  test('keeps every field given, at the limits, and drops repeated channels and labels', () => {
    const input = {
      id: 'api',
      channels: ['ops', 'pager', 'ops'],
      matchers: ['service=api', 'team=~"ops|infra"', 'env!=dev', 'host!~"db.*"'],
      minSeverity: 'critical',
      continue: true,
      groupBy: ['alertname', 'service', 'service'],
      groupWaitMs: 0,
      groupIntervalMs: SECOND,
      repeatIntervalMs: 30 * 24 * HOUR,
    };
    const route = parseRoute(input);
    assert.deepEqual(route, {
      ...input,
      channels: ['ops', 'pager'],
      groupBy: ['alertname', 'service'],
    });
    assert.equal(routeSpecSchema.safeParse(route).success, true);
    assert.deepEqual(
      parseRoute({
        id: 'x',
        channels: ['a'],
        groupBy: ['...'],
        groupWaitMs: HOUR,
        groupIntervalMs: 24 * HOUR,
        repeatIntervalMs: MINUTE,
      }).groupBy,
      ['...'],
    );
  });

  test('refuses bad input with a message naming the field', () => {
    const ok = { id: 'r', channels: ['ops'] };
    const cases: Array<[unknown, string, string | undefined]> = [
      [null, 'a route must be an object', undefined],
      [['r'], 'a route must be an object', undefined],
      [{ ...ok, receiver: 'x' }, "unknown route field 'receiver'", 'receiver'],
      [{ channels: ['ops'] }, 'id must be a string of 1 to 64 characters', 'id'],
      [{ ...ok, id: '' }, 'id must be a string of 1 to 64 characters', 'id'],
      [{ ...ok, id: 'x'.repeat(65) }, 'id must be a string of 1 to 64 characters', 'id'],
      [{ id: 'r' }, 'channels must be a list of 1 to 20 names of 1 to 64 characters', 'channels'],
      [
        { ...ok, channels: [] },
        'channels must be a list of 1 to 20 names of 1 to 64 characters',
        'channels',
      ],
      [
        { ...ok, channels: [''] },
        'channels must be a list of 1 to 20 names of 1 to 64 characters',
        'channels',
      ],
      [
        { ...ok, channels: 'ops' },
        'channels must be a list of 1 to 20 names of 1 to 64 characters',
        'channels',
      ],
      [
        { ...ok, channels: Array.from({ length: 21 }, (_, i) => `c${i}`) },
        'channels must be a list of 1 to 20 names of 1 to 64 characters',
        'channels',
      ],
      [
        { ...ok, matchers: 'a=b' },
        'matchers must be a list of at most 20 label matchers',
        'matchers',
      ],
      [
        { ...ok, matchers: [1] },
        'matchers must be a list of at most 20 label matchers',
        'matchers',
      ],
      [
        { ...ok, matchers: Array.from({ length: 21 }, () => 'a=b') },
        'matchers must be a list of at most 20 label matchers',
        'matchers',
      ],
      [
        { ...ok, matchers: ['service'] },
        "'service' is not a label matcher; write name=value, name!=value, name=~regex or name!~regex",
        'matchers',
      ],
      [
        { ...ok, matchers: ['a=~"("'] },
        `'a=~"("': invalid regex in matcher: Invalid regular expression: /^(?:()$/s: Unterminated group`,
        'matchers',
      ],
      [
        { ...ok, minSeverity: 'high' },
        'minSeverity must be one of info, warning, critical, emergency',
        'minSeverity',
      ],
      [{ ...ok, continue: 'yes' }, 'continue must be true or false', 'continue'],
      [
        { ...ok, groupBy: [] },
        "groupBy must be a list of 1 to 20 label names, or ['...'] for all labels",
        'groupBy',
      ],
      [
        { ...ok, groupBy: 'alertname' },
        "groupBy must be a list of 1 to 20 label names, or ['...'] for all labels",
        'groupBy',
      ],
      [{ ...ok, groupBy: ['1x'] }, 'groupBy: "1x" is not a label name', 'groupBy'],
      [{ ...ok, groupBy: [3] }, 'groupBy: 3 is not a label name', 'groupBy'],
      [
        { ...ok, groupBy: ['...', 'service'] },
        "groupBy: '...' (all labels) stands alone",
        'groupBy',
      ],
      [
        { ...ok, groupWaitMs: -1 },
        'groupWaitMs must be a whole number of milliseconds from 0 to 3600000 (0 to 1h)',
        'groupWaitMs',
      ],
      [
        { ...ok, groupWaitMs: HOUR + 1 },
        'groupWaitMs must be a whole number of milliseconds from 0 to 3600000 (0 to 1h)',
        'groupWaitMs',
      ],
      [
        { ...ok, groupWaitMs: '30s' },
        'groupWaitMs must be a whole number of milliseconds from 0 to 3600000 (0 to 1h)',
        'groupWaitMs',
      ],
      [
        { ...ok, groupIntervalMs: 999 },
        'groupIntervalMs must be a whole number of milliseconds from 1000 to 86400000 (1s to 24h)',
        'groupIntervalMs',
      ],
      [
        { ...ok, groupIntervalMs: 1.5e3 + 0.5 },
        'groupIntervalMs must be a whole number of milliseconds from 1000 to 86400000 (1s to 24h)',
        'groupIntervalMs',
      ],
      [
        { ...ok, repeatIntervalMs: MINUTE - 1 },
        'repeatIntervalMs must be a whole number of milliseconds from 60000 to 2592000000 (1m to 30d)',
        'repeatIntervalMs',
      ],
      [
        { ...ok, repeatIntervalMs: 30 * 24 * HOUR + 1 },
        'repeatIntervalMs must be a whole number of milliseconds from 60000 to 2592000000 (1m to 30d)',
        'repeatIntervalMs',
      ],
    ];
    for (const [input, message, field] of cases)
      refuses(() => parseRoute(input), 'INVALID_INPUT', message, field);
  });
});

describe('matchRoutes', () => {
  const fallback = parseRoute({ id: 'default', channels: ['ops'] });
  const api = parseRoute({ id: 'api', channels: ['a'], matchers: ['service=api'] });
  const apiContinue = parseRoute({
    id: 'api',
    channels: ['a'],
    matchers: ['service=api'],
    continue: true,
  });
  const ops = parseRoute({ id: 'ops', channels: ['b'], matchers: ['team=~"ops|infra"'] });
  const critical = parseRoute({ id: 'critical', channels: ['pager'], minSeverity: 'critical' });
  const ids = (routes: { id: string }[]) => routes.map((r) => r.id);
  const labels = { alertname: 'HighCPU', service: 'api', team: 'infra' };

  test('the first match wins', () => {
    assert.deepEqual(ids(matchRoutes([api, ops], fallback, { labels, severity: 'warning' })), [
      'api',
    ]);
  });

  test('a matching route with continue lets the next matching ones take the alert too', () => {
    assert.deepEqual(
      ids(matchRoutes([apiContinue, ops, critical], fallback, { labels, severity: 'critical' })),
      ['api', 'ops'],
    );
    assert.deepEqual(
      ids(
        matchRoutes([apiContinue, critical], fallback, {
          labels: { service: 'api' },
          severity: 'warning',
        }),
      ),
      ['api'],
    );
  });

  test('nothing matches: the default route', () => {
    assert.deepEqual(
      ids(matchRoutes([api, ops], fallback, { labels: { team: 'web' }, severity: 'warning' })),
      ['default'],
    );
    assert.deepEqual(ids(matchRoutes([], fallback, { labels, severity: 'info' })), ['default']);
  });

  test('minSeverity: less severe alerts do not match', () => {
    assert.equal(routeMatches(critical, { labels, severity: 'warning' }), false);
    assert.equal(routeMatches(critical, { labels, severity: 'critical' }), true);
    assert.equal(routeMatches(critical, { labels, severity: 'emergency' }), true);
  });

  test('matchers: a missing label reads as empty, regexes are anchored, negations hold', () => {
    const noTeam = parseRoute({ id: 'x', channels: ['a'], matchers: ['team=""'] });
    assert.equal(routeMatches(noTeam, { labels: {}, severity: 'info' }), true);
    assert.equal(routeMatches(noTeam, { labels: { team: 'ops' }, severity: 'info' }), false);
    assert.equal(routeMatches(ops, { labels: { team: 'opsx' }, severity: 'info' }), false);
    const notDev = parseRoute({ id: 'y', channels: ['a'], matchers: ['env!=dev', 'host!~"db.*"'] });
    assert.equal(
      routeMatches(notDev, { labels: { env: 'prod', host: 'web1' }, severity: 'info' }),
      true,
    );
    assert.equal(
      routeMatches(notDev, { labels: { env: 'prod', host: 'db1' }, severity: 'info' }),
      false,
    );
  });
});
