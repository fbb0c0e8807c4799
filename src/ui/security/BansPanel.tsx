/**
 * @module Bans, manual and automatic, with the time left on each (`B` lifts the selected one).
 */
import { Text } from 'ink';
import type { BlacklistEntry } from '../../protocol/schemas.js';
import { cell, timeLeftIso, tint } from './format.js';
import { Panel } from './Panel.js';

export interface BansPanelProps {
  bans: BlacklistEntry[];
  focused: boolean;
  selected: number;
  color: boolean;
  now: number;
  height?: number;
}

export function BansPanel({ bans, focused, selected, color, now, height }: BansPanelProps) {
  const rows = bans.map((b) => (
    <Text key={b.target}>
      {cell(b.target, 18)}{' '}
      <Text color={tint(color, b.source === 'auto' ? 'magenta' : 'blue')}>{cell(b.source, 6)}</Text>{' '}
      {cell(timeLeftIso(b.expiresAt, now), 10)} {b.reason}
    </Text>
  ));
  return (
    <Panel
      title="Bans"
      focused={focused}
      color={color}
      rows={rows}
      selected={selected}
      empty="no bans"
      {...(height === undefined ? {} : { height })}
    />
  );
}
