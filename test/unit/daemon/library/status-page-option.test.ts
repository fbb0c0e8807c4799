import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statusPageOption } from '../../../../daemon/library/status-page-option.js';

describe('statusPageOption', () => {
  test('off by default and for false; on for true', () => {
    assert.equal(statusPageOption(undefined)(), false);
    assert.equal(statusPageOption(false)(), false);
    assert.equal(statusPageOption(true)(), true);
  });

  test('a function is read at every call, so the page can be switched while running', () => {
    let on = false;
    const read = statusPageOption(() => on);
    assert.equal(read(), false);
    on = true;
    assert.equal(read(), true);
    on = false;
    assert.equal(read(), false);
  });

  test('a function that throws or answers anything but true counts as off (fails closed)', () => {
    assert.equal(
      statusPageOption(() => {
        throw new Error('settings unreadable');
      })(),
      false,
    );
    assert.equal(statusPageOption((() => 'on') as never)(), false);
    assert.equal(statusPageOption((() => 1) as never)(), false);
  });

  test('anything else is a TypeError naming the option', () => {
    for (const bad of ['on', 1, null, {}, []]) {
      assert.throws(
        () => statusPageOption(bad),
        new TypeError('"dashboardStatusPage" option must be a boolean or a function returning one'),
      );
    }
  });
});
