import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Gauge, gaugeValueProblem } from '../../../../../daemon/monitoring/metrics/gauge.js';
import { manualClock, throwsInvalid } from './helpers.js';

describe('Gauge', () => {
  test('set, inc and dec, unlabelled', () => {
    const gauge = new Gauge('queue_depth', { help: '' });
    gauge.set(10);
    gauge.inc();
    gauge.inc(4);
    gauge.dec();
    gauge.dec(2.5);
    assert.equal(gauge.get(), 11.5);
  });
  test('set, inc and dec, labelled', () => {
    const gauge = new Gauge('in_flight', { help: '', labelNames: ['route'] });
    gauge.inc({ route: '/a' });
    gauge.inc({ route: '/a' }, 2);
    gauge.dec({ route: '/a' });
    gauge.dec({ route: '/b' }, 3);
    gauge.set({ route: '/c' }, -7);
    assert.equal(gauge.get({ route: '/a' }), 2);
    assert.equal(gauge.get({ route: '/b' }), -3);
    assert.equal(gauge.get({ route: '/c' }), -7);
  });
  test('set takes NaN and infinities (valid Prometheus values); inc and dec need finite numbers', () => {
    const gauge = new Gauge('g', { help: '' });
    gauge.set(NaN);
    assert.ok(Number.isNaN(gauge.get()));
    gauge.set(-Infinity);
    assert.equal(gauge.get(), -Infinity);
    gauge.set(1);
    throwsInvalid(() => gauge.inc(NaN), 'gauge g: inc needs a finite number, got NaN', 'value');
    throwsInvalid(() => gauge.dec(Infinity), 'gauge g: dec needs a finite number, got Infinity');
    throwsInvalid(
      () => gauge.set('3' as unknown as number),
      "gauge g: set needs a number, got '3'",
    );
    throwsInvalid(() => gauge.set({}, undefined), 'gauge g: set needs a number, got undefined');
    assert.equal(gauge.get(), 1);
  });
  test('gaugeValueProblem', () => {
    assert.equal(gaugeValueProblem('g', 'set', NaN), undefined);
    assert.equal(gaugeValueProblem('g', 'inc', -2), undefined);
    assert.equal(gaugeValueProblem('g', 'dec', NaN), 'gauge g: dec needs a finite number, got NaN');
    assert.equal(gaugeValueProblem('g', 'set', null), 'gauge g: set needs a number, got null');
  });
  test('setToCurrentTime reads the injected clock, in seconds', () => {
    const clock = manualClock(1_700_000_000_500);
    const gauge = new Gauge('last_run_timestamp_seconds', {
      help: '',
      labelNames: ['job'],
      now: clock.now,
    });
    gauge.setToCurrentTime({ job: 'a' });
    assert.equal(gauge.get({ job: 'a' }), 1_700_000_000.5);
    const child = gauge.labels({ job: 'b' });
    clock.advance(1500);
    child.setToCurrentTime();
    assert.equal(child.get(), 1_700_000_002);
  });
  test('startTimer sets the elapsed seconds, with labels merged at the end', async () => {
    const gauge = new Gauge('took_seconds', { help: '', labelNames: ['step', 'result'] });
    const end = gauge.startTimer({ step: 'load' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = end({ result: 'ok' });
    assert.ok(seconds > 0.005 && seconds < 5, String(seconds));
    assert.equal(gauge.get({ step: 'load', result: 'ok' }), seconds);
  });
  test('a child sets, increments and decrements its series', () => {
    const gauge = new Gauge('g', { help: '', labelNames: ['a', 'b'] });
    const child = gauge.labels({ a: '1', b: 2 });
    assert.equal(gauge.labels({ b: '2', a: 1 }), child);
    child.set(5);
    child.inc();
    child.dec(3);
    assert.equal(gauge.get({ a: '1', b: '2' }), 3);
    throwsInvalid(() => child.inc(NaN), 'gauge g: inc needs a finite number, got NaN');
    throwsInvalid(
      () => child.dec('1' as unknown as number),
      "gauge g: dec needs a number, got '1'",
    );
    throwsInvalid(
      () => child.set(undefined as unknown as number),
      'gauge g: set needs a number, got undefined',
    );
    gauge.remove({ a: '1', b: '2' });
    assert.equal(child.get(), 0);
    child.inc(2);
    assert.equal(gauge.get({ a: '1', b: '2' }), 2);
  });
});
