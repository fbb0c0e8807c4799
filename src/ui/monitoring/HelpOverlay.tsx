/**
 * @module The `?` screen: every key of the dashboard.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

const KEYS: readonly (readonly [string, string])[] = [
  ['Tab / Shift-Tab, ← →', 'move between panels'],
  ['↑ ↓ (j k), PgUp PgDn', 'move between rows'],
  ['Enter', 'details of the selected row'],
  ['Esc', 'back; clears the filter'],
  ['← → or 1-4 (in a chart)', 'range: 15m, 1h, 6h, 24h'],
  ['/', 'filter rows by text'],
  ['a', 'acknowledge the selected alert'],
  ['s', 'silence the selected alert'],
  ['?', 'this help'],
  ['q, Ctrl-C', 'quit'],
];

/** The key help. */
export function HelpOverlay(): ReactNode {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>Keys</Text>
      {KEYS.map(([keys, what]) => (
        <Text key={keys}>
          {keys.padEnd(26)} {what}
        </Text>
      ))}
      <Text dimColor>any key closes this help</Text>
    </Box>
  );
}
