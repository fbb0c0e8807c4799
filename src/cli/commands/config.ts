/**
 * @module `clickup-brain config`: read and change the daemon's settings.
 */
import { Command } from 'commander';
import type { ConfigEntry } from '../../protocol/schemas.js';
import { CliContext, withContext, type CliDeps } from '../context.js';
import { renderTable } from '../table.js';

function applied(entry: ConfigEntry): string {
  return entry.applies === 'live' ? 'applied now' : 'takes effect after `clickup-brain daemon restart`';
}

/** A subcommand's examples, as `--help` shows them after the options. */
const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

export function makeConfigCommand(deps: CliDeps): Command {
  const config = new Command('config').description('read and change settings (kept in config.json, owner-only)');
  const withClient = (command: Command, fn: (ctx: CliContext) => Promise<void>): Promise<void> => withContext(command, deps, fn);
  config
    .command('list')
    .description('every key with its value, default and description')
    .addHelpText('after', examples('clickup-brain config list', 'clickup-brain config list --json'))
    .action((_: unknown, command: Command) =>
      withClient(command, async (ctx) => {
        const { entries } = await (await ctx.client()).request('config.list', {});
        ctx.out.data({ entries }, () =>
          renderTable(
            ['KEY', 'VALUE', 'DEFAULT', 'APPLIES', 'DESCRIPTION'],
            entries.map((e) => [e.key, e.isDefault ? String(e.value) : ctx.out.color.bold(String(e.value)), String(e.defaultValue), e.applies, e.description]),
          ),
        );
      }),
    );
  config
    .command('path')
    .description('where config.json is (works without the daemon)')
    .addHelpText('after', examples('clickup-brain config path', 'clickup-brain config path --json'))
    .action(async (_: unknown, command: Command) => {
      const ctx = await CliContext.create(command, deps);
      ctx.out.data({ path: ctx.paths.configFile }, () => ctx.paths.configFile);
    });
  config
    .command('get <key>')
    .description('one key')
    .addHelpText('after', examples('clickup-brain config get monitoring.retention', 'clickup-brain config get security.bcryptCost --json'))
    .action((key: string, _: unknown, command: Command) =>
      withClient(command, async (ctx) => {
        const entry = await (await ctx.client()).request('config.get', { key });
        ctx.out.data(entry, () => String(entry.value));
      }),
    );
  config
    .command('set <key> <value>')
    .description('change a key; refused with the allowed range when the value does not fit')
    .addHelpText(
      'after',
      examples('clickup-brain config set monitoring.scrapeInterval 30s', 'clickup-brain config set security.bcryptCost 13', 'clickup-brain config set monitoring.retention 7d   # applies after a daemon restart'),
    )
    .action((key: string, value: string, _: unknown, command: Command) =>
      withClient(command, async (ctx) => {
        const entry = await (await ctx.client()).request('config.set', { key, value });
        ctx.out.data(entry, () => `${entry.key} = ${String(entry.value)} (${applied(entry)})`);
      }),
    );
  config
    .command('unset <key>')
    .description('return a key to its default')
    .addHelpText('after', examples('clickup-brain config unset monitoring.scrapeInterval', 'clickup-brain config unset security.bcryptCost --json'))
    .action((key: string, _: unknown, command: Command) =>
      withClient(command, async (ctx) => {
        const entry = await (await ctx.client()).request('config.unset', { key });
        ctx.out.data(entry, () => `${entry.key} = ${String(entry.value)} (default; ${applied(entry)})`);
      }),
    );
  config.addHelpText(
    'after',
    `
Durations are written like 500ms, 15s, 5m, 1h, 7d.

Examples:
  $ clickup-brain config list
  $ clickup-brain config set monitoring.scrapeInterval 30s
  $ clickup-brain config get health.diskWarnPercent
  $ clickup-brain config unset monitoring.scrapeInterval
  $ clickup-brain config path`,
  );
  return config;
}
