/**
 * Shared fixtures for the monitoring render tests: a frozen clock and colours that show as tags.
 */
import type { Colors } from '../../../../../../src/cli/output.js';

export const now = Date.UTC(2026, 0, 1, 12);

/** The ISO time `minutes` before {@link now} (negative: after). */
export function ago(minutes: number): string {
  return new Date(now - minutes * 60_000).toISOString();
}

const tag =
  (name: string) =>
  (text: string): string =>
    `<${name}>${text}</${name}>`;

/** Colours as visible tags, so tests can see which style each cell got. */
export const tags: Colors = { bold: tag('b'), dim: tag('d'), red: tag('r'), green: tag('g'), yellow: tag('y'), cyan: tag('c') };
