import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PasswordKeyEditor } from '../../../../../src/cli/auth/key-editor.js';

function line(keys: string[], maxBytes = 4096): ReturnType<PasswordKeyEditor['feed']> {
  const editor = new PasswordKeyEditor(maxBytes);
  let result: ReturnType<PasswordKeyEditor['feed']> = { kind: 'pending' };
  for (const chunk of keys) {
    result = editor.feed(chunk);
    if (result.kind !== 'pending') break;
  }
  return result;
}

describe('PasswordKeyEditor', () => {
  test('Enter (\\r or \\n) and Ctrl-D end the line', () => {
    assert.deepEqual(line(['secret\r']), { kind: 'done', value: 'secret', rest: '' });
    assert.deepEqual(line(['secret\n']), { kind: 'done', value: 'secret', rest: '' });
    assert.deepEqual(line(['secret\u0004']), { kind: 'done', value: 'secret', rest: '' });
  });

  test('keys may arrive one chunk at a time', () => {
    assert.deepEqual(line(['s', 'e', 'c', '\r']), { kind: 'done', value: 'sec', rest: '' });
  });

  test('what follows the Enter in the same chunk is returned; "\\r\\n" counts as one Enter', () => {
    assert.deepEqual(line(['one\rtwo\r']), { kind: 'done', value: 'one', rest: 'two\r' });
    assert.deepEqual(line(['one\r\ntwo\r\n']), { kind: 'done', value: 'one', rest: 'two\r\n' });
    assert.deepEqual(line(['one\n\ntwo']), { kind: 'done', value: 'one', rest: '\ntwo' });
  });

  test('backspace (DEL or BS) removes one character, a whole code point; on an empty line it does nothing', () => {
    assert.deepEqual(line(['abc\u007f\u007fx\r']), { kind: 'done', value: 'ax', rest: '' });
    assert.deepEqual(line(['abc\b\r']), { kind: 'done', value: 'ab', rest: '' });
    assert.deepEqual(line(['\u007f\u007fa\r']), { kind: 'done', value: 'a', rest: '' });
    assert.deepEqual(line(['pé😀\u007f\u007f\r']), { kind: 'done', value: 'p', rest: '' });
  });

  test('Ctrl-U clears the line', () => {
    assert.deepEqual(line(['wrong\u0015right\r']), { kind: 'done', value: 'right', rest: '' });
  });

  test('Ctrl-C cancels, wherever it comes', () => {
    assert.deepEqual(line(['abc\u0003def\r']), { kind: 'cancelled' });
    assert.deepEqual(line(['\u0003']), { kind: 'cancelled' });
  });

  test('escape sequences (arrows, F1, Alt+key, bracketed paste) are dropped, also across chunks', () => {
    assert.deepEqual(line(['a\u001b[Ab\u001bOPc\u001bxd\u001b[1;5Ce\r']), {
      kind: 'done',
      value: 'abcde',
      rest: '',
    });
    assert.deepEqual(line(['\u001b[200~pasted\u001b[201~\r']), {
      kind: 'done',
      value: 'pasted',
      rest: '',
    });
    assert.deepEqual(line(['a\u001b', '[', '1', '5~b\r']), { kind: 'done', value: 'ab', rest: '' });
  });

  test('a control key inside an unfinished escape sequence still acts', () => {
    assert.deepEqual(line(['a\u001b[1\u0003']), { kind: 'cancelled' });
    assert.deepEqual(line(['a\u001b[1\r']), { kind: 'done', value: 'a', rest: '' });
  });

  test('other control characters (tab, NUL, C1) are dropped; spaces and any Unicode are kept', () => {
    assert.deepEqual(line(['a\tb\u0000c\u0085d\r']), { kind: 'done', value: 'abcd', rest: '' });
    assert.deepEqual(line([' p ä 密码 \r']), { kind: 'done', value: ' p ä 密码 ', rest: '' });
  });

  test('an empty line is done with an empty value (the prompt refuses it)', () => {
    assert.deepEqual(line(['\r']), { kind: 'done', value: '', rest: '' });
  });

  test('past maxBytes (UTF-8) the line is too long; backspace gives the room back', () => {
    assert.deepEqual(line(['abcd\r'], 4), { kind: 'done', value: 'abcd', rest: '' });
    assert.deepEqual(line(['abcde'], 4), { kind: 'too-long' });
    assert.deepEqual(line(['éé\r'], 4), { kind: 'done', value: 'éé', rest: '' });
    assert.deepEqual(line(['ééa'], 4), { kind: 'too-long' });
    assert.deepEqual(line(['abcd\u007fe\r'], 4), { kind: 'done', value: 'abce', rest: '' });
  });

  test('wrong use is a TypeError', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => new PasswordKeyEditor(bad), {
        name: 'TypeError',
        message: 'PasswordKeyEditor: maxBytes must be a positive integer',
      });
    }
    const editor = new PasswordKeyEditor(10);
    editor.feed('a\r');
    assert.throws(() => editor.feed('b'), {
      name: 'TypeError',
      message: 'PasswordKeyEditor: feed() after the line ended',
    });
  });
});
