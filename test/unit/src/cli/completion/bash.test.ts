import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bashScript } from '../../../../../src/cli/completion/bash.js';
import { completionSpec } from '../../../../../src/cli/completion/spec.js';
import { bashCompletions } from '../../../../helpers/bash-completion.js';
import { scriptFixture } from './script-fixture.js';
import { smallHints, smallProgram } from './small-program.js';

// The stand-in for the program records how __complete is called and answers with names.
const { dir, script, fake } = scriptFixture(
  'tool.bash',
  bashScript(completionSpec(smallProgram(), smallHints())),
  (dir) =>
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${join(dir, 'calls')}'\nprintf 'HighCpu\\nHigh Queue\\n'\n`,
);
const calls = join(dir, 'calls');

/** COMPREPLY after completing the last of `words` (the words after the program's name). */
function complete(...words: string[]): string[] {
  return bashCompletions(script, '_tool', [fake, ...words]);
}

describe('bashScript', () => {
  it('is valid bash and registers the function for the program', () => {
    execFileSync('bash', ['-n', script]);
    assert.match(readFileSync(script, 'utf8'), /\ncomplete -F _tool tool\n$/);
  });

  it('completes subcommands, at the top and below', () => {
    assert.deepEqual(complete(''), ['mon', 'daemon', 'conf', 'help']);
    assert.deepEqual(complete('d'), ['daemon']);
    assert.deepEqual(complete('daemon', ''), ['start', 'logs', 'help']);
    assert.deepEqual(complete('help', 'c'), ['conf']);
  });

  it('completes long flags with the global ones, also where nothing else is expected', () => {
    assert.deepEqual(complete('mon', '--s'), ['--severity', '--silence', '--socket']);
    assert.deepEqual(complete('daemon', 'logs', '-'), [
      '--lines',
      '--follow',
      '--help',
      '--json',
      '--socket',
    ]);
    assert.deepEqual(complete('mon', '--health', '--he'), ['--health', '--help']);
  });

  it('completes fixed choices, placeholders and positional arguments', () => {
    assert.deepEqual(complete('mon', '--severity', ''), ['info', 'warning']);
    assert.deepEqual(complete('mon', '--for', '1'), ['1h']);
    assert.deepEqual(complete('conf', 'get', 'a.'), ['a.one', 'a.two']);
    // A free-text value offers nothing (not the flags).
    assert.deepEqual(complete('mon', '--comment', ''), []);
    assert.deepEqual(complete('conf', 'set', 'a.one', ''), []);
  });

  it('skips the values of options with arguments when finding the command path', () => {
    assert.deepEqual(complete('--socket', 'daemon', 'mon', '--sev'), ['--severity']);
    assert.deepEqual(complete('daemon', 'logs', '-n', 'start', '--f'), ['--follow']);
    assert.deepEqual(complete('mon', '--silence', 'a=b', 'c=d', '--sev'), ['--severity']);
  });

  it('chooses a value’s source by the options before it', () => {
    assert.deepEqual(complete('mon', '--add-check', 'api', '--type', ''), ['http', 'tcp']);
    assert.deepEqual(complete('mon', '--type', ''), ['http', 'tcp', 'gauge']);
  });

  it('asks the program for dynamic names, passing the kind, prefix and --socket, and quotes them', () => {
    rmSync(calls, { force: true });
    assert.deepEqual(complete('mon', '--remove-rule', 'Hi'), ['HighCpu', 'High\\ Queue']);
    assert.deepEqual(complete('--socket', '/s.sock', 'mon', '--grant', 'ada', 'r'), ['read']);
    assert.deepEqual(complete('--socket', '/s.sock', 'mon', '--grant', ''), [
      'HighCpu',
      'High\\ Queue',
    ]);
    assert.deepEqual(complete('mon', '--metrics', ''), ['HighCpu', 'High\\ Queue']);
    assert.deepEqual(readFileSync(calls, 'utf8').split('\n'), [
      '__complete rule Hi',
      '--socket /s.sock __complete user ',
      '__complete metric ',
      '',
    ]);
  });

  it('offers flags instead of an optional value when the word starts with a dash', () => {
    assert.deepEqual(complete('mon', '--metrics', '--he'), ['--health', '--help']);
  });

  it('completes files for file values', () => {
    assert.deepEqual(complete('--socket', join(dir, 'tool.b')), [script]);
  });
});
