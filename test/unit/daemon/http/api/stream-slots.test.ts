import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STREAM_LIMITS, StreamSlots } from '../../../../../daemon/http/api/stream-slots.js';

describe('StreamSlots', () => {
  test('the defaults: 32 in all, 4 per user', () => {
    assert.deepEqual(STREAM_LIMITS, { total: 32, perUser: 4 });
    assert.deepEqual(new StreamSlots().limits, STREAM_LIMITS);
  });

  test('a user past their bound is refused; others are not', () => {
    const slots = new StreamSlots({ total: 10, perUser: 2 });
    assert.equal(slots.refusal('ada'), null);
    slots.take('ada');
    slots.take('ada');
    assert.equal(
      slots.refusal('ada'),
      'too many open event streams for ada (at most 2); close one, such as another tab',
    );
    assert.equal(slots.refusal('bob'), null);
  });

  test('the total bound applies to everyone', () => {
    const slots = new StreamSlots({ total: 2, perUser: 2 });
    slots.take('ada');
    slots.take('bob');
    assert.equal(
      slots.refusal('carol'),
      'too many open event streams (at most 2); try again later',
    );
    assert.equal(slots.open, 2);
  });

  test('a slot given back frees its place, once', () => {
    const slots = new StreamSlots({ total: 2, perUser: 1 });
    const give = slots.take('ada');
    assert.notEqual(slots.refusal('ada'), null);
    give();
    give();
    assert.equal(slots.open, 0);
    assert.equal(slots.refusal('ada'), null);
    slots.take('bob');
    slots.take('ada');
    assert.equal(slots.open, 2);
  });

  test('bad bounds are a TypeError naming the option', () => {
    assert.throws(() => new StreamSlots({ total: 0, perUser: 1 }), {
      name: 'TypeError',
      message: 'stream limit total must be a positive integer, got 0',
    });
    assert.throws(() => new StreamSlots({ total: 1, perUser: 1.5 }), {
      name: 'TypeError',
      message: 'stream limit perUser must be a positive integer, got 1.5',
    });
  });
});
