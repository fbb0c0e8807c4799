import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  configKeys,
  isConfigKey,
  jsonSchema,
  parseValue,
  specOf,
} from '../../../../daemon/config/keys.js';

const groups =
  "keys are grouped as monitoring.*, health.*, log.*, daemon.*, security.*, http.*, secrets.* (see 'clickup-brain config list')";
const healthKeys =
  'known health keys: health.diskWarnPercent, health.diskCritPercent, health.memoryWarnPercent, health.memoryCritPercent, health.eventLoopLagWarn, health.eventLoopLagCrit';

describe('config keys', () => {
  test('the documented keys and defaults', () => {
    const defaults = Object.fromEntries(
      Object.entries(configKeys).map(([key, spec]) => [key, spec.default]),
    );
    assert.deepEqual(defaults, {
      'monitoring.scrapeInterval': '10s',
      'monitoring.evaluationInterval': '15s',
      'monitoring.retention': '24h',
      'monitoring.inhibition': 'on',
      'monitoring.inhibitionLabels': 'instance',
      'health.diskWarnPercent': 90,
      'health.diskCritPercent': 95,
      'health.memoryWarnPercent': 90,
      'health.memoryCritPercent': 97,
      'health.eventLoopLagWarn': '100ms',
      'health.eventLoopLagCrit': '1s',
      'log.level': 'info',
      'daemon.maxConnections': 128,
      'daemon.maxFrameBytes': 1_048_576,
      'security.bcryptCost': 12,
      'security.passwordMinLength': 15,
      'security.passwordMinScore': 3,
      'security.lockoutFailures': 5,
      'security.lockoutWait': '1m',
      'security.lockoutMaxWait': '15m',
      'security.lockoutReset': '12h',
      'security.lockoutPermanent': 'off',
      'security.banMaxRetry': 5,
      'security.banFindTime': '10m',
      'security.banTime': '10m',
      'security.banMaxTime': '7d',
      'security.banIncrement': 'on',
      'security.simulateLockout': 'off',
      'security.simulateBans': 'off',
      'security.simulateThreats': 'off',
      'security.tokenTtl': '15m',
      'security.tokenAlgorithm': 'ed25519',
      'security.sessionIdle': '30m',
      'security.sessionAbsolute': '12h',
      'security.keyRotation': '90d',
      'http.enabled': 'on',
      'http.host': '127.0.0.1',
      'http.port': 8080,
      'http.tlsCert': '',
      'http.tlsKey': '',
      'http.allowInsecurePublic': 'off',
      'http.statusPage': 'off',
      'http.metricsAllow': '127.0.0.1,::1',
      'http.rateLimit': 20,
      'http.loginRateLimit': 5,
      'secrets.backend': 'auto',
    });
  });

  test('when a change takes effect', () => {
    const applies = Object.fromEntries(
      Object.entries(configKeys).map(([key, spec]) => [key, spec.applies]),
    );
    assert.equal(applies['monitoring.scrapeInterval'], 'live');
    assert.equal(applies['monitoring.evaluationInterval'], 'live');
    assert.equal(applies['monitoring.retention'], 'restart');
    assert.equal(applies['monitoring.inhibition'], 'live');
    assert.equal(applies['monitoring.inhibitionLabels'], 'live');
    assert.equal(applies['daemon.maxConnections'], 'restart');
    assert.equal(applies['log.level'], 'live');
  });

  test('every default is accepted by its own parser', () => {
    for (const [key, spec] of Object.entries(configKeys))
      assert.equal(parseValue(key, String(spec.default)), spec.default, key);
  });

  test('isConfigKey and specOf', () => {
    assert.equal(isConfigKey('log.level'), true);
    assert.equal(isConfigKey('toString'), false);
    assert.equal(specOf('log.level').type, 'enum');
    assert.throws(() => specOf('nope'), {
      code: 'INVALID_INPUT',
      message: `unknown config key 'nope'; ${groups}`,
      details: { field: 'key' },
    });
  });
});

