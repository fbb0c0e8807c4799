/**
 * @module A uPlot time-series chart that follows its container's width and the colour scheme.
 *
 * uPlot (served from /assets/vendor/, loaded as a classic script before the app) sets element
 * styles from JavaScript, which a CSP without 'unsafe-inline' allows: only style attributes in
 * markup and <style> bodies are blocked.
 */
import { formatValue } from './format.js';

/** Line colours, distinguishable in both schemes; the legend names each line in text too. */
const COLOURS = [
  '#2f7ed8',
  '#e4572e',
  '#29a36a',
  '#a65bd8',
  '#d4a017',
  '#1fa2a8',
  '#d43f8d',
  '#6b7a8f',
];

/**
 * @typedef {{ xs: number[], ys: (number | null)[][], names: string[] }} Aligned
 */

/**
 * Draws `data` into `container`; returns a handle to redraw with new data and to stop.
 * @param {HTMLElement} container
 * @param {Aligned} data
 * @param {{ unit?: (v: number) => string, height?: number }} [options]
 */
export function createChart(container, data, options = {}) {
  /** @type {any} */
  const UPlot = /** @type {any} */ (globalThis).uPlot;
  if (typeof UPlot !== 'function') throw new Error('the chart library did not load');
  const fmt = options.unit ?? formatValue;
  const height = options.height ?? 300;
  /** @type {any} */
  let plot = null;
  /** @type {string} */
  let shape = '';

  function width() {
    return Math.max(280, Math.floor(container.clientWidth || 600));
  }

  /** @param {Aligned} d */
  function build(d) {
    plot?.destroy();
    const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
    const axis = {
      stroke: dark ? '#c9d1d9' : '#24292f',
      grid: { stroke: dark ? '#30363d' : '#e5e7eb', width: 1 },
      ticks: { stroke: dark ? '#30363d' : '#e5e7eb', width: 1 },
    };
    plot = new UPlot(
      {
        width: width(),
        height,
        legend: { live: true },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        axes: [
          axis,
          {
            ...axis,
            values: (/** @type {any} */ _u, /** @type {number[]} */ ticks) =>
              ticks.map((v) => fmt(v)),
            // Wide enough for the longest tick label (e.g. "1.25 s"), which the default cuts.
            size: (/** @type {any} */ _u, /** @type {string[] | null} */ values) =>
              values === null || values.length === 0
                ? 50
                : 18 + 7 * Math.max(...values.map((v) => String(v).length)),
          },
        ],
        series: [
          { label: 'time' },
          ...d.names.map((name, i) => ({
            label: name,
            stroke: COLOURS[i % COLOURS.length],
            width: 1.5,
            spanGaps: false,
            value: (/** @type {any} */ _u, /** @type {number | null} */ v) =>
              v === null ? '—' : fmt(v),
          })),
        ],
      },
      [d.xs, ...d.ys],
      container,
    );
    shape = d.names.join('\n');
  }

  build(data);
  const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height }));
  resize.observe(container);

  return {
    /** @param {Aligned} d */
    update(d) {
      // Same lines: swap the data in (cheaper, and the legend stays put); new lines: rebuild.
      if (d.names.join('\n') === shape) plot.setData([d.xs, ...d.ys]);
      else build(d);
    },
    destroy() {
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}
