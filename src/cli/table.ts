/**
 * @module Aligned text tables for people (scripts use --json).
 */

// Matches ANSI colour sequences, which take no room on screen.
const ansi = /\x1b\[[0-9;]*m/g;

/** Width of `text` on a terminal, ignoring colour codes. */
export function visibleWidth(text: string): number {
  return [...text.replace(ansi, '')].length;
}

/**
 * Renders rows under a header, each column as wide as its widest cell. The last column is not
 * padded, so lines carry no trailing spaces.
 */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleWidth(cell))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Renders label/value pairs, labels aligned. */
export function renderPairs(pairs: Array<[string, string]>): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
