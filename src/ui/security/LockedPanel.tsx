/**
 * @module Locked accounts with the time left on each lock (`u` unlocks the selected one).
 */
import { Text } from 'ink';
import type { UserViewWire } from '../../protocol/security-schemas.js';
import { cell, timeLeft, tint } from './format.js';
import { Panel } from './Panel.js';

export interface LockedPanelProps {
  users: UserViewWire[];
  focused: boolean;
  selected: number;
  color: boolean;
  now: number;
  height?: number;
}

export function LockedPanel({ users, focused, selected, color, now, height }: LockedPanelProps) {
  const rows = users.map((u) => (
    <Text key={u.username}>
      <Text color={tint(color, 'red')}>{cell(u.username, 12)}</Text>{' '}
      {cell(`${u.failedLogins} failed`, 10)} unlocks in{' '}
      {u.lockedUntil === null ? 'never (unlock by hand)' : timeLeft(u.lockedUntil, now)}
    </Text>
  ));
  return (
    <Panel
      title="Locked accounts"
      focused={focused}
      color={color}
      rows={rows}
      selected={selected}
      empty="no locked accounts"
      {...(height === undefined ? {} : { height })}
    />
  );
}
