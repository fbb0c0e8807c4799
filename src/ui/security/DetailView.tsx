/**
 * @module The full record behind a row: an event, a ban, a session or a locked account.
 */
import { Box, Text } from 'ink';
import { clockTime, timeLeft, timeLeftIso, tint } from './format.js';
import type { PanelRecord } from './panels.js';

export interface DetailViewProps {
  record: PanelRecord;
  color: boolean;
  now: number;
}

const TITLES: Record<PanelRecord['kind'], string> = {
  event: 'Event',
  ban: 'Ban',
  session: 'Session',
  user: 'Account',
};

/** A field's value as text; ms times (fields ending At/Until) read as ISO. */
function show(key: string, value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number' && /(At|Until)$/.test(key)) return new Date(value).toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function heading(record: PanelRecord): string {
  switch (record.kind) {
    case 'event':
      return `${record.value.type} #${record.value.seq} at ${clockTime(record.value.time)}`;
    case 'ban':
      return record.value.target;
    case 'session':
      return `${record.value.username} ${record.value.id.slice(0, 8)}`;
    case 'user':
      return record.value.username;
  }
}

function extra(record: PanelRecord, now: number): [string, string][] {
  if (record.kind === 'ban') return [['time left', timeLeftIso(record.value.expiresAt, now)]];
  if (record.kind === 'user')
    return [
      [
        'time left',
        record.value.lockedUntil === null ? '-' : timeLeft(record.value.lockedUntil, now),
      ],
    ];
  return [];
}

export function DetailView({ record, color, now }: DetailViewProps) {
  const fields: [string, string][] = [
    ...Object.entries(record.value).map(([key, value]): [string, string] => [
      key,
      show(key, value),
    ]),
    ...extra(record, now),
  ];
  const width = Math.max(...fields.map(([key]) => key.length));
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold color={tint(color, 'cyan')}>
        {TITLES[record.kind]}: {heading(record)}
      </Text>
      {fields.map(([key, value]) => (
        <Text key={key}>
          {'  '}
          <Text dimColor>{key.padEnd(width)}</Text> {value}
        </Text>
      ))}
      <Text dimColor>Esc back</Text>
    </Box>
  );
}
