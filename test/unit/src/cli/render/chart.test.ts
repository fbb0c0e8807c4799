import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderChart } from '../../../../../src/cli/render/chart.js';

const t0 = Date.UTC(2026, 0, 1, 10);
const seconds = (...offsets: number[]): number[] => offsets.map((s) => t0 + s * 1000);

describe('renderChart', () => {
  test('a step: braille dots joined column to column, min and max on the y axis', () => {
    // 8 cells = 16 dot columns by 2 rows = 8 dot rows; worked out by hand.
    assert.equal(
      renderChart(seconds(0, 1, 2, 3), [0, 0, 7, 7], { width: 11, height: 2 }),
      ['7 ┤    ⣰⠋⠉⠉', '0 ┤⣀⣀⣀⡼⠁', '  └────────', '   2026-01-01T10:00:00Z to 2026-01-01T10:00:03Z (3s)'].join('\n'),
    );
  });

  test('a flat series runs along the middle; min and max labels are equal', () => {
    assert.equal(
      renderChart(seconds(0, 1), [5, 5], { width: 11, height: 2 }),
      ['5 ┤', '5 ┤⠉⠉⠉⠉⠉⠉⠉⠉', '  └────────', '   2026-01-01T10:00:00Z to 2026-01-01T10:00:01Z (1s)'].join('\n'),
    );
  });

  test('with room, the span sits between the start and end times', () => {
    const times = Array.from({ length: 61 }, (_, i) => t0 + i * 60_000);
    assert.equal(
      renderChart(times, times.map((_, i) => (i * 100) / 60), { width: 50, height: 3 }),
      [
        '100 ┤                              ⢀⣀⣀⣀⣠⠤⠤⠤⠴⠒⠒⠒⠒⠋⠉',
        '    │              ⢀⣀⣀⣀⣠⠤⠤⠤⠤⠖⠒⠒⠚⠉⠉⠉⠉',
        '  0 ┤⣀⣀⡤⠤⠤⠤⠴⠒⠒⠒⠚⠉⠉⠉⠉',
        '    └─────────────────────────────────────────────',
        '     2026-01-01T10:00:00Z 1h  2026-01-01T11:00:00Z',
      ].join('\n'),
    );
  });

  test('keeps a spike narrower than a column', () => {
    const times = Array.from({ length: 101 }, (_, i) => t0 + i * 1000);
    assert.equal(
      renderChart(times, times.map((_, i) => (i === 50 ? 10 : 0)), { width: 11, height: 2 }),
      ['10 ┤    ⡇', ' 0 ┤⣀⣀⣀⣀⣇⣀⣀⣀', '   └────────', '    2026-01-01T10:00:00Z to 2026-01-01T10:01:40Z (1m40s)'].join('\n'),
    );
  });

  test('skips values that are not finite and draws the line across them; sorts by time', () => {
    const expected = ['2 ┤    ⣀⡤⠖⠋', '1 ┤⣀⡤⠖⠋⠁', '  └────────', '   2026-01-01T10:00:00Z to 2026-01-01T10:00:02Z (2s)'].join('\n');
    assert.equal(renderChart(seconds(0, 1, 2), [1, Number.NaN, 2], { width: 11, height: 2 }), expected);
    assert.equal(renderChart(seconds(2, 0), [2, 1], { width: 11, height: 2 }), expected);
  });

  test('one sample: a flat line and a single time', () => {
    assert.equal(
      renderChart(seconds(0), [2.5], { width: 11, height: 2 }),
      ['2.5 ┤', '2.5 ┤⠉⠉⠉⠉⠉⠉⠉⠉', '    └────────', '     2026-01-01T10:00:00Z'].join('\n'),
    );
  });

  test('no finite sample', () => {
    assert.equal(renderChart([], [], { width: 80, height: 10 }), '(no samples)');
    assert.equal(renderChart(seconds(0), [Number.NaN], { width: 80, height: 10 }), '(no samples)');
  });

  test('fills the width it is given and has `height` plot rows, without trailing spaces', () => {
    const times = Array.from({ length: 200 }, (_, i) => t0 + i * 15_000);
    const chart = renderChart(times, times.map((_, i) => (i % 50) - 25), { width: 80, height: 10 });
    const lines = chart.split('\n');
    assert.equal(lines.length, 12);
    assert.equal(lines[10], `    └${'─'.repeat(75)}`);
    assert.equal(lines[0]?.startsWith(' 24 ┤'), true);
    assert.equal(lines[9]?.startsWith('-25 ┤'), true);
    for (const line of lines) {
      assert.equal(line, line.trimEnd());
      assert.ok([...line].length <= 80, line);
    }
  });
});
