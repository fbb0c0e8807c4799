import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command, Option } from 'commander';
import {
  allCommands,
  completionSpec,
  flagName,
  type Hints,
} from '../../../../../src/cli/completion/spec.js';
import { smallHints, smallProgram } from './small-program.js';

const NO_HINTS: Hints = { options: {}, args: {}, placeholders: {}, freeText: new Set() };

describe('completionSpec', () => {
  const { root, unmapped } = completionSpec(smallProgram(), smallHints());
  const mon = root.commands.find((c) => c.name === 'mon');
  const option = (long: string) => mon?.options.find((o) => o.long === long);

  it('walks the visible commands, with paths and commander’s help command, without hidden ones', () => {
    assert.deepEqual(
      allCommands(root).map((c) => c.path.join(' ')),
      [
        '',
        'mon',
        'daemon',
        'daemon start',
        'daemon logs',
        'daemon help',
        'conf',
        'conf get',
        'conf set',
        'conf help',
        'help',
      ],
    );
    assert.equal(mon?.description, 'monitoring things');
  });

  it('reads each option’s arity from its flags', () => {
    assert.deepEqual(
      mon?.options.map((o) => [flagName(o), o.arity]),
      [
        ['--health', 'none'],
        ['--remove-rule', 'one'],
        ['--severity', 'one'],
        ['--metrics', 'optional'],
        ['--silence', 'list'],
        ['--for', 'one'],
        ['--type', 'one'],
        ['--add-check', 'one'],
        ['--comment', 'one'],
        ['--grant', 'two'],
        ['--help', 'none'],
      ],
    );
    const logs = allCommands(root).find((c) => c.path.join(' ') === 'daemon logs');
    assert.deepEqual(
      logs?.options.map((o) => [o.short, o.long, o.arity]),
      [
        ['-n', '--lines', 'one'],
        ['-f', '--follow', 'none'],
        ['-h', '--help', 'none'],
      ],
    );
  });

  it('takes sources from hints first, then commander’s choices, then the placeholder name', () => {
    assert.deepEqual(option('--remove-rule')?.values, [{ type: 'dynamic', kind: 'rule' }]);
    assert.deepEqual(option('--severity')?.values, [
      { type: 'choices', values: ['info', 'warning'] },
    ]);
    assert.deepEqual(option('--for')?.values, [{ type: 'choices', values: ['5m', '1h'] }]);
    assert.deepEqual(option('--grant')?.values, [
      { type: 'dynamic', kind: 'user' },
      { type: 'choices', values: ['read', 'write'] },
    ]);
    assert.equal(option('--type')?.values[0]?.type, 'when');
    assert.deepEqual(option('--comment')?.values, [{ type: 'text' }]);
  });

  it('gives positional arguments their source; help’s argument is the sibling commands', () => {
    const get = allCommands(root).find((c) => c.path.join(' ') === 'conf get');
    assert.deepEqual(get?.args, [
      { name: 'key', source: { type: 'choices', values: ['a.one', 'a.two', 'b.three'] } },
    ]);
    const help = allCommands(root).find((c) => c.path.join(' ') === 'daemon help');
    assert.deepEqual(help?.args, [
      { name: 'command', source: { type: 'choices', values: ['start', 'logs'] } },
    ]);
  });

  it('lists the values with no source and no free-text mark as unmapped', () => {
    assert.deepEqual(unmapped, ['daemon logs|--lines', 'conf set|<value>']);
  });

  it('lists every value of a program without hints as unmapped', () => {
    const program = new Command('x').option('--name <name>').argument('<file>');
    assert.deepEqual(completionSpec(program, NO_HINTS).unmapped, ['|--name', '|<file>']);
  });

  it('refuses choices the scripts would have to quote (TypeError naming the option)', () => {
    const program = new Command('x').addOption(new Option('--mode <m>').choices(['a b']));
    assert.throws(() => completionSpec(program, NO_HINTS), {
      name: 'TypeError',
      message: "choice 'a b' of |--mode has characters the scripts do not quote",
    });
  });

  it('refuses a dynamic kind that is not lowercase letters and dashes', () => {
    const program = new Command('x').option('--rule <name>');
    const hints: Hints = {
      ...NO_HINTS,
      options: { '': { '--rule': [{ type: 'dynamic', kind: 'Rule;rm' }] } },
    };
    assert.throws(() => completionSpec(program, hints), {
      name: 'TypeError',
      message: "dynamic kind 'Rule;rm' of |--rule must be lowercase letters and dashes",
    });
  });

  it('refuses an option with three values', () => {
    const option = new Option('--three <a> <b> <c>');
    option.variadic = false;
    const program = new Command('x').addOption(option);
    assert.throws(() => completionSpec(program, { ...NO_HINTS, freeText: new Set(['|--three']) }), {
      name: 'TypeError',
      message: 'option --three <a> <b> <c>: 3 values are not supported',
    });
  });
});
