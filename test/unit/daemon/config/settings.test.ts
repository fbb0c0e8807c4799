import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Settings } from '../../../../daemon/config/settings.js';

describe('Settings (watch off)', () => {
  let dir: string;
  let n = 0;
  const fresh = async (): Promise<string> => {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    return sub;
  };
  const open: Settings[] = [];
  const settingsIn = (configDir: string): Settings => {
    const settings = new Settings(configDir, false);
    open.push(settings);
    return settings;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    for (const settings of open) settings.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('defaults when nothing is set', async () => {
    const configDir = await fresh();
    const settings = settingsIn(configDir);
    assert.equal(settings.path, join(configDir, 'config.json'));
    assert.equal(settings.get('monitoring.scrapeInterval'), '10s');
    assert.equal(settings.get('health.diskWarnPercent'), 90);
    assert.equal(settings.get('log.level'), 'info');
    assert.equal(settings.ms('monitoring.scrapeInterval'), 10_000);
    assert.equal(settings.ms('health.eventLoopLagWarn'), 100);
    assert.ok(Number.isNaN(settings.ms('health.diskWarnPercent')));
    assert.deepEqual(settings.entry('log.level'), {
      key: 'log.level',
      value: 'info',
      defaultValue: 'info',
      isDefault: true,
      description: 'Daemon log level',
      applies: 'live',
    });
    assert.equal(settings.get('monitoring.evaluationInterval'), '15s');
    assert.equal(settings.ms('monitoring.evaluationInterval'), 15_000);
    assert.equal(settings.get('monitoring.retention'), '24h');
    assert.equal(settings.ms('monitoring.retention'), 86_400_000);
    assert.equal(settings.entry('monitoring.evaluationInterval').applies, 'live');
    assert.equal(settings.entry('monitoring.retention').applies, 'restart');
    const list = settings.list();
    assert.equal(list.length, 46);
    assert.ok(list.every((e) => e.isDefault));
    assert.deepEqual(
      list.slice(0, 5).map((e) => e.key),
      [
        'monitoring.scrapeInterval',
        'monitoring.evaluationInterval',
        'monitoring.retention',
        'monitoring.inhibition',
        'monitoring.inhibitionLabels',
      ],
    );
    assert.equal(settings.get('monitoring.inhibition'), 'on');
    assert.equal(settings.get('monitoring.inhibitionLabels'), 'instance');
  });

  test('set, get and unset; only non-defaults are stored; the file is 0600', async () => {
    const configDir = await fresh();
    const settings = settingsIn(configDir);
    const changed: string[] = [];
    settings.on('change', (key: string) => changed.push(key));

    assert.deepEqual(settings.set('health.diskWarnPercent', '80'), {
      key: 'health.diskWarnPercent',
      value: 80,
      defaultValue: 90,
      isDefault: false,
      description: 'Disk use (%) at which the disk check is degraded',
      applies: 'live',
    });
    assert.equal(settings.get('health.diskWarnPercent'), 80);
    // Read (and kept) before the change: the change is what the next read sees.
    assert.equal(settings.ms('monitoring.scrapeInterval'), 10_000);
    assert.equal(settings.set('monitoring.scrapeInterval', ' 30s ').value, '30s');
    assert.equal(settings.ms('monitoring.scrapeInterval'), 30_000);
    assert.equal(settings.set('daemon.maxConnections', '10').applies, 'restart');
    assert.deepEqual(JSON.parse(await readFile(settings.path, 'utf8')), {
      health: { diskWarnPercent: 80 },
      monitoring: { scrapeInterval: '30s' },
      daemon: { maxConnections: 10 },
    });
    assert.equal((await stat(settings.path)).mode & 0o777, 0o600);
    assert.deepEqual(changed, [
      'health.diskWarnPercent',
      'monitoring.scrapeInterval',
      'daemon.maxConnections',
    ]);

    const reset = settings.unset('health.diskWarnPercent');
    assert.equal(reset.value, 90);
    assert.equal(reset.isDefault, true);
    assert.equal(settings.get('health.diskWarnPercent'), 90);
    assert.deepEqual(JSON.parse(await readFile(settings.path, 'utf8')), {
      health: {},
      monitoring: { scrapeInterval: '30s' },
      daemon: { maxConnections: 10 },
    });
    assert.deepEqual(changed.at(-1), 'health.diskWarnPercent');
    assert.deepEqual(await readdir(configDir), ['config.json']);
  });

  test('values persist across instances', async () => {
    const configDir = await fresh();
    settingsIn(configDir).set('log.level', 'debug');
    const again = settingsIn(configDir);
    assert.equal(again.get('log.level'), 'debug');
    assert.equal(again.entry('log.level').isDefault, false);
  });

  test('a refused value changes nothing', async () => {
    const configDir = await fresh();
    const settings = settingsIn(configDir);
    settings.set('health.diskWarnPercent', '80');
    const before = await readFile(settings.path, 'utf8');
    assert.throws(() => settings.set('health.diskWarnPercent', '101'), {
      code: 'INVALID_INPUT',
      message: 'health.diskWarnPercent must be from 1 to 100 (got 101)',
    });
    assert.equal(settings.get('health.diskWarnPercent'), 80);
    assert.equal(await readFile(settings.path, 'utf8'), before);
  });

  test('unknown keys are refused by entry, set and unset', async () => {
    const settings = settingsIn(await fresh());
    for (const call of [
      () => settings.entry('nope'),
      () => settings.set('nope', '1'),
      () => settings.unset('nope'),
    ]) {
      assert.throws(call, {
        code: 'INVALID_INPUT',
        message: /^unknown config key 'nope'; keys are grouped as monitoring\.\*, /,
      });
    }
  });

  test('a config.json that is not JSON makes the constructor throw, and is left as it was', async () => {
    const configDir = await fresh();
    await writeFile(join(configDir, 'config.json'), '{not json');
    assert.throws(() => new Settings(configDir, false), { name: 'SyntaxError' });
    assert.equal(await readFile(join(configDir, 'config.json'), 'utf8'), '{not json');
  });

  test('a config.json that fails the schema makes the constructor throw with the violation', async () => {
    const configDir = await fresh();
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ health: { diskWarnPercent: 500 } }),
    );
    assert.throws(() => new Settings(configDir, false), {
      message: 'Config schema violation: `health/diskWarnPercent` must be <= 100',
    });
  });

  test('a hand-written valid config.json is read', async () => {
    const configDir = await fresh();
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ log: { level: 'warn' }, secrets: { backend: 'file' } }),
    );
    const settings = settingsIn(configDir);
    assert.equal(settings.get('log.level'), 'warn');
    assert.equal(settings.get('secrets.backend'), 'file');
  });
});
