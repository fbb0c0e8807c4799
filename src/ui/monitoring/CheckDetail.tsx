/**
 * @module The detail screen's body for a health check: target and state, interval, last run,
 * uptime, detail, and its recent latencies as a sparkline and as figures.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { CheckInfo } from '../../protocol/schemas.js';
import { formatDuration } from '../../protocol/duration.js';
import { sparkline } from '../../cli/render/sparkline.js';
import { formatNumber } from '../../cli/render/values.js';
import { ago } from './HealthPanel.js';
import { checkTone } from './theme.js';

/** Props of {@link CheckDetail}. */
export interface CheckDetailProps {
  check: CheckInfo;
  width: number;
  height: number;
  color: boolean;
  now: number;
}

/** A check's recent history. */
export function CheckDetail({ check: c, width, height, color, now }: CheckDetailProps): ReactNode {
  const recent = c.recentLatencyMs.slice(-Math.max(1, height - 10));
  return (
    <>
      <Text wrap="truncate" bold>
        {c.name} ({c.type}
        {c.target === null ? '' : ` ${c.target}`}) ·{' '}
        <Text color={checkTone(c.state, color)}>{c.state}</Text>
      </Text>
      <Text wrap="truncate">
        every {formatDuration(c.intervalMs)} · last run {ago(c.lastRun, now)} · uptime 24h{' '}
        {c.uptime24h === null ? '-' : `${formatNumber(Math.round(c.uptime24h * 10000) / 100)}%`}
      </Text>
      <Text wrap="truncate">detail: {c.detail || '-'}</Text>
      <Text wrap="truncate">latency {sparkline(c.recentLatencyMs, Math.max(10, width - 12))}</Text>
      <Text wrap="truncate">
        recent runs (oldest first): {recent.map((ms) => formatDuration(ms)).join(' ') || '-'}
      </Text>
    </>
  );
}
