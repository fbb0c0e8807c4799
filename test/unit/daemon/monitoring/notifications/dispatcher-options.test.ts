import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  resolveDispatcherOptions,
  type DispatcherOptions,
} from '../../../../../daemon/monitoring/notifications/dispatcher-options.js';
import { ManualScheduler } from '../../../../../daemon/monitoring/notifications/scheduler.js';
import { misused, route, T0 } from './fixtures.js';

const good = (): DispatcherOptions => ({
  scheduler: new ManualScheduler(T0),
  routes: [route({ id: 'api', channels: ['ops'] })],
  defaultRoute: route({ id: 'default', channels: ['ops'] }),
  channel: () => ({ sendResolved: true }),
  deliver: async () => ({ detail: 'ok' }),
  record: () => {},
});

test('defaults: no external URL (and so no links), 1000 groups of 1000 alerts, 100 alerts a notification', () => {
  const o = resolveDispatcherOptions(good());
  assert.deepEqual(
    [o.externalURL, o.maxGroups, o.maxAlertsPerGroup, o.maxAlertsPerNotification],
    ['', 1000, 1000, 100],
  );
  const alertOf = { rule: 'High CPU/api' } as never;
  assert.equal(o.generatorURL(alertOf), '');
  assert.equal(
    resolveDispatcherOptions({ ...good(), externalURL: 'https://b.example//' }).generatorURL(
      alertOf,
    ),
    'https://b.example/alerts?rule=High%20CPU%2Fapi',
  );
  assert.match(o.newId(), /^[0-9a-f-]{36}$/);
});

test('wrong options are TypeErrors naming the option', () => {
  const cases: Array<[Partial<Record<keyof DispatcherOptions, unknown>>, string]> = [
    [{ scheduler: { now: () => 0 } }, '"scheduler" option must have now, setTimer and clearTimer'],
    [{ routes: 'api' }, '"routes" option must be an array'],
    [{ routes: [{ id: 'x' }] }, '"routes" option must hold routes from parseRoute'],
    [{ defaultRoute: undefined }, '"defaultRoute" option must hold routes from parseRoute'],
    [
      { routes: [route({ id: 'default', channels: ['a'] })] },
      `"routes" option: route id 'default' is used twice`,
    ],
    [{ channel: {} }, '"channel" option must be a function'],
    [{ deliver: undefined }, '"deliver" option must be a function'],
    [{ record: 1 }, '"record" option must be a function'],
    [{ onChange: true }, '"onChange" option must be a function'],
    [{ externalURL: 5 }, '"externalURL" option must be a string'],
    [{ maxGroups: 0 }, '"maxGroups" option must be an integer from 1 to 10000'],
    [
      { maxAlertsPerGroup: 10_001 },
      '"maxAlertsPerGroup" option must be an integer from 1 to 10000',
    ],
    [
      { maxAlertsPerNotification: 1.5 },
      '"maxAlertsPerNotification" option must be an integer from 1 to 10000',
    ],
  ];
  for (const [bad, message] of cases)
    misused(() => resolveDispatcherOptions({ ...good(), ...bad } as DispatcherOptions), message);
  misused(() => resolveDispatcherOptions(null as never), 'options must be an object');
});
