/**
 * @module The line above the status line: the filter being typed after `/`, the filter in
 * force, the outcome of the last action, or the main keys.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  filter: string;
  editing: boolean;
  /** The outcome of the last action (`acknowledged …`, an error), shown until the next key. */
  notice: string | null;
}

/** One line: the filter or the key hints. */
export function FilterBar({ filter, editing, notice }: FilterBarProps): ReactNode {
  if (notice !== null && !editing) return <Text wrap="truncate">{notice}</Text>;
  if (editing) return <Text wrap="truncate">/{filter}▏ (Enter keeps, Esc clears)</Text>;
  if (filter !== '') return <Text wrap="truncate">filter: {filter} (/ edit, Esc clears)</Text>;
  return (
    <Text dimColor wrap="truncate">
      Tab/←→ panel ↑↓ row Enter detail / filter a ack s silence ? help q quit
    </Text>
  );
}
