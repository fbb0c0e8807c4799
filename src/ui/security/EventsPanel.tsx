/**
 * @module The audit event stream, newest at the bottom, coloured by type and outcome.
 */
import { Text } from 'ink';
import type { AuditEventWire } from '../../protocol/security-schemas.js';
import { cell, clockTime, outcomeColour, tint } from './format.js';
import { Panel } from './Panel.js';

export interface EventsPanelProps {
  events: AuditEventWire[];
  focused: boolean;
  selected: number;
  color: boolean;
  title?: string;
  empty?: string;
  height?: number;
}

function typeColour(type: string): string | undefined {
  if (type.startsWith('threat.')) return 'red';
  if (type.startsWith('ip.') || type.startsWith('blacklist.')) return 'magenta';
  if (type.startsWith('login.')) return 'blue';
  return undefined;
}

export function EventsPanel({
  events,
  focused,
  selected,
  color,
  title = 'Events',
  empty = 'no events yet',
  height,
}: EventsPanelProps) {
  const rows = events.map((e) => {
    const typeTint = typeColour(e.type);
    return (
      <Text key={e.id}>
        {clockTime(e.time)}{' '}
        <Text color={typeTint === undefined ? undefined : tint(color, typeTint)}>
          {cell(e.type, 18)}
        </Text>{' '}
        <Text color={tint(color, outcomeColour(e.outcome))}>{cell(e.outcome, 8)}</Text>{' '}
        {cell(e.actor, 10)} {cell(e.ip ?? '-', 16)} {e.subject ?? ''}
      </Text>
    );
  });
  return (
    <Panel
      title={title}
      focused={focused}
      color={color}
      rows={rows}
      selected={selected}
      empty={empty}
      {...(height === undefined ? {} : { height })}
    />
  );
}
