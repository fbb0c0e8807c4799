/**
 * @module The Enter screen for the selected row: a metric's chart over the chosen range, a
 * check's recent history, or an alert's labels, annotations and history, in one bordered frame.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { AlertView, CheckInfo, MetricInfo } from '../../protocol/schemas.js';
import { AlertDetail } from './AlertDetail.js';
import { CheckDetail } from './CheckDetail.js';
import { MetricDetail } from './MetricDetail.js';
import type { DashboardSource } from './source.js';

/** What the detail view shows. */
export type DetailTarget =
  | { kind: 'metric'; metric: MetricInfo }
  | { kind: 'check'; check: CheckInfo }
  | { kind: 'alert'; alert: AlertView };

/** Props of {@link DetailView}. */
export interface DetailViewProps {
  target: DetailTarget;
  source: DashboardSource;
  /** Index into the dashboard's ranges (dashboard-model.ts RANGES). */
  range: number;
  width: number;
  height: number;
  color: boolean;
  now: number;
}

/** The detail screen. */
export function DetailView({
  target,
  source,
  range,
  width,
  height,
  color,
  now,
}: DetailViewProps): ReactNode {
  let body: ReactNode;
  if (target.kind === 'metric') {
    body = (
      <MetricDetail
        metric={target.metric}
        source={source}
        range={range}
        width={width}
        height={height}
        color={color}
      />
    );
  } else if (target.kind === 'check') {
    body = (
      <CheckDetail check={target.check} width={width} height={height} color={color} now={now} />
    );
  } else {
    body = <AlertDetail alert={target.alert} source={source} color={color} now={now} />;
  }
  return (
    <Box
      flexDirection="column"
      borderStyle="single"
      paddingX={1}
      width={width}
      height={height}
      overflow="hidden"
    >
      {/* No shrinking: lines past the height are clipped at the bottom, never squashed. */}
      <Box flexDirection="column" flexShrink={0}>
        {body}
        <Text dimColor>Esc back · ? help · q quit</Text>
      </Box>
    </Box>
  );
}