describe('parseValue', () => {
  test('an unknown key lists the known keys of its group', () => {
    assert.throws(() => parseValue('health.diskWarn', '5'), {
      code: 'INVALID_INPUT',
      message: `unknown config key 'health.diskWarn'; ${healthKeys}`,
      details: { field: 'key' },
    });
  });

  test('integers within range', () => {
    assert.equal(parseValue('health.diskWarnPercent', '80'), 80);
    assert.equal(parseValue('health.diskWarnPercent', ' 42 '), 42);
    assert.equal(parseValue('health.diskWarnPercent', '1'), 1);
    assert.equal(parseValue('health.diskWarnPercent', '100'), 100);
    assert.equal(parseValue('daemon.maxFrameBytes', '67108864'), 67_108_864);
  });

  test('integers out of range', () => {
    assert.throws(() => parseValue('health.diskWarnPercent', '0'), {
      code: 'INVALID_INPUT',
      message: 'health.diskWarnPercent must be from 1 to 100 (got 0)',
      details: { field: 'value' },
    });
    assert.throws(() => parseValue('health.diskWarnPercent', '101'), {
      message: 'health.diskWarnPercent must be from 1 to 100 (got 101)',
    });
    assert.throws(() => parseValue('daemon.maxFrameBytes', '-5'), {
      message: 'daemon.maxFrameBytes must be from 1024 to 67108864 (got -5)',
    });
  });

  test('integers that are not whole numbers', () => {
    for (const text of ['5.5', 'ten', '', '1e2', '0x10', '+5']) {
      assert.throws(() => parseValue('health.diskWarnPercent', text), {
        code: 'INVALID_INPUT',
        message: `health.diskWarnPercent must be a whole number from 1 to 100 (got '${text}')`,
        details: { field: 'value' },
      });
    }
  });

  test('durations within range are stored as trimmed text', () => {
    assert.equal(parseValue('monitoring.scrapeInterval', '30s'), '30s');
    assert.equal(parseValue('monitoring.scrapeInterval', ' 1m30s '), '1m30s');
    assert.equal(parseValue('monitoring.scrapeInterval', '1s'), '1s');
    assert.equal(parseValue('monitoring.scrapeInterval', '1h'), '1h');
    assert.equal(parseValue('health.eventLoopLagWarn', '1ms'), '1ms');
  });

  test('durations out of range', () => {
    assert.throws(() => parseValue('monitoring.scrapeInterval', '500ms'), {
      code: 'INVALID_INPUT',
      message: 'monitoring.scrapeInterval must be between 1s and 1h (got 500ms)',
      details: { field: 'value' },
    });
    assert.throws(() => parseValue('monitoring.scrapeInterval', '1h1ms'), {
      message: 'monitoring.scrapeInterval must be between 1s and 1h (got 1h1ms)',
    });
    assert.throws(() => parseValue('health.eventLoopLagWarn', '0ms'), {
      message: 'health.eventLoopLagWarn must be between 1ms and 1m (got 0ms)',
    });
  });

  test('the monitoring evaluation interval and retention ranges', () => {
    assert.equal(parseValue('monitoring.evaluationInterval', '1s'), '1s');
    assert.equal(parseValue('monitoring.evaluationInterval', '1h'), '1h');
    assert.throws(() => parseValue('monitoring.evaluationInterval', '999ms'), {
      code: 'INVALID_INPUT',
      message: 'monitoring.evaluationInterval must be between 1s and 1h (got 999ms)',
      details: { field: 'value' },
    });
    assert.equal(parseValue('monitoring.retention', '1m'), '1m');
    assert.equal(parseValue('monitoring.retention', '7d'), '7d');
    assert.equal(parseValue('monitoring.retention', '90d'), '90d');
    assert.throws(() => parseValue('monitoring.retention', '59s'), {
      message: 'monitoring.retention must be between 1m and 90d (got 59s)',
    });
    assert.throws(() => parseValue('monitoring.retention', '91d'), {
      message: 'monitoring.retention must be between 1m and 90d (got 91d)',
    });
  });

  test('bad durations carry the duration parser message', () => {
    assert.throws(() => parseValue('monitoring.scrapeInterval', '5x'), {
      code: 'INVALID_INPUT',
      message:
        "monitoring.scrapeInterval: '5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d",
      details: { field: 'value' },
    });
    assert.throws(() => parseValue('monitoring.scrapeInterval', '10'), {
      message:
        "monitoring.scrapeInterval: '10' is not a duration (unexpected '10'); write it like 500ms, 15s, 5m, 1h or 7d",
    });
    assert.throws(() => parseValue('health.eventLoopLagCrit', ''), {
      message:
        'health.eventLoopLagCrit: a duration is empty; write it like 500ms, 15s, 5m, 1h or 7d',
    });
  });

  test('label lists: trimmed, empty parts dropped, each a label name', () => {
    assert.equal(parseValue('monitoring.inhibitionLabels', 'instance'), 'instance');
    assert.equal(parseValue('monitoring.inhibitionLabels', ' instance , job ,'), 'instance,job');
    assert.equal(parseValue('monitoring.inhibitionLabels', ''), '');
    assert.throws(() => parseValue('monitoring.inhibitionLabels', 'instance,1job'), {
      code: 'INVALID_INPUT',
      message:
        "monitoring.inhibitionLabels: '1job' is not a label name (letters, digits and _, not starting with a digit)",
      details: { field: 'value' },
    });
    assert.equal(parseValue('monitoring.inhibition', 'off'), 'off');
    assert.throws(() => parseValue('monitoring.inhibition', 'yes'), {
      message: "monitoring.inhibition must be one of on, off (got 'yes')",
    });
  });

  test('enums', () => {
    assert.equal(parseValue('log.level', 'debug'), 'debug');
    assert.equal(parseValue('secrets.backend', 'file'), 'file');
    assert.throws(() => parseValue('log.level', 'loud'), {
      code: 'INVALID_INPUT',
      message: "log.level must be one of fatal, error, warn, info, debug, trace (got 'loud')",
      details: { field: 'value' },
    });
    assert.throws(() => parseValue('secrets.backend', 'File'), {
      message: "secrets.backend must be one of auto, keychain, file (got 'File')",
    });
  });
});

