/**
 * @module The prompt for `a` (acknowledge) and `s` (silence): the alert, then a comment and a
 * duration typed in turn.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { DEFAULT_DURATION, alertMatchers, type PromptState } from './dashboard-keys.js';
import { tone } from './theme.js';

/** Props of {@link Prompt}. */
export interface PromptProps {
  prompt: PromptState;
  color: boolean;
}

/** The ack or silence form. */
export function Prompt({ prompt, color }: PromptProps): ReactNode {
  const cursor = (field: PromptState['field']): string => (prompt.field === field ? '▏' : '');
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      <Text bold>
        {prompt.kind === 'ack' ? 'Acknowledge' : 'Silence'} {prompt.alert.rule} (
        {prompt.alert.severity})
      </Text>
      {prompt.kind === 'silence' ? (
        <Text wrap="truncate">matchers: {alertMatchers(prompt.alert).join(', ')}</Text>
      ) : null}
      <Text>
        {prompt.field === 'comment' ? '› ' : '  '}comment: {prompt.comment}
        {cursor('comment')}
      </Text>
      <Text>
        {prompt.field === 'duration' ? '› ' : '  '}duration ({DEFAULT_DURATION[prompt.kind]}):{' '}
        {prompt.duration}
        {cursor('duration')}
      </Text>
      {prompt.error === null ? null : <Text color={tone('red', color)}>{prompt.error}</Text>}
      <Text dimColor>Tab next field · Enter confirm · Esc cancel</Text>
    </Box>
  );
}
