/**
 * @module An inline SVG sparkline (no chart library: a table may hold hundreds).
 */
import { svg } from './dom.js';
import { sparkPoints } from './series.js';

const WIDTH = 100;
const HEIGHT = 24;

/**
 * @param {readonly number[]} values  oldest first
 * @param {string} label  what it shows, for screen readers
 */
export function sparkline(values, label) {
  const points = sparkPoints(values, WIDTH, HEIGHT);
  return svg(
    'svg',
    {
      class: 'sparkline',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: WIDTH,
      height: HEIGHT,
      role: 'img',
      'aria-label': label,
      preserveAspectRatio: 'none',
    },
    points === '' ? null : svg('polyline', { points, fill: 'none', class: 'sparkline-line' }),
  );
}
