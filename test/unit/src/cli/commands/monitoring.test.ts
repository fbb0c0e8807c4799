import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { inProcessCli, type CliResult, type InProcessCli } from '../../../../helpers/cli-in-process.js';
import { MODES } from '../../../../../src/cli/commands/monitoring/modes.js';
import { Registry } from '../../../../../daemon/monitoring/metrics/registry.js';
import { SystemCollector } from '../../../../../daemon/monitoring/system-collector.js';

const NO_ACTION =
  'no action given: use a mode such as --health, --metrics, --alerts, --rules, --checks or --channels (see clickup-brain monitoring --help)';

describe('clickup-brain monitoring (cases that never reach the daemon)', () => {
  let cli: InProcessCli;
  let home: string;

  before(async () => {
    cli = await inProcessCli(['monitoring']);
    home = cli.home;
  });
  after(() => cli.cleanup());

  const run = (...argv: string[]): Promise<CliResult> => cli.run(...argv);
  const usage = (argv: string[], message: string): Promise<void> => cli.usage(argv, message);

  test('no mode lists the modes', async () => {
    await usage([], NO_ACTION);
    await usage(['--all'], NO_ACTION);
  });

  test('two modes are refused, naming both', async () => {
    await usage(['--rules', '--checks'], '--rules and --checks cannot be used together');
    await usage(['--health', '--alerts'], '--health and --alerts cannot be used together');
    await usage(['--metrics', 'cpu', '--forecast', 'cpu'], '--metrics and --forecast cannot be used together');
    await usage(['--silence', 'a=b', '--unsilence', 'x', '--for', '1h', '--comment', 'c'], '--silence and --unsilence cannot be used together');
  });

  test('an option of another mode is refused, naming the option and the mode', async () => {
    await usage(['--rules', '--expr', 'up'], '--expr does not apply to --rules; it goes with --add-rule');
    await usage(['--alerts', '--for', '1h'], '--for does not apply to --alerts; it goes with --ack, --add-rule, --silence or --maintenance');
    await usage(['--checks', '--all'], '--all does not apply to --checks; it goes with --alerts');
    await usage(['--push', 'a=1', '--severity', 'info'], '--severity does not apply to --push; it goes with --add-rule');
    await usage(['--explain', 'R', '--label', 'a=b'], '--label does not apply to --explain; it goes with --push or --add-rule');
    await usage(['--heartbeat', 'backup', '--interval', '1m'], '--interval does not apply to --heartbeat; it goes with --add-check');
  });

  test('a mode without what it needs is refused', async () => {
    await usage(['--add-rule', 'HighQueue'], '--add-rule needs --expr <expression>');
    await usage(['--add-check', 'api'], '--add-check needs --type <type>');
    await usage(['--silence', 'alertname=X', '--comment', 'deploy'], '--silence needs --for <duration>');
    await usage(['--silence', 'alertname=X', '--for', '1h'], '--silence needs --comment <text>');
    await usage(['--ack', '0123abcd'], '--ack needs --comment <text>');
  });

  test('--metrics: --range needs a name, --prometheus takes neither', async () => {
    await usage(['--metrics', '--range', '1h'], '--range needs a metric name: clickup-brain monitoring --metrics <name> --range <duration>');
    await usage(['--metrics', 'cpu', '--prometheus'], '--prometheus prints every metric and takes no metric name: clickup-brain monitoring --metrics --prometheus');
    await usage(['--metrics', '--prometheus', '--range', '1h'], '--prometheus and --range cannot be used together');
  });

  test('bad values are refused with what is wrong', async () => {
    await usage(['--push', 'queue_depth'], "error: option '--push <name=value>' argument 'queue_depth' is invalid. 'queue_depth' has no '=': write it like queue_depth=42");
    await usage(['--push', 'queue_depth=lots'], "error: option '--push <name=value>' argument 'queue_depth=lots' is invalid. the value 'lots' is not a number; write it like queue_depth=42");
    await usage(['--push', 'q=1', '--label', 'env'], "error: option '--label <k=v>' argument 'env' is invalid. 'env' has no '=': write it like env=prod");
    await usage(['--push', 'q=1', '--label', 'a=1', '--label', 'a=2'], "error: option '--label <k=v>' argument 'a=2' is invalid. 'a' is given more than once");
    await usage(['--push', 'q=1', '--type', 'http'], "--type for --push must be counter, gauge, histogram or summary, got 'http'");
    await usage(['--add-rule', 'R', '--expr', 'up', '--severity', 'loud'], "error: option '--severity <level>' argument 'loud' is invalid. Allowed choices are info, warning, critical, emergency.");
    await usage(['--add-rule', 'R', '--expr', 'up', '--for', '0s'], "error: option '--for <duration>' argument '0s' is invalid. '0s' must be longer than zero");
    await usage(['--add-rule', 'R', '--expr', 'up', '--annotation', '1x=y'], "error: option '--annotation <k=v>' argument '1x=y' is invalid. '1x' is not a valid name: use letters, digits and '_', not starting with a digit or '__'");
    await usage(['--add-check', 'api', '--type', 'ftp'], "--type for --add-check must be http, tcp, command, disk, memory, process or heartbeat, got 'ftp'");
    await usage(['--add-check', 'api', '--type', 'tcp', '--expect-body', 'ok'], '--expect-body does not apply to tcp checks; it goes with http or command checks');
    await usage(['--add-check', 'api', '--type', 'http', '--expect-status', '2xx'], "error: option '--expect-status <code>' argument '2xx' is invalid. '2xx' is not a code: write one like 200, or several like 200,204");
    await usage(['--add-check', 'api', '--type', 'http', '--failure-threshold', '0'], "error: option '--failure-threshold <n>' argument '0' is invalid. '0' is not a positive whole number");
    await usage(['--forecast', 'disk', '--threshold', 'high'], "error: option '--threshold <value>' argument 'high' is invalid. 'high' is not a number; write it like 42, -1.5 or 2e6");
    await usage(['--forecast', 'disk', '--range', '30s'], '--range must be at least 1m for --forecast');
    await usage(['--metrics', 'cpu', '--range', '500ms'], '--range must be at least 1s');
    await usage(['--ack', 'abc', '--comment', 'x', '--for', '100ms'], '--for must be at least 1s');
    await usage(['--silence', 'a=b', '--comment', 'x', '--for', '100ms'], '--for must be at least 1s');
    await usage(['--add-check', 'beat', '--type', 'heartbeat', '--grace', '25h'], "error: option '--grace <duration>' argument '25h' is invalid. '25h' is longer than 1d, the longest grace (0s for none)");
    await usage(['--add-check', 'api', '--type', 'http', '--header', 'X-A: a\u0001b'], "error: option '--header <name:value>' argument 'X-A: a\u0001b' is invalid. the value of X-A must not contain control characters other than a tab");
  });

  test('--notifications --since: more than 10 years back, or in the future, is refused naming --since', async () => {
    // The runs' clock is 2026-01-01T00:00:00Z.
    await usage(['--notifications', '--since', '2015-01-01T00:00:00Z'], '--since for --notifications reaches back at most 3650d (10 years), got 2015-01-01T00:00:00.000Z');
    await usage(['--notifications', '--since', '2026-01-01T00:00:01Z'], '--since 2026-01-01T00:00:01.000Z is in the future; give a time before now, or a duration back from now like 24h');
  });

  test('--json reports usage errors as JSON', async () => {
    const result = await run('--rules', '--checks', '--json');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(JSON.parse(result.stderr), { error: { code: 'INVALID_INPUT', message: '--rules and --checks cannot be used together' } });
  });

  test('--help has an example for every mode', async () => {
    const result = await run('--help');
    assert.equal(result.code, 0);
    const examples = result.stdout.slice(result.stdout.indexOf('Examples:')).split('\n');
    for (const { flag } of Object.values(MODES)) {
      assert.ok(
        examples.some((line) => line.startsWith(`  $ clickup-brain monitoring ${flag} `) || line === `  $ clickup-brain monitoring ${flag}`),
        `no example for ${flag}`,
      );
    }
    assert.match(result.stdout, /Exit codes with --health: 0 healthy, 1 degraded, 2 unhealthy, 3 daemon unreachable\./);
  });

  test('every --help example that names a metric names one the daemon collects', async () => {
    const registry = new Registry({ now: () => 0 });
    const collector = new SystemCollector({ registry, dataDir: '/' });
    collector.dispose();
    const builtIn = new Set([...registry.metrics().map((m) => m.name), 'health_check_up', 'health_check_latency_seconds']);
    const result = await run('--help');
    const examples = result.stdout.split('\n').filter((line) => line.startsWith('  $ clickup-brain monitoring '));
    const named = examples.flatMap((line) => [...line.matchAll(/--(?:metrics|forecast) ([a-z_:][a-z0-9_:]*)/gi)].map((m) => m[1] as string));
    assert.deepEqual(named, ['cpu_usage', 'disk_usage']);
    for (const name of named) assert.ok(builtIn.has(name), `${name} is not a built-in metric (${[...builtIn].join(', ')})`);
  });

  test('none of these cases creates files in the home folder', async () => {
    assert.deepEqual(await readdir(home), []);
  });
});
