/**
 * @module Chart columns for uPlot from the API's replies, and sparkline points (pure).
 */
import { formatLabels } from './format.js';

/**
 * @typedef {{ labels: Record<string, string>, values: (number | null)[] }} ChartSeries
 * @typedef {{ timestamps: number[], series: ChartSeries[] }} MetricChart
 * @typedef {{ xs: number[], ys: (number | null)[][], names: string[] }} Aligned
 */

/**
 * uPlot's columns from the API's metric chart (timestamps already in Unix seconds and shared by
 * every series; null is a gap). A value that is not a finite number becomes a gap too.
 * @param {MetricChart} chart
 * @returns {Aligned}
 */
export function chartData(chart) {
  const xs = Array.isArray(chart.timestamps) ? chart.timestamps : [];
  const series = Array.isArray(chart.series) ? chart.series : [];
  return {
    xs,
    ys: series.map((s) => xs.map((_, i) => finite(s.values?.[i]))),
    names: series.map((s) => seriesName(s.labels ?? {})),
  };
}

/**
 * A series' last value and its time (Unix seconds), skipping gaps; null when it has none.
 * @param {readonly number[]} xs
 * @param {readonly (number | null)[]} values
 * @returns {{ value: number, at: number } | null}
 */
export function lastPoint(xs, values) {
  for (let i = Math.min(xs.length, values.length) - 1; i >= 0; i--) {
    const v = finite(values[i]);
    if (v !== null) return { value: v, at: /** @type {number} */ (xs[i]) };
  }
  return null;
}

/** @param {unknown} v */
function finite(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A series' legend name: its labels, or `value` when it has none.
 * @param {Record<string, string>} labels
 */
export function seriesName(labels) {
  return Object.keys(labels).length === 0 ? 'value' : formatLabels(labels);
}

/**
 * The points of a sparkline path in a `width`×`height` box (the last value at the right edge);
 * an empty string for fewer than two values.
 * @param {readonly number[]} values
 * @param {number} width
 * @param {number} height
 */
export function sparkPoints(values, width, height) {
  const vs = values.filter((v) => Number.isFinite(v));
  if (vs.length < 2) return '';
  const min = Math.min(...vs);
  const max = Math.max(...vs);
  const span = max - min || 1;
  const step = width / (vs.length - 1);
  return vs
    .map((v, i) => {
      const x = i * step;
      // A flat line sits in the middle rather than on the floor.
      const y = max === min ? height / 2 : height - ((v - min) / span) * (height - 2) - 1;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

/** @param {number} n */
function round(n) {
  return Math.round(n * 10) / 10;
}
