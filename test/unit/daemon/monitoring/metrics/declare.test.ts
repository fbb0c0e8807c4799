import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeclaredShape } from '../../../../../daemon/monitoring/metrics/declare.js';
import { checkDeclaration } from '../../../../../daemon/monitoring/metrics/declare.js';
import { throwsInvalid } from './helpers.js';

function lookupOf(...shapes: DeclaredShape[]): (name: string) => DeclaredShape | undefined {
  const byName = new Map(shapes.map((shape) => [shape.name, shape]));
  return (name) => byName.get(name);
}

const requests: DeclaredShape = {
  name: 'http_requests_total',
  type: 'counter',
  labelNames: ['method', 'status'],
};
const latency: DeclaredShape = {
  name: 'latency_seconds',
  type: 'histogram',
  labelNames: [],
  buckets: [0.1, 1],
};
const size: DeclaredShape = {
  name: 'size_bytes',
  type: 'summary',
  labelNames: ['route'],
  settings: { percentiles: [0.5, 0.9], maxAgeSeconds: 60, ageBuckets: 3 },
};
const lookup = lookupOf(requests, latency, size);

describe('checkDeclaration', () => {
  test('a free name is undefined; the same declaration returns the existing one', () => {
    assert.equal(checkDeclaration('other_total', 'counter', [], {}, lookup), undefined);
    assert.equal(
      checkDeclaration('http_requests_total', 'counter', ['method', 'status'], {}, lookup),
      requests,
    );
  });
  test('label names are compared as a set', () => {
    assert.equal(
      checkDeclaration('http_requests_total', 'counter', ['status', 'method'], {}, lookup),
      requests,
    );
  });
  test('a different type is a conflict', () => {
    throwsInvalid(
      () => checkDeclaration('http_requests_total', 'gauge', ['method', 'status'], {}, lookup),
      'metric http_requests_total is already a counter; cannot declare it as a gauge',
      'name',
    );
  });
  test('different label names are a conflict', () => {
    throwsInvalid(
      () => checkDeclaration('http_requests_total', 'counter', ['method'], {}, lookup),
      'counter http_requests_total already has labels (method, status); cannot declare it with labels (method)',
    );
    throwsInvalid(
      () => checkDeclaration('latency_seconds', 'histogram', ['path'], {}, lookup),
      'histogram latency_seconds already has labels (none); cannot declare it with labels (path)',
    );
  });
  test('buckets and window settings are compared only when given', () => {
    assert.equal(checkDeclaration('latency_seconds', 'histogram', [], {}, lookup), latency);
    assert.equal(
      checkDeclaration('latency_seconds', 'histogram', [], { buckets: [0.1, 1] }, lookup),
      latency,
    );
    throwsInvalid(
      () => checkDeclaration('latency_seconds', 'histogram', [], { buckets: [0.5] }, lookup),
      'histogram latency_seconds already has buckets (0.1, 1); cannot declare it with buckets (0.5)',
    );
    assert.equal(
      checkDeclaration('size_bytes', 'summary', ['route'], { maxAgeSeconds: 60 }, lookup),
      size,
    );
    throwsInvalid(
      () => checkDeclaration('size_bytes', 'summary', ['route'], { percentiles: [0.5] }, lookup),
      'summary size_bytes already has percentiles (0.5, 0.9); cannot declare it with percentiles (0.5)',
    );
    throwsInvalid(
      () => checkDeclaration('size_bytes', 'summary', ['route'], { maxAgeSeconds: 600 }, lookup),
      'summary size_bytes already has maxAgeSeconds 60; cannot declare it with maxAgeSeconds 600',
    );
    throwsInvalid(
      () => checkDeclaration('size_bytes', 'summary', ['route'], { ageBuckets: 5 }, lookup),
      'summary size_bytes already has ageBuckets 3; cannot declare it with ageBuckets 5',
    );
  });
  test("a name one of a histogram's or summary's series uses is a conflict", () => {
    throwsInvalid(
      () => checkDeclaration('latency_seconds_bucket', 'gauge', [], {}, lookup),
      'metric latency_seconds_bucket clashes with the latency_seconds_bucket series of histogram latency_seconds',
    );
    throwsInvalid(
      () => checkDeclaration('latency_seconds_count', 'counter', [], {}, lookup),
      'metric latency_seconds_count clashes with the latency_seconds_count series of histogram latency_seconds',
    );
    throwsInvalid(
      () => checkDeclaration('size_bytes_sum', 'gauge', [], {}, lookup),
      'metric size_bytes_sum clashes with the size_bytes_sum series of summary size_bytes',
    );
    // A summary writes no _bucket series, so that name is free.
    assert.equal(checkDeclaration('size_bytes_bucket', 'gauge', [], {}, lookup), undefined);
  });
  test('a histogram or summary whose series would take an existing name is a conflict', () => {
    const withSum = lookupOf(
      { name: 'rpc_sum', type: 'gauge', labelNames: [] },
      { name: 'job_bucket', type: 'counter', labelNames: [] },
    );
    throwsInvalid(
      () => checkDeclaration('rpc', 'summary', [], {}, withSum),
      'summary rpc clashes with gauge rpc_sum: its rpc_sum series would have the same name',
    );
    throwsInvalid(
      () => checkDeclaration('job', 'histogram', [], {}, withSum),
      'histogram job clashes with counter job_bucket: its job_bucket series would have the same name',
    );
    assert.equal(checkDeclaration('job', 'summary', [], {}, withSum), undefined);
    assert.equal(checkDeclaration('rpc', 'gauge', [], {}, withSum), undefined);
  });
});
