import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Counter, counterAmountProblem } from '../../../../../daemon/monitoring/metrics/counter.js';
import { throwsInvalid } from './helpers.js';

describe('Counter', () => {
  test('inc adds 1 by default, or the amount given', () => {
    const counter = new Counter('jobs_total', { help: 'Jobs.' });
    counter.inc();
    counter.inc(2.5);
    counter.inc(undefined);
    counter.inc(0);
    counter.inc(undefined, 2);
    assert.equal(counter.get(), 6.5);
  });
  test('labelled inc', () => {
    const counter = new Counter('http_requests_total', {
      help: '',
      labelNames: ['method', 'status'],
    });
    counter.inc({ method: 'GET', status: '200' });
    counter.inc({ method: 'GET', status: '200' }, 4);
    counter.inc({ method: 'POST', status: 500 }, 0.5);
    assert.equal(counter.get({ method: 'GET', status: '200' }), 5);
    assert.equal(counter.get({ method: 'POST', status: '500' }), 0.5);
    assert.equal(counter.get({ method: 'PUT', status: '500' }), 0);
  });
  test('refuses negative, non-finite and non-number amounts with the value unchanged', () => {
    const counter = new Counter('c_total', { help: '', labelNames: ['a'] });
    counter.inc({ a: 'x' }, 1);
    throwsInvalid(
      () => counter.inc({ a: 'x' }, -1),
      'counter c_total cannot go down: inc(-1) refused',
      'value',
    );
    throwsInvalid(
      () => counter.inc({ a: 'x' }, NaN),
      'counter c_total: inc needs a finite number, got NaN',
      'value',
    );
    throwsInvalid(
      () => counter.inc({ a: 'x' }, Infinity),
      'counter c_total: inc needs a finite number, got Infinity',
    );
    throwsInvalid(
      () => counter.inc({ a: 'x' }, -Infinity),
      'counter c_total: inc needs a finite number, got -Infinity',
    );
    throwsInvalid(
      () => counter.inc({ a: 'x' }, '2' as unknown as number),
      "counter c_total: inc needs a finite number, got '2'",
    );
    assert.equal(counter.get({ a: 'x' }), 1);
  });
  test('counterAmountProblem', () => {
    assert.equal(counterAmountProblem('c', 0), undefined);
    assert.equal(counterAmountProblem('c', 1e300), undefined);
    assert.equal(counterAmountProblem('c', -0.5), 'counter c cannot go down: inc(-0.5) refused');
    assert.equal(counterAmountProblem('c', null), 'counter c: inc needs a finite number, got null');
  });
  test('labels() gives a cached child bound to the series', () => {
    const counter = new Counter('c_total', { help: '', labelNames: ['method', 'status'] });
    const child = counter.labels({ method: 'GET', status: 200 });
    assert.equal(counter.labels({ status: '200', method: 'GET' }), child);
    child.inc();
    child.inc(2);
    assert.equal(child.get(), 3);
    assert.equal(counter.get({ method: 'GET', status: '200' }), 3);
    throwsInvalid(() => child.inc(-2), 'counter c_total cannot go down: inc(-2) refused');
    throwsInvalid(
      () => counter.labels({ method: 'GET' }),
      "metric c_total is missing label 'status'; declared: method, status",
    );
  });
  test('emits one sample per series', () => {
    const counter = new Counter('c_total', { help: '', labelNames: ['a'] });
    counter.inc({ a: 'x' }, 2);
    const seen: unknown[] = [];
    counter.emit((...args) => seen.push(args));
    assert.deepEqual(seen, [['c_total', ['x'], undefined, undefined, 2]]);
  });
});
