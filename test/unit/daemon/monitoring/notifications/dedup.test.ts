import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  needsUpdate,
  type SentEntry,
} from '../../../../../daemon/monitoring/notifications/dedup.js';
import { HOUR } from './fixtures.js';

const REPEAT = 4 * HOUR;
const set = (...ids: string[]) => new Set(ids);
const sent = (firing: string[], resolved: string[] = [], sentAt = 0): SentEntry => ({
  firing,
  resolved,
  sentAt,
});

test("never sent: send when something fires ('new-group'), else nothing", () => {
  assert.equal(needsUpdate(undefined, set('a'), set(), true, REPEAT, 0), 'new-group');
  assert.equal(needsUpdate(undefined, set(), set('a'), true, REPEAT, 0), null);
});

test("an alert firing that was not firing last time: 'new-alerts'; fewer firing alone is no news", () => {
  assert.equal(needsUpdate(sent(['a']), set('a', 'b'), set(), false, REPEAT, 1), 'new-alerts');
  assert.equal(needsUpdate(sent(['a', 'b']), set('b'), set(), false, REPEAT, 1), null);
  assert.equal(needsUpdate(sent(['a'], ['b']), set('b'), set('a'), true, REPEAT, 1), 'new-alerts');
});

test("nothing fires any more: 'resolved' if something fired last time, with or without sendResolved", () => {
  assert.equal(needsUpdate(sent(['a']), set(), set('a'), true, REPEAT, 1), 'resolved');
  assert.equal(needsUpdate(sent(['a']), set(), set('a'), false, REPEAT, 1), 'resolved');
  // Fired and resolved between two sends: the channel never knew, nothing to say.
  assert.equal(needsUpdate(sent([], ['x']), set(), set('a'), true, REPEAT, 1), null);
});

test("with sendResolved, an alert resolved that was not said to be: 'resolved'; without, nothing", () => {
  assert.equal(needsUpdate(sent(['a', 'b']), set('b'), set('a'), true, REPEAT, 1), 'resolved');
  assert.equal(needsUpdate(sent(['a', 'b']), set('b'), set('a'), false, REPEAT, 1), null);
  assert.equal(needsUpdate(sent(['b'], ['a']), set('b'), set('a'), true, REPEAT, 1), null);
});

test("unchanged: 'repeat' once repeat_interval has passed since the last send, not a millisecond before", () => {
  assert.equal(
    needsUpdate(sent(['a'], [], 1000), set('a'), set(), true, REPEAT, 1000 + REPEAT - 1),
    null,
  );
  assert.equal(
    needsUpdate(sent(['a'], [], 1000), set('a'), set(), true, REPEAT, 1000 + REPEAT),
    'repeat',
  );
});
