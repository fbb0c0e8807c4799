import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charFlags } from '../../../../../daemon/security/threats/char-flags.js';
import { detectTraversal, detectTraversalFlagged, foldPathEncodings } from '../../../../../daemon/security/threats/traversal.js';

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

  test('answers the same with flags the caller computed', () => {
    assert.deepEqual(detectTraversalFlagged('/etc/passwd', charFlags('/etc/passwd')), { type: 'path_traversal', rule: 'traversal.sensitive-path', confidence: 0.8, evidence: '/etc/passwd' });
    assert.equal(detectTraversalFlagged('see ../README.md for details', charFlags('see ../README.md for details')), null);
    assert.equal(detectTraversalFlagged('../../etc/passwd', 0), null);
    for (const input of ['', '\0', 'a\0b', 'caf\u00e9', '\u212a\u0130', 'x'.repeat(70_000), `${'a '.repeat(20_000)}<script>`, '\u2019 or \u20181\u2019=\u20191']) {
      assert.deepEqual(detectTraversalFlagged(input, charFlags(input)), detectTraversal(input), input.slice(0, 40));
    }
  });
});
