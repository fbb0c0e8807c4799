import { after, before, describe, test } from 'node:test';
import { inProcessCli, type InProcessCli } from '../../../../helpers/cli-in-process.js';

describe('clickup-brain monitoring: maintenance windows and rules files (cases that never reach the daemon)', () => {
  let cli: InProcessCli;

  before(async () => {
    cli = await inProcessCli(['monitoring']);
  });
  after(() => cli.cleanup());

  const usage = (argv: string[], message: string): Promise<void> => cli.usage(argv, message);

  test('--maintenance needs --for and --comment', async () => {
    await usage(['--maintenance', '0 3 * * *'], '--maintenance needs --for <duration>');
    await usage(['--maintenance', '0 3 * * *', '--comment', 'backups'], '--maintenance needs --for <duration>');
    await usage(['--maintenance', '0 3 * * *', '--for', '2h'], '--maintenance needs --comment <text>');
    await usage(['--maintenance', '0 3 * * *', '--for', '2h', '--rule', 'DiskBusy', '--timezone', 'Europe/Paris'], '--maintenance needs --comment <text>');
  });

  test('--maintenance --for must be a duration of at least a minute', async () => {
    await usage(['--maintenance', '0 3 * * *', '--for', '30s', '--comment', 'backups'], '--for must be at least 1m');
    await usage(
      ['--maintenance', '0 3 * * *', '--for', 'soon', '--comment', 'backups'],
      "error: option '--for <duration>' argument 'soon' is invalid. 'soon' is not a duration (unexpected 'soon'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
  });

  test('--rule and --timezone with another mode are refused, naming both', async () => {
    await usage(['--rules', '--rule', 'DiskBusy'], '--rule does not apply to --rules; it goes with --alerts or --maintenance');
    await usage(['--silence', 'a=b', '--for', '1h', '--comment', 'x', '--rule', 'DiskBusy'], '--rule does not apply to --silence; it goes with --alerts or --maintenance');
    await usage(['--maintenances', '--timezone', 'Europe/Paris'], '--timezone does not apply to --maintenances; it goes with --maintenance');
    await usage(['--remove-maintenance', 'abc', '--rule', 'DiskBusy'], '--rule does not apply to --remove-maintenance; it goes with --alerts or --maintenance');
  });

  test('options of other modes are refused with --maintenance', async () => {
    await usage(['--maintenance', '0 3 * * *', '--for', '1h', '--comment', 'x', '--expr', 'up'], '--expr does not apply to --maintenance; it goes with --add-rule');
  });

  test('the maintenance modes do not combine with each other', async () => {
    await usage(['--maintenances', '--remove-maintenance', 'abc'], '--maintenances and --remove-maintenance cannot be used together');
    await usage(['--maintenance', '0 3 * * *', '--maintenances'], '--maintenance and --maintenances cannot be used together');
  });

  test('--load-rules combined with another mode or an option is refused', async () => {
    await usage(['--load-rules', 'rules.yml', '--rules'], '--rules and --load-rules cannot be used together');
    await usage(['--load-rules', 'rules.yml', '--maintenance', '0 3 * * *'], '--load-rules and --maintenance cannot be used together');
    await usage(['--add-rule', 'R', '--expr', 'up', '--load-rules', 'rules.yml'], '--add-rule and --load-rules cannot be used together');
    await usage(['--load-rules', 'rules.yml', '--for', '1h'], '--for does not apply to --load-rules; it goes with --ack, --add-rule, --silence or --maintenance');
  });
});
