import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Counter } from '../../../../../daemon/monitoring/metrics/counter.js';
import { Gauge } from '../../../../../daemon/monitoring/metrics/gauge.js';
import type { LabelInput } from '../../../../../daemon/monitoring/metrics/metric.js';
import { throwsInvalid } from './helpers.js';

/** Every sample a metric emits, as `name{values} value` lines (label values joined by |). */
function samples(metric: Counter | Gauge): string[] {
  const out: string[] = [];
  metric.emit((name, values, _extra, _extraValue, value) =>
    out.push(`${name}{${values.join('|')}} ${value}`),
  );
  return out;
}

describe('Metric: construction', () => {
  test('checks name, help and label names', () => {
    throwsInvalid(
      () => new Counter('1x', { help: '' }),
      "metric name '1x' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*",
    );
    throwsInvalid(
      () => new Counter('x', { help: 3 as unknown as string }),
      'counter x: help must be a string, got 3',
    );
    throwsInvalid(
      () => new Gauge('x', { help: '', labelNames: ['__a'] }),
      "gauge x: label name '__a' is reserved; names starting with __ are internal to Prometheus",
    );
  });
  test('keeps a frozen copy of the label names', () => {
    const names = ['a', 'b'];
    const counter = new Counter('x', { help: 'h', labelNames: names });
    names.push('c');
    assert.deepEqual(counter.labelNames, ['a', 'b']);
    assert.ok(Object.isFrozen(counter.labelNames));
  });
  test('an unlabelled metric has its series from the start; a labelled one has none', () => {
    assert.deepEqual(samples(new Counter('x', { help: '' })), ['x{} 0']);
    assert.equal(new Counter('y', { help: '', labelNames: ['a'] }).seriesCount, 0);
  });
});

describe('Metric: label sets', () => {
  const make = (labelNames: string[]) => new Counter('m', { help: '', labelNames });

  test('the order of keys in the label object does not matter', () => {
    const counter = make(['method', 'status']);
    counter.inc({ method: 'GET', status: '200' });
    counter.inc({ status: '200', method: 'GET' });
    assert.equal(counter.seriesCount, 1);
    assert.equal(counter.get({ method: 'GET', status: '200' }), 2);
  });
  test('numbers are label values as their string', () => {
    const counter = make(['status']);
    counter.inc({ status: 200 });
    counter.inc({ status: '200' });
    assert.deepEqual(samples(counter), ['m{200} 2']);
  });
  test('an undeclared, missing or mistyped label is refused and creates nothing', () => {
    const counter = new Counter('http_requests_total', {
      help: '',
      labelNames: ['method', 'status'],
    });
    throwsInvalid(
      () => counter.inc({ method: 'GET', status: '200', colour: 'red' }),
      "metric http_requests_total has no label 'colour'; declared: method, status",
      'labels',
    );
    throwsInvalid(
      () => counter.inc({ method: 'GET' }),
      "metric http_requests_total is missing label 'status'; declared: method, status",
    );
    throwsInvalid(
      () => counter.inc(),
      "metric http_requests_total is missing label 'method'; declared: method, status",
    );
    throwsInvalid(
      () => counter.inc({ method: 'GET', status: true } as unknown as LabelInput),
      "metric http_requests_total: label 'status' must be a string or a number, got true",
    );
    assert.equal(counter.seriesCount, 0);
  });
  test('an unlabelled metric refuses labels but takes none or {}', () => {
    const counter = make([]);
    counter.inc();
    counter.inc({});
    throwsInvalid(() => counter.inc({ a: '1' }), "metric m has no label 'a'; declared: none");
    assert.equal(counter.get(), 2);
  });
  test('one, two, three and more labels each find their own series', () => {
    for (const n of [1, 2, 3, 4, 6]) {
      const names = Array.from({ length: n }, (_, i) => `l${i}`);
      const counter = make(names);
      const first = Object.fromEntries(names.map((name) => [name, 'a']));
      const second = Object.fromEntries(names.map((name, i) => [name, i === n - 1 ? 'b' : 'a']));
      counter.inc(first);
      counter.inc(second, 2);
      counter.inc(first);
      assert.equal(counter.seriesCount, 2, `${n} labels`);
      assert.equal(counter.get(first), 2);
      assert.equal(counter.get(second), 2);
      throwsInvalid(
        () => counter.inc({ ...first, extra: 'x' }),
        `metric m has no label 'extra'; declared: ${names.join(', ')}`,
      );
    }
  });
  test('NUL and \\x01 inside values never make two label sets share a series', () => {
    const counter = make(['a', 'b']);
    const sets: Array<[string, string]> = [
      ['x\u0000y', 'z'],
      ['x', 'y\u0000z'],
      ['x', 'y'],
      ['x\u0001\u0002', 'y\u0000'],
      ['x\u0000', 'y'],
      ['x\u0001', '\u0002y'],
    ];
    sets.forEach(([a, b], i) => counter.inc({ a, b }, i + 1));
    assert.equal(counter.seriesCount, sets.length);
    sets.forEach(([a, b], i) => assert.equal(counter.get({ a, b }), i + 1, JSON.stringify([a, b])));
    assert.equal(counter.remove({ a: 'x\u0000', b: 'y' }), true);
    assert.equal(counter.get({ a: 'x\u0001\u0002', b: 'y\u0000' }), 4);
    assert.equal(counter.seriesCount, sets.length - 1);
  });
  test('a single label needs no escaping: its value is the key', () => {
    const counter = make(['a']);
    counter.inc({ a: 'x\u0000y' });
    counter.inc({ a: 'x' });
    assert.equal(counter.get({ a: 'x\u0000y' }), 1);
    assert.equal(counter.seriesCount, 2);
  });
});

