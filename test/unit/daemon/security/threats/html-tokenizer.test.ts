import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenizeHtml } from '../../../../../daemon/security/threats/html-tokenizer.js';

describe('HTML tokenizer', () => {
  test('reads tags and attributes as a browser does', () => {
    const [tag] = tokenizeHtml('<svg/onload=alert(1)>');
    assert.equal(tag?.name, 'svg');
    assert.deepEqual(tag?.attributes, [{ name: 'onload', value: 'alert(1)' }]);
    const [img] = tokenizeHtml('<IMG SRC="a b" alt=\'x\' checked>');
    assert.deepEqual(img?.attributes, [
      { name: 'src', value: 'a b' },
      { name: 'alt', value: 'x' },
      { name: 'checked', value: null },
    ]);
    assert.equal(tokenizeHtml('</script>')[0]?.end, true);
  });

  test('does not take text for tags', () => {
    assert.deepEqual(tokenizeHtml('I <3 you, a < b, x <= y, << >>'), []);
  });

  test('is bounded on hostile input', () => {
    assert.ok(tokenizeHtml('<a '.repeat(100_000)).length <= 64);
    assert.doesNotThrow(() => tokenizeHtml('<a b="'.repeat(10_000)));
  });
});
