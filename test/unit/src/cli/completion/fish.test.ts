import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fishQuote, fishScript } from '../../../../../src/cli/completion/fish.js';
import { completionSpec } from '../../../../../src/cli/completion/spec.js';
import { ECHO_ARGS, scriptFixture, skipWithout } from './script-fixture.js';
import { smallHints, smallProgram } from './small-program.js';

const SKIP = skipWithout('fish');
const text = fishScript(completionSpec(smallProgram(), smallHints()));
const { dir, script } = scriptFixture('tool.fish', text, () => ECHO_ARGS);

/** The words fish offers for `line` (descriptions cut off). */
function complete(line: string): string[] {
  const out = execFileSync(
    'fish',
    ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', script, line],
    { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}` } },
  );
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[0] as string);
}

describe('fishScript', () => {
  it('quotes for fish', () => {
    assert.equal(fishQuote(`it's a \\ b`), `'it\\'s a \\\\ b'`);
  });

  it('registers one completion function for the program', () => {
    assert.match(text, /\ncomplete -c tool -f -a '\(_tool_complete\)'\n$/);
  });

  it('is valid fish', { skip: SKIP }, () => {
    execFileSync('fish', ['--no-execute', script]);
  });

  it('completes commands, flags, choices and arguments', { skip: SKIP }, () => {
    assert.deepEqual(complete('tool '), ['conf', 'daemon', 'help', 'mon']);
    assert.deepEqual(complete('tool mon --s'), ['--severity', '--silence', '--socket']);
    assert.deepEqual(complete('tool daemon logs -n 5 --f'), ['--follow']);
    assert.deepEqual(complete('tool mon --add-check x --type '), ['http', 'tcp']);
    assert.deepEqual(complete('tool conf get a.'), ['a.one', 'a.two']);
    assert.deepEqual(complete('tool conf set a.one '), []);
  });

  it(
    'asks the program for dynamic names with the kind, prefix and --socket',
    { skip: SKIP },
    () => {
      assert.deepEqual(complete('tool --socket /s.sock mon --remove-rule '), [
        '--socket /s.sock __complete rule ',
      ]);
    },
  );
});
