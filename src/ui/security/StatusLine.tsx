/**
 * @module The bottom lines: a refresh failure, the last action's outcome, then counts and key help.
 */
import { Box, Text } from 'ink';
import type { SecurityStatusWire } from '../../protocol/security-schemas.js';
import { tint } from './format.js';

export interface StatusLineProps {
  status: SecurityStatusWire | null;
  loaded: boolean;
  error: string | null;
  message: string | null;
  color: boolean;
}

function counts(status: SecurityStatusWire): string {
  const bans = status.bans.manual + status.bans.auto;
  return [
    `${status.sessions.active} sessions`,
    `${status.users.locked} locked`,
    `${bans} bans (${status.bans.auto} auto)`,
    `${status.threats24h} threats/24h`,
    `${status.failedLogins24h} failed logins/24h`,
  ].join(' · ');
}

export function StatusLine({ status, loaded, error, message, color }: StatusLineProps) {
  const left = !loaded ? 'loading…' : status === null ? 'no status' : counts(status);
  return (
    <Box flexDirection="column">
      {error === null ? null : <Text color={tint(color, 'red')}>error: {error}</Text>}
      {message === null ? null : <Text color={tint(color, 'yellow')}>{message}</Text>}
      <Text>
        <Text inverse={color}>{` ${left} `}</Text>
        <Text dimColor> ? help · q quit</Text>
      </Text>
    </Box>
  );
}
