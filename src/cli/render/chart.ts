/**
 * @module A terminal line chart in braille dots: each character cell holds 2×4 dots, so a chart
 * of 70×10 cells plots 140 columns at 40 levels.
 *
 * ```
 *  14 ┤        ⡠⠊⠉⠑⢄
 *     │     ⢀⠔⠁     ⠈⠢⡀
 * 3.2 ┤⠤⠤⠤⠒⠁          ⠈⠒⠤
 *     └──────────────────────
 *      2026-01-01T10:00:00Z   1h   2026-01-01T11:00:00Z
 * ```
 */
import { formatDuration } from '../../protocol/duration.js';
import { formatNumber, isoSeconds } from './values.js';

export interface ChartOptions {
  /** Total width in characters, axis labels included (at least 8 cells are plotted). */
  width: number;
  /** Rows of the plot (at least 2). */
  height: number;
}

// The bit of each dot of a braille cell, by [row][column] (Unicode's dot numbering).
const DOT_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;

interface Point {
  time: number;
  value: number;
}

/** The samples that can be drawn, in time order. */
function points(times: readonly number[], values: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < Math.min(times.length, values.length); i++) {
    const time = times[i] as number;
    const value = values[i] as number;
    if (Number.isFinite(time) && Number.isFinite(value)) out.push({ time, value });
  }
  return out.sort((a, b) => a.time - b.time);
}

/**
 * The values that fall in each dot column; a column no sample falls in gets the value on the
 * straight line between its neighbours, so the chart stays a line.
 */
function columns(pts: readonly Point[], count: number): number[][] {
  const first = pts[0] as Point;
  const span = (pts[pts.length - 1] as Point).time - first.time;
  const cols: number[][] = Array.from({ length: count }, () => []);
  for (const p of pts) {
    const x = span === 0 ? 0 : Math.round(((p.time - first.time) / span) * (count - 1));
    (cols[x] as number[]).push(p.value);
  }
  if (span === 0) return cols.map(() => [...(cols[0] as number[])]);
  let previous = 0;
  for (let x = 1; x < count; x++) {
    if ((cols[x] as number[]).length === 0) continue;
    const from = (cols[previous] as number[]).at(-1) as number;
    const to = (cols[x] as number[])[0] as number;
    for (let gap = previous + 1; gap < x; gap++) cols[gap] = [from + ((to - from) * (gap - previous)) / (x - previous)];
    previous = x;
  }
  return cols;
}

/** The footer under the x axis: start and end times, the span centred between them. */
function timeLine(start: number, end: number, width: number): string {
  const from = isoSeconds(start);
  if (end === start) return from;
  const to = isoSeconds(end);
  const span = formatDuration(end - start);
  const inner = width - from.length - to.length;
  if (inner < span.length + 2) return `${from} to ${to} (${span})`;
  const left = Math.floor((inner - span.length) / 2);
  return `${from}${' '.repeat(left)}${span}${' '.repeat(inner - span.length - left)}${to}`;
}

/**
 * Draws `values` against `times` (epoch ms) as a braille line chart with the maximum and minimum
 * on the y axis and the time range under the x axis. Samples that are not finite are skipped.
 *
 * @returns the lines joined with `\n`, with no trailing spaces; `(no samples)` when there are none.
 */
export function renderChart(times: readonly number[], values: readonly number[], options: ChartOptions): string {
  const pts = points(times, values);
  if (pts.length === 0) return '(no samples)';
  const min = Math.min(...pts.map((p) => p.value));
  const max = Math.max(...pts.map((p) => p.value));
  const top = formatNumber(max);
  const bottom = formatNumber(min);
  const labelWidth = Math.max(top.length, bottom.length);
  const width = Math.max(8, options.width - labelWidth - 2);
  const height = Math.max(2, options.height);
  const dotRows = height * 4;
  const cells: number[][] = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  const rowOf = (v: number): number => (max === min ? Math.floor(dotRows / 2) : Math.round(((max - v) / (max - min)) * (dotRows - 1)));
  const set = (x: number, y: number): void => {
    const row = cells[Math.floor(y / 4)] as number[];
    row[Math.floor(x / 2)] = (row[Math.floor(x / 2)] as number) | DOT_BITS[y % 4]![x % 2]!;
  };
  let last: number | null = null;
  columns(pts, width * 2).forEach((col, x) => {
    const rows = col.map(rowOf);
    // Join this column to the previous one, so steep changes stay connected.
    if (last !== null) rows.push(last);
    for (let y = Math.min(...rows); y <= Math.max(...rows); y++) set(x, y);
    last = rowOf(col.at(-1) as number);
  });
  const lines = cells.map((row, r) => {
    const label = r === 0 ? top : r === height - 1 ? bottom : '';
    const axis = r === 0 || r === height - 1 ? '┤' : '│';
    const dots = row.map((bits) => (bits === 0 ? ' ' : String.fromCodePoint(0x2800 + bits))).join('');
    return `${label.padStart(labelWidth)} ${axis}${dots}`.trimEnd();
  });
  const indent = ' '.repeat(labelWidth + 1);
  lines.push(`${indent}└${'─'.repeat(width)}`);
  lines.push(`${indent} ${timeLine(pts[0]!.time, pts[pts.length - 1]!.time, width)}`);
  return lines.join('\n');
}
