/**
 * @module The frame every security panel draws: a title with its count, then a window of rows that
 * keeps the selected one in view.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { tint } from './format.js';

export interface PanelProps {
  title: string;
  focused: boolean;
  color: boolean;
  /** One node per row, in display order. */
  rows: ReactNode[];
  /** Index of the selected row (-1: none). */
  selected: number;
  /** Rows shown at most (default 6). */
  height?: number;
  /** Shown instead of rows when there are none. */
  empty: string;
}

/** A titled list with a cursor (`›`) on the selected row when focused. */
export function Panel({ title, focused, color, rows, selected, height = 6, empty }: PanelProps) {
  // Keep the selected row near the middle, without leaving blank rows at the end.
  const first = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  const shown = rows.slice(first, first + height);
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={focused ? tint(color, 'cyan') : undefined}>
        {focused ? '▶ ' : '  '}
        {title} ({rows.length})
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>
          {'    '}
          {empty}
        </Text>
      ) : (
        shown.map((row, i) => {
          const isSelected = focused && first + i === selected;
          return (
            <Box key={first + i}>
              <Text inverse={isSelected && color}>{isSelected ? '  › ' : '    '}</Text>
              {row}
            </Box>
          );
        })
      )}
    </Box>
  );
}
