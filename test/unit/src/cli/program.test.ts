/**
 * The Commander tree: every command, at every depth, has examples in its `--help`, and the
 * examples of a command show that command (so a copied example runs the thing it is listed under).
 * The tree is walked rather than listed, so a command added later without examples fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Command } from 'commander';
import { makeProgram } from '../../../../src/cli/program.js';
import { inProcessCli, offlineDeps, type InProcessCli } from '../../../helpers/cli-in-process.js';

/**
 * Every visible command path below the program, e.g. ['daemon', 'logs'], parents before children.
 * Hidden commands (the completion scripts' helper) and Commander's own `help` are not for people.
 */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  const visible = command
    .createHelp()
    .visibleCommands(command)
    .filter((sub) => sub.name() !== 'help');
  return visible.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

const program = makeProgram(offlineDeps(), () => undefined);
const paths = [[], ...commandPaths(program)];

/**
 * The lines of a help text's "Examples:" section: up to the next heading (a line that is not
 * indented) or the end; blank lines and indented sub-headings may sit between examples.
 */
function exampleBlock(help: string): string[] {
  const all = help.split('\n');
  const start = all.indexOf('Examples:');
  if (start === -1) return [];
  const lines = all.slice(start + 1);
  const end = lines.findIndex((l) => /^\S/.test(l));
  return end === -1 ? lines : lines.slice(0, end);
}

/** The examples of a help text: the `  $ ` lines of its section. */
function examples(help: string): string[] {
  return exampleBlock(help).filter((l) => l.startsWith('  $ '));
}

describe('--help of every command', () => {
  let cli: InProcessCli;
  /** `clickup-brain <path> --help` output, by path. */
  const helps = new Map<string, string>();
  before(async () => {
    cli = await inProcessCli([]);
    for (const path of paths) {
      const result = await cli.run(...path, '--help');
      assert.equal(result.code, 0, `${path.join(' ')} --help: ${result.stderr}`);
      assert.equal(result.stderr, '');
      helps.set(['clickup-brain', ...path].join(' '), result.stdout);
    }
  });
  after(() => cli.cleanup());

  test('the tree has the groups and subcommands the CLI documents', () => {
    // A guard for the walk itself: an empty walk would make the next test pass vacuously.
    for (const path of [['monitoring'], ['security'], ['daemon', 'run'], ['config', 'set']]) {
      assert.ok(
        paths.some((p) => p.join(' ') === path.join(' ')),
        `missing: ${path.join(' ')}`,
      );
    }
    assert.equal(helps.size, paths.length);
  });

  test('each command’s help ends with an Examples: section that shows the command', () => {
    const missing: string[] = [];
    for (const [command, help] of helps) {
      // An example may pipe into the command or follow a mkdir: it need only contain it.
      const shown = examples(help).some((l) => l.endsWith(command) || l.includes(`${command} `));
      if (!shown) missing.push(command);
    }
    assert.deepEqual(missing, []);
  });

  test('an example that goes on over lines ends each line but its last with " \\"', () => {
    // A lone backslash at a line's end inside a template literal joins the lines and vanishes,
    // leaving an example with a run of spaces in the middle that no shell would continue.
    const broken: string[] = [];
    for (const help of helps.values()) {
      const block = exampleBlock(help);
      block.forEach((line, i) => {
        const next = block[i + 1];
        // Continuation lines are indented deeper than the `  $ ` of an example.
        const continued = next !== undefined && /^ {4,}\S/.test(next);
        if ((continued && !line.endsWith(' \\')) || /\S {3,}-/.test(line)) broken.push(line);
      });
    }
    assert.deepEqual(broken, []);
  });

  test('an Examples: section is found where it is (the parser above, on a known text)', () => {
    const help =
      'Usage: x\n\nExamples:\n  $ clickup-brain a \\\n      --b\n  $ clickup-brain c\n\nmore';
    assert.deepEqual(exampleBlock(help), [
      '  $ clickup-brain a \\',
      '      --b',
      '  $ clickup-brain c',
      '',
    ]);
    assert.deepEqual(examples(help), ['  $ clickup-brain a \\', '  $ clickup-brain c']);
    assert.deepEqual(examples('Usage: x\n'), []);
    const grouped =
      'Examples:\n  bash:\n  $ clickup-brain x\n\n  zsh:\n  $ clickup-brain y\nExit codes: 0';
    assert.deepEqual(examples(grouped), ['  $ clickup-brain x', '  $ clickup-brain y']);
  });
});
