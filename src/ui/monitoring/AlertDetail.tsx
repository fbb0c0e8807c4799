/**
 * @module The detail screen's body for an alert: rule, severity, state and who muted it, value
 * and times, its labels and annotations, and its history — every recorded state change of this
 * alert (it may have fired and resolved before), newest first.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { AlertView } from '../../protocol/schemas.js';
import { formatNumber, shortIso } from '../../cli/render/values.js';
import { ago } from './HealthPanel.js';
import type { DashboardSource } from './source.js';
import { alertTone } from './theme.js';
import { useLoaded } from './use-loaded.js';

/** Props of {@link AlertDetail}. */
export interface AlertDetailProps {
  alert: AlertView;
  source: DashboardSource;
  color: boolean;
  now: number;
}

const pairs = (record: Record<string, string>): ReactNode[] =>
  Object.keys(record)
    .sort()
    .map((k) => <Text key={k} wrap="truncate">{`  ${k} = ${record[k] ?? ''}`}</Text>);

/** An alert's state, labels, annotations and history. */
export function AlertDetail({ alert: a, source, color, now }: AlertDetailProps): ReactNode {
  const { value: history, error } = useLoaded(a.id, () => source.alertHistory(a.id));
  return (
    <>
      <Text wrap="truncate" bold color={alertTone(a, color)}>
        {a.rule} · {a.severity} · {a.state}
        {a.muted === null ? '' : ` (${a.muted}${a.mutedBy === null ? '' : ` by ${a.mutedBy}`})`}
      </Text>
      <Text wrap="truncate">
        value {formatNumber(a.value)} · active since {shortIso(a.activeAt)} ({ago(a.activeAt, now)})
        {a.firedAt === null ? '' : ` · firing since ${shortIso(a.firedAt)}`}
      </Text>
      <Text>labels:</Text>
      {pairs(a.labels)}
      <Text>annotations:</Text>
      {pairs(a.annotations)}
      <Text>history (newest first):</Text>
      {error !== null ? (
        <Text wrap="truncate" color={color ? 'red' : undefined}>
          {`  ${error}`}
        </Text>
      ) : history === null ? (
        <Text>{'  loading…'}</Text>
      ) : history.length === 0 ? (
        <Text>{'  (none recorded)'}</Text>
      ) : (
        history.map((t, i) => (
          <Text key={i} wrap="truncate">
            {`  ${shortIso(t.at)}  ${t.kind.padEnd(8)} value ${formatNumber(t.value)}`}
          </Text>
        ))
      )}
    </>
  );
}
