/**
 * @module The active sessions: who, from where, idle time and time left.
 */
import { Text } from 'ink';
import type { SessionViewWire } from '../../protocol/security-schemas.js';
import { cell, timeLeft } from './format.js';
import { Panel } from './Panel.js';

export interface SessionsPanelProps {
  sessions: SessionViewWire[] | null;
  /** Shown when `sessions` is null (the connection may not list them). */
  note: string | null;
  focused: boolean;
  selected: number;
  color: boolean;
  now: number;
  height?: number;
}

export function SessionsPanel({
  sessions,
  note,
  focused,
  selected,
  color,
  now,
  height,
}: SessionsPanelProps) {
  const rows = (sessions ?? []).map((s) => (
    <Text key={s.id}>
      {cell(s.username, 12)} {cell(s.ip ?? '-', 16)} {cell(s.id.slice(0, 8), 9)} idle{' '}
      {cell(timeLeft(now, s.lastSeenAt), 8)} expires in{' '}
      {timeLeft(Math.min(s.idleExpiresAt, s.absoluteExpiresAt), now)}
    </Text>
  ));
  return (
    <Panel
      title="Sessions"
      focused={focused}
      color={color}
      rows={rows}
      selected={selected}
      empty={sessions === null ? (note ?? 'sessions unavailable') : 'no active sessions'}
      {...(height === undefined ? {} : { height })}
    />
  );
}
