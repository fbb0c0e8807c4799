/**
 * @module The key help (`?`).
 */
import { Box, Text } from 'ink';
import { tint } from './format.js';

const KEYS: [string, string][] = [
  ['Tab / ← →', 'move between panels'],
  ['↑ ↓', 'move between rows'],
  ['Enter', "open the selected row's full record"],
  ['Esc', 'back'],
  ['u', 'unlock the selected locked account'],
  ['b', "ban the selected event's IP (asks how long; default 1h)"],
  ['B', 'lift the selected ban'],
  ['?', 'show or hide this help'],
  ['q / Ctrl-C', 'quit'],
];

export function HelpOverlay({ color }: { color: boolean }) {
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={tint(color, 'cyan')}>
        Keys
      </Text>
      {KEYS.map(([key, what]) => (
        <Text key={key}>
          {'  '}
          {key.padEnd(12)} {what}
        </Text>
      ))}
      <Text dimColor>Changes ask y/n first. Esc or ? closes this help.</Text>
    </Box>
  );
}
