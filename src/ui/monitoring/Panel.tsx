/**
 * @module A bordered panel with a title; the focused one is marked with `▶` (and a coloured
 * border when colours are on), so focus shows under NO_COLOR too.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** Props of {@link Panel}. */
export interface PanelProps {
  title: string;
  focused: boolean;
  color: boolean;
  /** Width in columns, border included. */
  width: number;
  /** Data rows below the title; the panel is this plus 3 lines tall. */
  rows: number;
  children?: ReactNode;
}

/** A titled, bordered box of fixed size. */
export function Panel({ title, focused, color, width, rows, children }: PanelProps): ReactNode {
  return (
    <Box
      flexDirection="column"
      borderStyle="single"
      borderColor={focused && color ? 'cyan' : undefined}
      width={width}
      height={rows + 3}
      overflowY="hidden"
    >
      {/* The title must not shrink when the rows overflow: it says which panel this is. */}
      <Box flexShrink={0}>
        <Text bold={focused} wrap="truncate">
          {focused ? '▶ ' : '  '}
          {title}
        </Text>
      </Box>
      {children}
    </Box>
  );
}