describe('Metric: reading, removal and reset', () => {
  test('get does not create a series', () => {
    const counter = new Counter('m', { help: '', labelNames: ['a'] });
    assert.equal(counter.get({ a: 'x' }), 0);
    assert.equal(counter.seriesCount, 0);
  });
  test('remove drops one series and reports whether there was one', () => {
    const counter = new Counter('m', { help: '', labelNames: ['a'] });
    counter.inc({ a: 'x' });
    counter.inc({ a: 'y' });
    assert.equal(counter.remove({ a: 'x' }), true);
    assert.equal(counter.remove({ a: 'x' }), false);
    assert.deepEqual(samples(counter), ['m{y} 1']);
    throwsInvalid(() => counter.remove({ b: 'x' }), "metric m has no label 'b'; declared: a");
  });
  test('remove on an unlabelled metric sets it back to zero', () => {
    const gauge = new Gauge('g', { help: '' });
    gauge.set(5);
    assert.equal(gauge.remove(), true);
    assert.deepEqual(samples(gauge), ['g{} 0']);
  });
  test('reset drops every series; series come back in creation order', () => {
    const counter = new Counter('m', { help: '', labelNames: ['a'] });
    counter.inc({ a: 'y' });
    counter.inc({ a: 'x' });
    assert.deepEqual(samples(counter), ['m{y} 1', 'm{x} 1']);
    counter.reset();
    assert.equal(counter.seriesCount, 0);
    counter.inc({ a: 'x' }, 3);
    assert.deepEqual(samples(counter), ['m{x} 3']);
  });
  test('a child handle whose series was removed writes to a fresh series', () => {
    const counter = new Counter('m', { help: '', labelNames: ['a'] });
    const child = counter.labels({ a: 'x' });
    child.inc(5);
    counter.remove({ a: 'x' });
    assert.equal(child.get(), 0);
    child.inc();
    assert.equal(counter.get({ a: 'x' }), 1);
    counter.reset();
    child.inc(2);
    assert.equal(counter.get({ a: 'x' }), 2);
  });
});
