import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Series, seriesKey } from '../../../../../daemon/monitoring/history/series.js';
import { SeriesIndex } from '../../../../../daemon/monitoring/history/series-index.js';

function series(name: string, labels: Record<string, string>): Series {
  return new Series(name, labels, seriesKey(labels), []);
}

describe('SeriesIndex', () => {
  test('adds, finds, matches, removes', () => {
    const index = new SeriesIndex();
    const a = series('up', { job: 'a' });
    const b = series('up', { job: 'b' });
    const c = series('load', {});
    [a, b, c].forEach((s) => index.add(s));
    assert.equal(index.size, 3);
    assert.equal(index.get('up', seriesKey({ job: 'b' })), b);
    assert.equal(index.get('down', ''), undefined);
    assert.deepEqual(index.names().sort(), ['load', 'up']);
    assert.deepEqual(index.ofName('up'), [a, b]);
    assert.deepEqual(index.matching('up', [{ name: 'job', op: '!=', value: 'a' }]), [b]);
    assert.deepEqual(index.matching('nothing', []), []);
    assert.equal([...index.all()].length, 3);
    index.remove(c);
    index.remove(c);
    assert.equal(index.size, 2);
    assert.deepEqual(index.names(), ['up']);
    // a different object with the same identity is not removed by mistake
    index.remove(series('up', { job: 'a' }));
    assert.equal(index.size, 2);
  });
});
