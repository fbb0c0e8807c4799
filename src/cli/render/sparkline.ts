/**
 * @module One-line sparklines (`▁▂▄█▅▃`) for tables.
 */

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * Draws the last `width` values as block characters, the lowest as `▁` and the highest as `█`.
 * A flat series draws at mid height (`▄`), or along the bottom when it is all zero. Values that
 * are not finite leave a space. No values, or none finite, draw nothing.
 */
export function sparkline(values: readonly number[], width = 20): string {
  const recent = width > 0 ? values.slice(-width) : [];
  const finite = recent.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return recent
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (max === min) return v === 0 ? BLOCKS[0] : BLOCKS[3];
      return BLOCKS[Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))];
    })
    .join('');
}
