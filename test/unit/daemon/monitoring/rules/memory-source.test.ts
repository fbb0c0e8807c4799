import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileMatcher } from '../../../../../daemon/monitoring/rules/matchers.js';
import { expandSeriesValues, MemorySeriesSource } from '../../../../../daemon/monitoring/rules/memory-source.js';
import { isStaleMarker } from '../../../../../daemon/monitoring/rules/staleness.js';

describe('expandSeriesValues (promtool notation)', () => {
  const cases: Array<[string, Array<number | null | 'stale'>]> = [
    ['1 2 3', [1, 2, 3]],
    ['0+10x3', [0, 10, 20, 30]],
    ['10-2x2', [10, 8, 6]],
    ['-1+1x2', [-1, 0, 1]],
    ['5x2', [5, 5, 5]],
    ['1.5+0.5x1', [1.5, 2]],
    ['1e3', [1000]],
    ['_', [null]],
    ['_x3', [null, null, null]],
    ['1 _ stale 2', [1, null, 'stale', 2]],
    ['Inf -Inf', [Infinity, -Infinity]],
    ['  1   2  ', [1, 2]],
    ['', []],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => assert.deepEqual(expandSeriesValues(text), expected));
  }

  test('NaN', () => {
    const [v] = expandSeriesValues('NaN');
    assert.ok(typeof v === 'number' && Number.isNaN(v));
  });

  test('bad items are refused', () => {
    assert.throws(() => expandSeriesValues('1 abc'), { code: 'INVALID_INPUT', message: /'abc' is not a series value/ });
    assert.throws(() => expandSeriesValues('1+x3'), { code: 'INVALID_INPUT' });
  });
});

describe('MemorySeriesSource', () => {
  const src = new MemorySeriesSource(
    { 'up{job="api", env="prod"}': '1 1 0 stale', 'up{job="web"}': '_ 1+1x2', 'other': '7' },
    { interval: '30s', startMs: 1_000_000 },
  );

  test('names', () => {
    assert.deepEqual([...src.names()].sort(), ['other', 'up']);
  });

  test('select: matchers and an inclusive time range', () => {
    const [api] = src.select('up', [{ name: 'job', op: '=', value: 'api' }], 1_030_000, 1_060_000);
    assert.ok(api !== undefined);
    assert.equal(api.name, 'up');
    assert.deepEqual(api.labels, { job: 'api', env: 'prod' });
    assert.deepEqual([...api.times], [1_030_000, 1_060_000]);
    assert.deepEqual([...api.values], [1, 0]);
  });

  test('missing values leave gaps; stale markers are stored as markers', () => {
    const [web] = src.select('up', [{ name: 'job', op: '=~', value: 'w.*' }], 0, 2_000_000);
    assert.deepEqual([...(web?.times ?? [])], [1_030_000, 1_060_000, 1_090_000]);
    const [api] = src.select('up', [compileMatcher({ name: 'env', op: '!=', value: 'dev' }), { name: 'job', op: '!~', value: 'web' }], 0, 2_000_000);
    assert.equal(api?.values.length, 4);
    assert.ok(api !== undefined && isStaleMarker(api.values, 3));
    assert.ok(api !== undefined && !isStaleMarker(api.values, 2));
  });

  test('a missing label is the empty string for matchers', () => {
    assert.equal(src.select('up', [{ name: 'env', op: '=', value: '' }], 0, 2_000_000).length, 1);
  });

  test('unknown names select nothing', () => {
    assert.deepEqual(src.select('nope', [], 0, 2_000_000), []);
  });

  test('addSamples takes explicit times', () => {
    const s = new MemorySeriesSource().addSamples('m', { a: 'b' }, [
      [10, 1],
      [20, 'stale'],
    ]);
    const [m] = s.select('m', [], 0, 100);
    assert.deepEqual([...(m?.times ?? [])], [10, 20]);
    assert.throws(() => s.addSamples('n', {}, [[20, 1], [10, 2]]), { message: 'samples of n must be in increasing time order' });
  });

  test('bad series and duplicates are refused', () => {
    assert.throws(() => new MemorySeriesSource({ 'up{job=~"a"}': '1' }), { code: 'INVALID_INPUT', message: /is not a series/ });
    assert.throws(() => new MemorySeriesSource({ 'rate(x[5m])': '1' }), { code: 'INVALID_INPUT' });
    assert.throws(() => new MemorySeriesSource({ 'up{a="1"}': '1', '{__name__="up", a="1"}': '2' }), { message: /given twice/ });
    assert.throws(() => new MemorySeriesSource({}, { interval: 'soon' }), { code: 'INVALID_INPUT' });
  });
});
