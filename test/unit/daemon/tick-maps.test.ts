import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { describe, it } from 'node:test';
import { keepTickObjectMaps } from '../../../daemon/tick-maps.js';

/** One of node's own tick objects, seen through an async hook (only this test enables one). */
function nodeTickObject(): object {
  let seen: object | null = null;
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type === 'TickObject' && seen === null) seen = resource as object;
    },
  });
  hook.enable();
  process.nextTick(() => undefined);
  hook.disable();
  assert.ok(seen !== null, 'node made a tick object');
  return seen;
}

describe('keepTickObjectMaps', () => {
  it("keeps one object with node's tick-object keys, in node's order", () => {
    const kept = keepTickObjectMaps();
    assert.ok(kept !== null);
    // The same keys in the same order is the same chain of hidden classes.
    assert.deepEqual(Reflect.ownKeys(kept), Reflect.ownKeys(nodeTickObject()));
  });

  it('keeps it once per process', () => {
    assert.equal(keepTickObjectMaps(), keepTickObjectMaps());
  });
});
