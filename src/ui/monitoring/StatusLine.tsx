/**
 * @module The bottom line: daemon version and uptime, socket, time of the last update, the
 * connection state (saying so while it reconnects), and the key help.
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

/** The parts of the status line, left to right (exported for tests). */
export function statusParts(data: DashboardData, now: number): string[] {
  const { daemon } = data;
  const started = daemon.startedAt === null ? NaN : Date.parse(daemon.startedAt);
  const parts = [
    daemon.version === '' ? 'clickup-brain' : `clickup-brain ${daemon.version}`,
    Number.isNaN(started) ? 'up -' : `up ${formatDuration(Math.max(0, now - started))}`,
  ];
  if (daemon.socketPath !== '') parts.push(daemon.socketPath);
  parts.push(
    data.updatedAt === null
      ? 'no update yet'
      : `updated ${formatDuration(Math.max(0, now - data.updatedAt))} ago`,
  );
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
      {' · '}
      {statusParts(data, now).join(' · ')}
      {data.error === null ? '' : ' · '}
      {data.error === null ? null : <Text color={tone('red', color)}>{data.error}</Text>}
      {' · ? help  q quit'}
    </Text>
  );
}
