/**
 * @module One line of a panel: cut to the width instead of wrapping, the selected row marked
 * with `›` and shown inverse while its panel has the focus.
 */
import { Text } from 'ink';
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
  return (
    <Text color={tone} inverse={selected && focused} wrap="truncate">
      {selected ? '›' : ' '}
      {text}
    </Text>
  );
}
