import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODES, pickMode, type MonitoringOptions } from '../../../../../../src/cli/commands/monitoring/modes.js';
import { AppError } from '../../../../../../src/protocol/errors.js';

function refused(options: MonitoringOptions, message: string): void {
  assert.throws(
    () => pickMode(options),
    (error: unknown) => {
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.exitCode, 2);
      assert.equal(error.message, message);
      return true;
    },
  );
}

describe('pickMode', () => {
  test('returns the one mode given, with the options it takes', () => {
    assert.equal(pickMode({ health: true }), 'health');
    assert.equal(pickMode({ metrics: true }), 'metrics');
    assert.equal(pickMode({ metrics: 'cpu', range: 3_600_000 }), 'metrics');
    assert.equal(pickMode({ metrics: true, prometheus: true }), 'metrics');
    assert.equal(pickMode({ push: [{ name: 'a', value: 1 }], type: 'gauge', label: { a: 'b' } }), 'push');
    assert.equal(pickMode({ alerts: true, all: true }), 'alerts');
    assert.equal(pickMode({ ack: 'abc', comment: 'x', for: 1000 }), 'ack');
    assert.equal(pickMode({ addRule: 'R', expr: 'up == 0', severity: 'critical', for: 1, keepFiringFor: 1, label: {}, annotation: {}, description: 'd' }), 'addRule');
    assert.equal(pickMode({ addCheck: 'c', type: 'http', target: 'https://x', interval: 1, timeout: 1, expectStatus: [200], expectBody: 'ok', maxLatency: 1, failureThreshold: 1, successThreshold: 1 }), 'addCheck');
    assert.equal(pickMode({ silence: ['a=b'], for: 60_000, comment: 'x' }), 'silence');
    assert.equal(pickMode({ forecast: 'disk', threshold: 90, range: 3_600_000 }), 'forecast');
    for (const mode of ['rules', 'checks', 'silences'] as const) assert.equal(pickMode({ [mode]: true }), mode);
    assert.equal(pickMode({ dashboard: true }), 'dashboard');
    // commander's default open: true is not an option given; --no-open (false) goes with --web only.
    assert.equal(pickMode({ web: true, open: true }), 'web');
    assert.equal(pickMode({ web: true, open: false }), 'web');
    assert.equal(pickMode({ health: true, open: true }), 'health');
    refused({ health: true, open: false }, '--no-open does not apply to --health; it goes with --web');
    for (const mode of ['removeRule', 'explain', 'removeCheck', 'heartbeat', 'unsilence'] as const) assert.equal(pickMode({ [mode]: 'x' }), mode);
  });

  test('no mode suggests the main ones', () => {
    const flags = Object.values(MODES).map((m) => m.flag);
    assert.equal(flags.length, 32);
    refused({}, 'no action given: use a mode such as --health, --metrics, --alerts, --rules, --checks or --channels (see clickup-brain monitoring --help)');
    refused({ all: true }, 'no action given: use a mode such as --health, --metrics, --alerts, --rules, --checks or --channels (see clickup-brain monitoring --help)');
  });

  test('the notification modes and the options they take', () => {
    assert.equal(pickMode({ channels: true }), 'channels');
    assert.equal(pickMode({ addChannel: 'hook', type: 'webhook', url: 'http://x', sendResolved: true }), 'addChannel');
    assert.equal(pickMode({ addRoute: 'db', channel: ['hook'], match: ['service=db'], groupWait: 0 }), 'addRoute');
    assert.equal(pickMode({ notifications: true, since: { ago: 60_000 }, channel: ['hook'] }), 'notifications');
    refused({ addChannel: 'hook' }, '--add-channel needs --type <type>');
    refused({ addRoute: 'db' }, '--add-route needs --channel <name>');
    refused({ channels: true, url: 'http://x' }, '--url does not apply to --channels; it goes with --add-channel');
    refused({ addChannel: 'hook', type: 'webhook', match: ['a=b'] }, '--match does not apply to --add-channel; it goes with --add-route');
  });

  test('two or more modes are refused, naming them', () => {
    refused({ rules: true, checks: true }, '--rules and --checks cannot be used together');
    refused({ health: true, metrics: 'cpu', forecast: 'cpu' }, '--health, --metrics and --forecast cannot be used together');
  });

  test('an option of another mode is refused, naming the option, the mode and its owners', () => {
    refused({ rules: true, expr: 'up' }, '--expr does not apply to --rules; it goes with --add-rule');
    refused({ metrics: true, for: 1000 }, '--for does not apply to --metrics; it goes with --ack, --add-rule, --silence or --maintenance');
    refused({ checks: true, threshold: 5 }, '--threshold does not apply to --checks; it goes with --add-check or --forecast');
    refused({ health: true, all: true }, '--all does not apply to --health; it goes with --alerts');
    refused({ push: [{ name: 'a', value: 1 }], annotation: { a: 'b' } }, '--annotation does not apply to --push; it goes with --add-rule');
  });

  test('a mode without an option it needs is refused', () => {
    refused({ addRule: 'R' }, '--add-rule needs --expr <expression>');
    refused({ addCheck: 'c' }, '--add-check needs --type <type>');
    refused({ silence: ['a=b'], comment: 'x' }, '--silence needs --for <duration>');
    refused({ silence: ['a=b'], for: 60_000 }, '--silence needs --comment <text>');
    refused({ ack: 'abc' }, '--ack needs --comment <text>');
  });

  test('--metrics: --range needs a name, --prometheus takes none and no --range', () => {
    refused({ metrics: true, range: 60_000 }, '--range needs a metric name: clickup-brain monitoring --metrics <name> --range <duration>');
    refused({ metrics: 'cpu', prometheus: true }, '--prometheus prints every metric and takes no metric name: clickup-brain monitoring --metrics --prometheus');
    refused({ metrics: true, prometheus: true, range: 60_000 }, '--prometheus and --range cannot be used together');
  });
});
