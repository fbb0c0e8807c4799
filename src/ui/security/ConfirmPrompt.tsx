/**
 * @module A one-line question ("Unlock bob? y/n"), or a text prompt with what was typed so far.
 */
import { Box, Text } from 'ink';
import { tint } from './format.js';

export interface ConfirmPromptProps {
  question: string;
  color: boolean;
  /** Present for a text prompt: what was typed so far. */
  input?: string;
  /** Shown after a text prompt (its default), or an error in red. */
  hint?: string;
  error?: string | null;
}

export function ConfirmPrompt({ question, color, input, hint, error }: ConfirmPromptProps) {
  return (
    <Box flexDirection="column">
      <Text bold color={tint(color, 'yellow')}>
        {question}
        {input === undefined ? '' : ` ${input}_`}
      </Text>
      {hint === undefined ? null : <Text dimColor>{hint}</Text>}
      {error === undefined || error === null ? null : (
        <Text color={tint(color, 'red')}>{error}</Text>
      )}
    </Box>
  );
}
