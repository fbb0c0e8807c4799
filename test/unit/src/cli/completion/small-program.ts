/**
 * Test fixture: a small Commander program with one of each shape the completion model knows, and
 * hints for it.
 */
import { Command, Option } from 'commander';
import type { Hints } from '../../../../../src/cli/completion/spec.js';

export function smallProgram(): Command {
  const program = new Command('tool')
    .option('--json', 'JSON out')
    .option('--socket <path>', 'the socket');
  const mon = new Command('mon')
    .description('monitoring things')
    .option('--health', 'health')
    .option('--remove-rule <name>', 'remove a rule')
    .addOption(new Option('--severity <level>', 'how bad').choices(['info', 'warning']))
    .option('--metrics [name]', 'list metrics, or one')
    .option('--silence <matcher...>', 'mute')
    .option('--for <duration>', 'how long')
    .option('--type <type>', 'a type')
    .option('--add-check <name>', 'add a check')
    .option('--comment <text>', "why (it's free)");
  const grant = new Option('--grant <username> <permission>', 'grant');
  grant.variadic = true;
  mon.addOption(grant);
  const daemon = new Command('daemon').description('the daemon');
  daemon.command('start').description('start it');
  daemon
    .command('logs')
    .description('the log')
    .option('-n, --lines <count>', 'how many')
    .option('-f, --follow', 'keep going');
  const conf = new Command('conf').description('settings');
  conf.command('get <key>').description('one key');
  conf.command('set <key> <value>').description('change a key');
  program.addCommand(mon).addCommand(daemon).addCommand(conf);
  program.addCommand(new Command('__secret').argument('<kind>'), { hidden: true });
  return program;
}

export function smallHints(): Hints {
  return {
    options: {
      '': { '--socket': [{ type: 'file' }] },
      mon: {
        '--remove-rule': [{ type: 'dynamic', kind: 'rule' }],
        '--metrics': [{ type: 'dynamic', kind: 'metric' }],
        '--grant': [
          { type: 'dynamic', kind: 'user' },
          { type: 'choices', values: ['read', 'write'] },
        ],
        '--type': [
          {
            type: 'when',
            cases: [{ flag: '--add-check', source: { type: 'choices', values: ['http', 'tcp'] } }],
            otherwise: { type: 'choices', values: ['http', 'tcp', 'gauge'] },
          },
        ],
      },
    },
    args: { 'conf get': { key: { type: 'choices', values: ['a.one', 'a.two', 'b.three'] } } },
    placeholders: { duration: { type: 'choices', values: ['5m', '1h'] } },
    freeText: new Set(['mon|--silence', 'mon|--add-check', 'mon|--comment', 'conf set|<key>']),
  };
}
