import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectTraversal, foldPathEncodings } from '../../../../../daemon/security/threats/traversal.js';

describe('path traversal', () => {
  test('flags climbing sequences and sensitive paths', () => {
    for (const input of ['../../../etc/passwd', '..\\..\\windows\\win.ini', '....//....//etc/shadow', '/etc/passwd', 'C:\\Windows\\System32\\cmd.exe', 'file=../../../../proc/self/environ']) {
      assert.equal(detectTraversal(input)?.type, 'path_traversal', input);
    }
  });

  test('folds overlong encodings', () => {
    assert.equal(foldPathEncodings('%c0%ae%c0%ae%c0%af'), '../');
    assert.equal(detectTraversal('%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd')?.rule, 'traversal.dot-dot-slash');
  });

  test('leaves prose and ordinary paths alone', () => {
    for (const input of ['see ../README.md for details', 'Wait... /what?', 'https://example.com/a/b', 'v1.2..v1.3', '/home/me/notes.txt']) {
      assert.equal(detectTraversal(input), null, input);
    }
  });
});
