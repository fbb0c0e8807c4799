import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkSample, planBatch } from '../../../../../daemon/monitoring/metrics/batch.js';
import type { DeclaredShape } from '../../../../../daemon/monitoring/metrics/declare.js';
import { throwsInvalid } from './helpers.js';

const existing = new Map<string, DeclaredShape>([
  ['jobs_total', { name: 'jobs_total', type: 'counter', labelNames: ['queue'] }],
]);
const lookup = (name: string): DeclaredShape | undefined => existing.get(name);

describe('checkSample', () => {
  test('plans a new metric with sorted label names', () => {
    assert.deepEqual(
      checkSample(
        { name: 'temp', value: 3, type: 'gauge', labels: { room: 'a', floor: 2 }, help: 'T.' },
        lookup,
      ),
      {
        name: 'temp',
        type: 'gauge',
        value: 3,
        labels: { room: 'a', floor: 2 },
        labelNames: ['floor', 'room'],
        help: 'T.',
        exists: false,
      },
    );
  });
  test('finds an existing metric; help defaults to empty', () => {
    const planned = checkSample(
      { name: 'jobs_total', value: 1, type: 'counter', labels: { queue: 'q' } },
      lookup,
    );
    assert.equal(planned.exists, true);
    assert.equal(planned.help, '');
  });
  test('refuses each kind of bad sample with its reason', () => {
    throwsInvalid(() => checkSample(null, lookup), 'a sample must be an object, got null');
    throwsInvalid(
      () => checkSample({ name: 'a-b', value: 1, type: 'gauge' }, lookup),
      "metric name 'a-b' is invalid; metric names match [a-zA-Z_:][a-zA-Z0-9_:]*",
    );
    throwsInvalid(
      () => checkSample({ name: 'x', value: 1, type: 'untyped' }, lookup),
      "metric x: type must be one of counter, gauge, histogram, summary; got 'untyped'",
      'type',
    );
    throwsInvalid(
      () => checkSample({ name: 'x', value: 1, type: 'gauge', labels: ['a'] }, lookup),
      'metric x: labels must be an object, got an array',
      'labels',
    );
    throwsInvalid(
      () =>
        checkSample({ name: 'x', value: 1, type: 'gauge', labels: { 'bad-name': 'a' } }, lookup),
      "gauge x: label name 'bad-name' is invalid; label names match [a-zA-Z_][a-zA-Z0-9_]*",
    );
    throwsInvalid(
      () => checkSample({ name: 'x', value: 1, type: 'histogram', labels: { le: '1' } }, lookup),
      "histogram x: label name 'le' is reserved for the bucket bounds",
    );
    throwsInvalid(
      () => checkSample({ name: 'x', value: 1, type: 'gauge', labels: { a: {} } }, lookup),
      "metric x: label 'a' must be a string or a number, got object",
      'labels',
    );
    throwsInvalid(
      () => checkSample({ name: 'x', value: 1, type: 'gauge', help: 5 }, lookup),
      'gauge x: help must be a string, got 5',
    );
    throwsInvalid(
      () =>
        checkSample(
          { name: 'jobs_total', value: 1, type: 'gauge', labels: { queue: 'q' } },
          lookup,
        ),
      'metric jobs_total is already a counter; cannot declare it as a gauge',
    );
    throwsInvalid(
      () => checkSample({ name: 'jobs_total', value: 1, type: 'counter' }, lookup),
      'counter jobs_total already has labels (queue); cannot declare it with labels (none)',
    );
    throwsInvalid(
      () =>
        checkSample(
          { name: 'jobs_total', value: -1, type: 'counter', labels: { queue: 'q' } },
          lookup,
        ),
      'counter jobs_total cannot go down: inc(-1) refused',
      'value',
    );
    throwsInvalid(
      () => checkSample({ name: 'g', value: '1', type: 'gauge' }, lookup),
      "gauge g: set needs a number, got '1'",
    );
    throwsInvalid(
      () => checkSample({ name: 'h', value: NaN, type: 'histogram' }, lookup),
      'histogram h: observe needs a finite number, got NaN',
    );
    throwsInvalid(
      () => checkSample({ name: 's', value: Infinity, type: 'summary' }, lookup),
      'summary s: observe needs a finite number, got Infinity',
    );
  });
  test('a gauge may be set to NaN', () => {
    assert.ok(Number.isNaN(checkSample({ name: 'g', value: NaN, type: 'gauge' }, lookup).value));
  });
});

describe('planBatch', () => {
  test('checks every sample; later ones see metrics the earlier ones declare', () => {
    const planned = planBatch(
      [
        { name: 'new_total', value: 1, type: 'counter', labels: { a: '1' } },
        { name: 'new_total', value: 2, type: 'counter', labels: { a: '2' } },
        { name: 'jobs_total', value: 3, type: 'counter', labels: { queue: 'q' } },
      ],
      lookup,
    );
    assert.deepEqual(
      planned.map((p) => [p.name, p.value, p.exists]),
      [
        ['new_total', 1, false],
        ['new_total', 2, true],
        ['jobs_total', 3, true],
      ],
    );
  });
  test('a conflict inside the batch names the sample', () => {
    throwsInvalid(
      () =>
        planBatch(
          [
            { name: 'new_total', value: 1, type: 'counter' },
            { name: 'new_total', value: 1, type: 'gauge' },
          ],
          lookup,
        ),
      'sample 1 (new_total): metric new_total is already a counter; cannot declare it as a gauge',
      'samples[1]',
    );
    throwsInvalid(
      () =>
        planBatch(
          [
            { name: 'lat', value: 1, type: 'histogram' },
            { name: 'lat_count', value: 1, type: 'gauge' },
          ],
          lookup,
        ),
      'sample 1 (lat_count): metric lat_count clashes with the lat_count series of histogram lat',
    );
  });
  test('a sample without a usable name is named by index alone', () => {
    throwsInvalid(
      () => planBatch([{ name: 'ok', value: 1, type: 'gauge' }, 7], lookup),
      'sample 1: a sample must be an object, got 7',
      'samples[1]',
    );
    throwsInvalid(
      () => planBatch([{ value: 1, type: 'gauge' }], lookup),
      'sample 0: a metric name must be a string, got undefined',
    );
  });
  test('needs an array; an empty one plans nothing', () => {
    throwsInvalid(
      () => planBatch({}, lookup),
      'pushBatch needs an array of samples, got object',
      'samples',
    );
    assert.deepEqual(planBatch([], lookup), []);
  });
});
