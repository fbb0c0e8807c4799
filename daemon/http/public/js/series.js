/**
 * @module Turns the API's series (each with its own times) into uPlot's aligned columns (pure).
 */
import { formatLabels } from './format.js';

/**
 * @typedef {{ labels: Record<string, string>, times: number[], values: number[] }} Series
 * @typedef {{ xs: number[], ys: (number | null)[][], names: string[] }} Aligned
 */

/**
 * One shared, sorted x axis (epoch seconds, as uPlot expects) with one y column per series; a
 * series without a sample at some time has null there, which the chart draws as a gap.
 * @param {readonly Series[]} series
 * @returns {Aligned}
 */
export function alignSeries(series) {
  const all = new Set();
  for (const s of series) for (const t of s.times) all.add(t);
  const times = /** @type {number[]} */ ([...all]).sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    /** @type {(number | null)[]} */
    const col = new Array(times.length).fill(null);
    s.times.forEach((t, i) => {
      const v = s.values[i];
      col[/** @type {number} */ (index.get(t))] =
        typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    return col;
  });
  return { xs: times.map((t) => t / 1000), ys, names: series.map((s) => seriesName(s.labels)) };
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
