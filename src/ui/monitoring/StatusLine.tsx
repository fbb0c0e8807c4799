/**
 * @module The bottom line: the connection state (saying so while it reconnects), the last error,
 * the time of the last update, daemon version and uptime, the key help and the socket.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { formatDuration } from '../../protocol/duration.js';
import type { DashboardData } from './source.js';
import { tone } from './theme.js';

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  data: DashboardData;
  color: boolean;
  now: number;
}

const CONNECTION = {
  connecting: { text: 'connecting…', tone: 'yellow' },
  live: { text: 'live', tone: 'green' },
  reconnecting: { text: 'reconnecting…', tone: 'yellow' },
  lost: { text: 'connection lost', tone: 'red' },
} as const;

/**
 * The parts after the connection state and error, most useful first: on a narrow terminal the
 * line is cut at the right, so the socket path (long, and rarely needed) goes last.
 */
export function statusParts(data: DashboardData, now: number): string[] {
  const { daemon } = data;
  const started = daemon.startedAt === null ? NaN : Date.parse(daemon.startedAt);
  const parts = [
    data.updatedAt === null
      ? 'no update yet'
      : `updated ${formatDuration(Math.max(0, now - data.updatedAt))} ago`,
    `${daemon.version === '' ? 'clickup-brain' : `clickup-brain ${daemon.version}`} ${Number.isNaN(started) ? 'up -' : `up ${formatDuration(Math.max(0, now - started))}`}`,
    '? help q quit',
  ];
  if (daemon.socketPath !== '') parts.push(daemon.socketPath);
  return parts;
}

/** One line of status. */
export function StatusLine({ data, color, now }: StatusLineProps): ReactNode {
  const conn = CONNECTION[data.connection];
  return (
    <Text wrap="truncate">
      <Text color={tone(conn.tone, color)} bold>
        {conn.text}
      </Text>
      {data.error === null ? null : ' · '}
      {data.error === null ? null : <Text color={tone('red', color)}>{data.error}</Text>}
      {' · '}
      {statusParts(data, now).join(' · ')}
    </Text>
  );
}
