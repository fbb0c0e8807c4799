/**
 * `clickup-brain config`: list, get, set, unset and path, through the real daemon.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { tempHome, type TestHome } from '../helpers/home.js';
import { chainProblem, exists, modeOf, parseJson, readAudit } from '../helpers/integration.js';

interface ConfigEntry {
  key: string;
  value: string | number | boolean;
  defaultValue: string | number | boolean;
  isDefault: boolean;
  description: string;
  applies: 'live' | 'restart';
}

const defaults: Record<string, [string | number, 'live' | 'restart']> = {
  'monitoring.scrapeInterval': ['10s', 'live'],
  'monitoring.evaluationInterval': ['15s', 'live'],
  'monitoring.retention': ['24h', 'restart'],
  'monitoring.inhibition': ['on', 'live'],
  'monitoring.inhibitionLabels': ['instance', 'live'],
  'health.diskWarnPercent': [90, 'live'],
  'health.diskCritPercent': [95, 'live'],
  'health.memoryWarnPercent': [90, 'live'],
  'health.memoryCritPercent': [97, 'live'],
  'health.eventLoopLagWarn': ['100ms', 'live'],
  'health.eventLoopLagCrit': ['1s', 'live'],
  'log.level': ['info', 'live'],
  'daemon.maxConnections': [128, 'restart'],
  'daemon.maxFrameBytes': [1_048_576, 'restart'],
  'security.bcryptCost': [12, 'live'],
  'security.passwordMinLength': [15, 'live'],
  'security.passwordMinScore': [3, 'live'],
  'security.lockoutFailures': [5, 'live'],
  'security.lockoutWait': ['1m', 'live'],
  'security.lockoutMaxWait': ['15m', 'live'],
  'security.lockoutReset': ['12h', 'live'],
  'security.lockoutPermanent': ['off', 'live'],
  'security.banMaxRetry': [5, 'live'],
  'security.banFindTime': ['10m', 'live'],
  'security.banTime': ['10m', 'live'],
  'security.banMaxTime': ['7d', 'live'],
  'security.banIncrement': ['on', 'live'],
  'security.simulateLockout': ['off', 'live'],
  'security.simulateBans': ['off', 'live'],
  'security.simulateThreats': ['off', 'live'],
  'security.tokenTtl': ['15m', 'live'],
  'security.tokenAlgorithm': ['ed25519', 'live'],
  'security.sessionIdle': ['30m', 'restart'],
  'security.sessionAbsolute': ['12h', 'restart'],
  'security.keyRotation': ['90d', 'live'],
  'http.enabled': ['on', 'live'],
  'http.host': ['127.0.0.1', 'live'],
  'http.port': [8080, 'live'],
  'http.tlsCert': ['', 'live'],
  'http.tlsKey': ['', 'live'],
  'http.allowInsecurePublic': ['off', 'live'],
  'http.statusPage': ['off', 'live'],
  'http.metricsAllow': ['127.0.0.1,::1', 'live'],
  'http.rateLimit': [20, 'live'],
  'http.loginRateLimit': [5, 'live'],
  'secrets.backend': ['auto', 'restart'],
};

describe('config path without a daemon', () => {
  it('prints the path and does not start the daemon', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const result = await home.cli(['config', 'path']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${home.paths.configFile}\n`);
    const json = await home.cli(['config', 'path', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(parseJson(json.stdout), { path: home.paths.configFile });
    assert.equal(await exists(home.paths.pidFile), false, 'no pid file');
    assert.equal(await exists(home.paths.socketPath), false, 'no socket');
    assert.equal(await home.daemonPid(), null);
    const status = await home.cli(['daemon', 'status', '--json']);
    assert.equal(status.code, 3);
  });
});

describe('config list, get, set and unset', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
  });
  after(() => home.cleanup());

  it('config list --json: every key at its default', async () => {
    const result = await home.cli(['config', 'list', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { entries } = parseJson<{ entries: ConfigEntry[] }>(result.stdout);
    assert.deepEqual(
      entries.map((e) => e.key),
      Object.keys(defaults),
    );
    for (const entry of entries) {
      const [value, applies] = defaults[entry.key] ?? [];
      assert.equal(entry.value, value, entry.key);
      assert.equal(entry.defaultValue, value, entry.key);
      assert.equal(entry.isDefault, true, entry.key);
      assert.equal(entry.applies, applies, entry.key);
      assert.ok(entry.description.length > 0, entry.key);
    }
  });

  it('config list: a table of every key', async () => {
    const result = await home.cli(['config', 'list']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^KEY\s+VALUE\s+DEFAULT\s+APPLIES\s+DESCRIPTION$/);
    assert.equal(lines.length, 1 + Object.keys(defaults).length);
    assert.match(result.stdout, /^monitoring\.scrapeInterval\s+10s\s+10s\s+live\s+How often/m);
    assert.match(result.stdout, /^daemon\.maxConnections\s+128\s+128\s+restart\s+/m);
    assert.match(result.stdout, /^monitoring\.evaluationInterval\s+15s\s+15s\s+live\s+How often/m);
    assert.match(result.stdout, /^monitoring\.retention\s+24h\s+24h\s+restart\s+How long/m);
  });

  it('the monitoring intervals: evaluationInterval is live, retention needs a restart', async () => {
    const evaluation = await home.cli(['config', 'set', 'monitoring.evaluationInterval', '2s']);
    assert.equal(evaluation.code, 0, evaluation.stderr);
    assert.equal(evaluation.stdout, 'monitoring.evaluationInterval = 2s (applied now)\n');
    const retention = await home.cli(['config', 'set', 'monitoring.retention', '2h']);
    assert.equal(retention.code, 0, retention.stderr);
    assert.equal(
      retention.stdout,
      'monitoring.retention = 2h (takes effect after `clickup-brain daemon restart`)\n',
    );
    const tooShort = await home.cli(['config', 'set', 'monitoring.retention', '30s']);
    assert.equal(tooShort.code, 2);
    assert.match(tooShort.stderr, /monitoring\.retention must be between 1m and 90d \(got 30s\)/);
    const tooFast = await home.cli(['config', 'set', 'monitoring.evaluationInterval', '500ms']);
    assert.equal(tooFast.code, 2);
    assert.match(tooFast.stderr, /monitoring\.evaluationInterval must be between 1s and 1h/);
    assert.equal((await home.cli(['config', 'get', 'monitoring.retention'])).stdout, '2h\n');
    for (const key of ['monitoring.evaluationInterval', 'monitoring.retention']) {
      const unset = await home.cli(['config', 'unset', key]);
      assert.equal(unset.code, 0, unset.stderr);
    }
  });

  it('config get prints the value', async () => {
    const result = await home.cli(['config', 'get', 'health.diskWarnPercent']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '90\n');
    const json = await home.cli(['config', 'get', 'monitoring.scrapeInterval', '--json']);
    const entry = parseJson<ConfigEntry>(json.stdout);
    assert.equal(entry.key, 'monitoring.scrapeInterval');
    assert.equal(entry.value, '10s');
    assert.equal(entry.isDefault, true);
  });

  it('config set of a live key: applied now, then config get shows it', async () => {
    const result = await home.cli(['config', 'set', 'health.diskWarnPercent', '80']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'health.diskWarnPercent = 80 (applied now)\n');
    assert.equal((await home.cli(['config', 'get', 'health.diskWarnPercent'])).stdout, '80\n');
    const entry = parseJson<ConfigEntry>(
      (await home.cli(['config', 'get', 'health.diskWarnPercent', '--json'])).stdout,
    );
    assert.equal(entry.value, 80);
    assert.equal(entry.defaultValue, 90);
    assert.equal(entry.isDefault, false);
    const duration = await home.cli([
      'config',
      'set',
      'monitoring.scrapeInterval',
      '30s',
      '--json',
    ]);
    assert.equal(duration.code, 0, duration.stderr);
    assert.equal(parseJson<ConfigEntry>(duration.stdout).value, '30s');
    const level = await home.cli(['config', 'set', 'log.level', 'debug']);
    assert.equal(level.stdout, 'log.level = debug (applied now)\n');
  });

  it('config set of a restart key says it needs a restart, and applies after one', async () => {
    const result = await home.cli(['config', 'set', 'daemon.maxConnections', '64']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'daemon.maxConnections = 64 (takes effect after `clickup-brain daemon restart`)\n',
    );
    assert.match(result.stdout, /restart/);
    assert.equal((await home.cli(['config', 'get', 'daemon.maxConnections'])).stdout, '64\n');
    const restart = await home.cli(['daemon', 'restart']);
    assert.equal(restart.code, 0, restart.stderr);
    // Values survive the restart.
    const list = parseJson<{ entries: ConfigEntry[] }>(
      (await home.cli(['config', 'list', '--json'])).stdout,
    ).entries;
    const changed = Object.fromEntries(
      list.filter((e) => !e.isDefault).map((e) => [e.key, e.value]),
    );
    assert.deepEqual(changed, {
      'monitoring.scrapeInterval': '30s',
      'health.diskWarnPercent': 80,
      'log.level': 'debug',
      'daemon.maxConnections': 64,
    });
  });

  it('config.json is owner-only and holds only the changed keys', async () => {
    assert.equal(await modeOf(home.paths.configFile), 0o600);
    assert.equal(await modeOf(home.paths.configDir), 0o700);
    const stored = parseJson<Record<string, Record<string, unknown>>>(
      await readFile(home.paths.configFile, 'utf8'),
    );
    assert.deepEqual(stored['health'], { diskWarnPercent: 80 });
    assert.deepEqual(stored['daemon'], { maxConnections: 64 });
    assert.equal(stored['secrets']?.['backend'], undefined);
  });

  it('config unset returns a key to its default', async () => {
    const result = await home.cli(['config', 'unset', 'health.diskWarnPercent']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'health.diskWarnPercent = 90 (default; applied now)\n');
    const entry = parseJson<ConfigEntry>(
      (await home.cli(['config', 'get', 'health.diskWarnPercent', '--json'])).stdout,
    );
    assert.equal(entry.value, 90);
    assert.equal(entry.isDefault, true);
    const restartKey = await home.cli(['config', 'unset', 'daemon.maxConnections']);
    assert.match(
      restartKey.stdout,
      /^daemon\.maxConnections = 128 \(default; takes effect after `clickup-brain daemon restart`\)\n$/,
    );
    // Unsetting a key that is already at its default is fine.
    const again = await home.cli(['config', 'unset', 'health.diskWarnPercent']);
    assert.equal(again.code, 0, again.stderr);
    const stored = parseJson<Record<string, Record<string, unknown>>>(
      await readFile(home.paths.configFile, 'utf8'),
    );
    assert.equal(stored['health']?.['diskWarnPercent'], undefined);
  });

  it('every change is in the audit log as config.changed', async () => {
    const lines = await readAudit(home.paths.eventsFile);
    const changes = lines.filter((l) => l.type === 'config.changed');
    assert.deepEqual(
      changes.map((l) => [l.subject, l.details['from'], l.details['to']]),
      [
        ['monitoring.evaluationInterval', '15s', '2s'],
        ['monitoring.retention', '24h', '2h'],
        ['monitoring.evaluationInterval', '2s', '15s'],
        ['monitoring.retention', '2h', '24h'],
        ['health.diskWarnPercent', 90, 80],
        ['monitoring.scrapeInterval', '10s', '30s'],
        ['log.level', 'info', 'debug'],
        ['daemon.maxConnections', 128, 64],
        ['health.diskWarnPercent', 80, 90],
        ['daemon.maxConnections', 64, 128],
        ['health.diskWarnPercent', 90, 90],
      ],
    );
    for (const line of changes) assert.equal(line.actor, `local:${userInfo().username}`);
    assert.equal(chainProblem(lines), null);
  });
});