describe('http keys', () => {
  test('a host is an IP address (canonical, brackets dropped) or a host name', () => {
    assert.equal(parseValue('http.host', '[::1]'), '::1');
    assert.equal(parseValue('http.host', '0.0.0.0'), '0.0.0.0');
    assert.equal(parseValue('http.host', 'Dash.Internal'), 'dash.internal');
    assert.throws(() => parseValue('http.host', '300.1.1.1'), {
      code: 'INVALID_INPUT',
      message: "http.host: '300.1.1.1' is not a valid IP address",
    });
    assert.throws(() => parseValue('http.host', 'bad host'), {
      code: 'INVALID_INPUT',
      message:
        "http.host must be an IP address or a host name like 127.0.0.1, ::1 or dash.internal (got 'bad host')",
    });
  });

  test('a path is absolute or empty', () => {
    assert.equal(parseValue('http.tlsCert', ' /etc/ssl/a.pem '), '/etc/ssl/a.pem');
    assert.equal(parseValue('http.tlsKey', ''), '');
    assert.throws(() => parseValue('http.tlsCert', 'rel/a.pem'), {
      code: 'INVALID_INPUT',
      message: "http.tlsCert must be an absolute file path (got 'rel/a.pem')",
    });
  });

  test('an address list is canonical addresses and networks', () => {
    assert.equal(
      parseValue('http.metricsAllow', '127.0.0.1, 10.0.0.0/8,::ffff:192.0.2.1'),
      '127.0.0.1,10.0.0.0/8,192.0.2.1',
    );
    assert.equal(parseValue('http.metricsAllow', ''), '');
    assert.throws(() => parseValue('http.metricsAllow', '10.0.0.1/8'), {
      code: 'INVALID_INPUT',
      message: "http.metricsAllow: '10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?",
    });
  });

  test('port 0 (any free port) is allowed; 65536 is not', () => {
    assert.equal(parseValue('http.port', '0'), 0);
    assert.throws(() => parseValue('http.port', '65536'), {
      code: 'INVALID_INPUT',
      message: 'http.port must be from 0 to 65535 (got 65536)',
    });
  });
});

describe('jsonSchema', () => {
  test('groups keys by their first part and closes each group', () => {
    const schema = jsonSchema() as Record<
      string,
      { type: string; additionalProperties: boolean; properties: Record<string, unknown> }
    >;
    assert.deepEqual(Object.keys(schema).sort(), [
      'daemon',
      'health',
      'http',
      'log',
      'monitoring',
      'secrets',
      'security',
    ]);
    assert.equal(schema['health']?.additionalProperties, false);
    assert.deepEqual(schema['health']?.properties['diskWarnPercent'], {
      type: 'integer',
      minimum: 1,
      maximum: 100,
    });
    assert.deepEqual(schema['log']?.properties['level'], {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'],
    });
    assert.deepEqual(schema['monitoring']?.properties['scrapeInterval'], {
      type: 'string',
      pattern: '^(\\d+(ms|s|m|h|d|w))+$',
    });
    assert.deepEqual(Object.keys(schema['monitoring']?.properties ?? {}), [
      'scrapeInterval',
      'evaluationInterval',
      'retention',
      'inhibition',
      'inhibitionLabels',
    ]);
    assert.deepEqual(schema['monitoring']?.properties['inhibition'], {
      type: 'string',
      enum: ['on', 'off'],
    });
    assert.deepEqual(schema['monitoring']?.properties['inhibitionLabels'], {
      type: 'string',
      pattern: '^([a-zA-Z_][a-zA-Z0-9_]*(,[a-zA-Z_][a-zA-Z0-9_]*)*)?$',
    });
  });
});
