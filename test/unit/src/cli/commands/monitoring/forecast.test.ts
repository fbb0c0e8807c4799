import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crossing, renderForecast } from '../../../../../../src/cli/commands/monitoring/forecast.js';
import { ago, now } from './fixtures.js';

describe('crossing', () => {
  test('in how long and when, never, or already', () => {
    assert.equal(crossing(ago(-(3 * 24 + 4) * 60), now), 'in 3d4h (2026-01-04T16:00:00Z)');
    assert.equal(crossing(null, now), 'never at the current trend');
    assert.equal(crossing(ago(5), now), 'already (2026-01-01T11:55:00Z)');
  });
});

describe('renderForecast', () => {
  test('per series: current value, trend per hour, samples and the crossing', () => {
    const rows = [
      { labels: { mount: '/' }, current: 71.5, slopePerHour: 0.25, crossesAt: ago(-74 * 60), samples: 360 },
      { labels: { mount: '/data' }, current: 40, slopePerHour: -0.1, crossesAt: null, samples: 360 },
    ];
    assert.equal(
      renderForecast({ metric: 'disk_used_percent', threshold: 90, rangeMs: 21_600_000, rows }, now),
      [
        'disk_used_percent: trend over the last 6h, threshold 90',
        '',
        'SERIES           CURRENT  TREND    SAMPLES  CROSSES 90',
        '{mount="/"}      71.5     +0.25/h  360      in 3d2h (2026-01-04T14:00:00Z)',
        '{mount="/data"}  40       -0.1/h   360      never at the current trend',
      ].join('\n'),
    );
  });

  test('without a threshold there is no crossing column', () => {
    const rows = [{ labels: {}, current: 1, slopePerHour: 0, crossesAt: null, samples: 2 }];
    assert.equal(
      renderForecast({ metric: 'x', threshold: null, rangeMs: 3_600_000, rows }, now),
      ['x: trend over the last 1h', '', 'SERIES  CURRENT  TREND  SAMPLES', '{}      1        0/h    2'].join('\n'),
    );
    assert.equal(renderForecast({ metric: 'x', threshold: null, rangeMs: 3_600_000, rows: [] }, now), 'x: trend over the last 1h\n\nNo series with enough samples to forecast.');
  });
});
