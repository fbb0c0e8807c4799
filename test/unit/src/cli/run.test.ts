import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inProcessCli, type CliResult, type InProcessCli } from '../../../helpers/cli-in-process.js';
import { VERSION } from '../../../../src/protocol/version.js';

describe('runCli (cases that never reach the daemon)', () => {
  let cli: InProcessCli;
  let home: string;

  before(async () => {
    cli = await inProcessCli([]);
    home = cli.home;
  });
  after(() => cli.cleanup());

  const run = (...argv: string[]): Promise<CliResult> => cli.run(...argv);

  test('--version prints the version and returns 0', async () => {
    assert.deepEqual(await run('--version'), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.deepEqual(await run('-V'), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  test('--help prints usage on stdout and returns 0', async () => {
    const result = await run('--help');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: clickup-brain \[options\] \[command\]/);
    assert.match(result.stdout, /Exit codes: 0 success, 1 operation failed, 2 bad usage or input/);
    assert.equal(result.stderr, '');
  });

  test('an unknown option returns 2 and stderr names it', async () => {
    assert.deepEqual(await run('--bogus'), {
      code: 2,
      stdout: '',
      stderr: "error: unknown option '--bogus'\n",
    });
    assert.deepEqual(await run('security', '--nope'), {
      code: 2,
      stdout: '',
      stderr: "error: unknown option '--nope'\n(Did you mean one of --role, --type?)\n",
    });
  });

  test('an unknown command returns 2 with a suggestion', async () => {
    assert.deepEqual(await run('monitorin'), {
      code: 2,
      stdout: '',
      stderr: "error: unknown command 'monitorin'\n(Did you mean monitoring?)\n",
    });
  });

  test('monitoring with no flag returns 2 with the message', async () => {
    assert.deepEqual(await run('monitoring'), {
      code: 2,
      stdout: '',
      stderr:
        'clickup-brain: no action given: use a mode such as --health, --metrics, --alerts, --rules, --checks or --channels (see clickup-brain monitoring --help)\n',
    });
  });

  test('security with no flag returns 2', async () => {
    assert.deepEqual(await run('security'), {
      code: 2,
      stdout: '',
      stderr:
        'clickup-brain: no action given: use a mode such as --status, --users, --login, --events, --blacklist or --posture (see clickup-brain security --help)\n',
    });
  });

  test('--blacklist with --unblacklist returns 2', async () => {
    assert.deepEqual(await run('security', '--blacklist', '1.2.3.4', '--unblacklist', '1.2.3.4'), {
      code: 2,
      stdout: '',
      stderr: 'clickup-brain: --blacklist and --unblacklist cannot be used together\n',
    });
  });

  test('--for or --reason when listing or removing returns 2', async () => {
    assert.deepEqual(await run('security', '--blacklist', '--for', '1h'), {
      code: 2,
      stdout: '',
      stderr:
        'clickup-brain: --for applies only when adding an entry: clickup-brain security --blacklist <ip|cidr> --for ...\n',
    });
    assert.deepEqual(await run('security', '--unblacklist', '1.2.3.4', '--reason', 'x'), {
      code: 2,
      stdout: '',
      stderr:
        'clickup-brain: --reason applies only when adding an entry: clickup-brain security --blacklist <ip|cidr> --reason ...\n',
    });
  });

  test('a bad --for value returns 2 with commander’s invalid argument message', async () => {
    assert.deepEqual(await run('security', '--blacklist', '1.2.3.4', '--for', '5x'), {
      code: 2,
      stdout: '',
      stderr:
        "error: option '--for <duration>' argument '5x' is invalid. '5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d\n",
    });
    assert.deepEqual(await run('security', '--blacklist', '1.2.3.4', '--for', '0s'), {
      code: 2,
      stdout: '',
      stderr:
        "error: option '--for <duration>' argument '0s' is invalid. '0s' must be longer than zero\n",
    });
  });

  test('a --reason with a control character returns 2', async () => {
    const result = await run('security', '--blacklist', '1.2.3.4', '--reason', 'a\tb');
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "error: option '--reason <text>' argument 'a\tb' is invalid. must not contain control characters\n",
    );
  });

  test('daemon logs -n 0 returns 2', async () => {
    assert.deepEqual(await run('daemon', 'logs', '-n', '0'), {
      code: 2,
      stdout: '',
      stderr:
        "error: option '-n, --lines <count>' argument '0' is invalid. '0' is not a positive whole number\n",
    });
  });

  test('daemon logs without any log prints nothing and returns 0', async () => {
    assert.deepEqual(await run('daemon', 'logs'), { code: 0, stdout: '', stderr: '' });
  });

  test('config path prints <home>/config/config.json, as JSON with --json', async () => {
    assert.deepEqual(await run('config', 'path'), {
      code: 0,
      stdout: `${join(home, 'config', 'config.json')}\n`,
      stderr: '',
    });
    assert.deepEqual(await run('--json', 'config', 'path'), {
      code: 0,
      stdout: `${JSON.stringify({ path: join(home, 'config', 'config.json') }, null, 2)}\n`,
      stderr: '',
    });
    assert.deepEqual(await run('--quiet', 'config', 'path'), { code: 0, stdout: '', stderr: '' });
  });

  test('--json writes the error as a JSON object on stderr', async () => {
    const result = await run('--json', 'monitoring');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(JSON.parse(result.stderr), {
      error: {
        code: 'INVALID_INPUT',
        message: 'no action given: use a mode such as --health, --metrics, --alerts, --rules, --checks or --channels (see clickup-brain monitoring --help)',
      },
    });
    assert.equal(result.stderr.endsWith('}\n'), true);

    const after = await run('security', '--blacklist', '--for', '1h', '--json');
    assert.equal(after.code, 2);
    assert.deepEqual(JSON.parse(after.stderr), {
      error: {
        code: 'INVALID_INPUT',
        message:
          '--for applies only when adding an entry: clickup-brain security --blacklist <ip|cidr> --for ...',
      },
    });
  });

  test(
    '--json also writes usage errors from option parsing as JSON',
    async () => {
      const result = await run('--json', 'security', '--blacklist', '1.2.3.4', '--for', '5x');
      assert.equal(result.code, 2);
      assert.equal(
        (JSON.parse(result.stderr) as { error: { code: string } }).error.code,
        'INVALID_INPUT',
      );
    },
  );

  test('none of these cases creates files in the home folder', async () => {
    assert.deepEqual(await readdir(home), []);
  });
});
