/**
 * @module One line of a panel: cut to the width instead of wrapping, the selected row marked
 * with `›` and shown inverse while its panel has the focus.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Tone } from './theme.js';

/** Props of {@link Row}. */
export interface RowProps {
  text: string;
  selected: boolean;
  focused: boolean;
  tone: Tone;
}

/** A single, truncated line. */
export function Row({ text, selected, focused, tone }: RowProps): ReactNode {
  // flexShrink 0: a panel given too many rows clips the last ones instead of squashing the first.
  return (
    <Box flexShrink={0}>
      <Text color={tone} inverse={selected && focused} wrap="truncate">
        {selected ? '›' : ' '}
        {text}
      </Text>
    </Box>
  );
}
