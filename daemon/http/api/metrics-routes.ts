/**
 * @module GET /api/v1/metrics, GET /api/v1/metrics/:name and POST /api/v1/metrics.
 *
 * - `GET /api/v1/metrics` (monitoring.read): the `monitoring.metrics.list` result,
 *   `{ metrics: MetricInfo[] }` (name, type, help, labelNames, series, lastValue, recent).
 * - `GET /api/v1/metrics/:name?range=&resolution=` (monitoring.read): a {@link MetricChart}.
 *   `range` is one of 15m, 1h, 6h, 24h, 7d (default 1h); `resolution` one of raw, 1m, 1h (default
 *   by range: raw up to 6h, 1m for 24h, 1h for 7d). Beyond 24 hours the history holds 1-minute
 *   and then 1-hour rollups (averages), so a 7d chart reads those. The samples are those of
 *   `monitoring.metrics.get` for the range; 400 INVALID_INPUT (field `name`) for an unknown metric.
 *   Shape, ready for uPlot as `[timestamps, ...series.map((s) => s.values)]`:
 *   ```
 *   { name, type: 'counter'|'gauge'|'histogram'|'summary'|null, help,
 *     range: '1h', resolution: 'raw', stepMs: null | 60000 | 3600000,
 *     from, to,                       // Unix seconds: the window asked for
 *     timestamps: number[],           // Unix seconds, ascending, shared by every series
 *     series: [{ labels: {..}, values: (number|null)[] }] }   // one per label set; null = gap
 *   ```
 * - `POST /api/v1/metrics` (monitoring.write): a batched push, body exactly `monitoring.push`'s
 *   params `{ samples: [{ name, value, type?, labels?, help? }] }` (1 to 10,000 samples, all or
 *   none); answers `{ accepted }`.
 */
import { z } from 'zod';
import type { HttpRoute } from '../types.js';
import {
  chartColumns,
  DEFAULT_RESOLUTION,
  RANGES,
  RESOLUTIONS,
  type ChartColumns,
  type RangeName,
  type ResolutionName,
} from './chart-data.js';
import { enumParam, textParam } from './params.js';
import { apiRoute, getMethodRoute, postMethodRoute } from './route-builders.js';

/** The answer of GET /api/v1/metrics/:name. */
export interface MetricChart extends ChartColumns {
  name: string;
  type: string | null;
  help: string;
  range: RangeName;
  resolution: ResolutionName;
  stepMs: number | null;
  /** Unix seconds. */
  from: number;
  to: number;
}

const RANGE_NAMES = Object.keys(RANGES) as [RangeName, ...RangeName[]];
const RESOLUTION_NAMES = Object.keys(RESOLUTIONS) as [ResolutionName, ...ResolutionName[]];

const metricPath = z.strictObject({ name: textParam('name', 200) });
const chartQuery = z.strictObject({
  range: enumParam('range', RANGE_NAMES).optional(),
  resolution: enumParam('resolution', RESOLUTION_NAMES).optional(),
});
export function metricsRoutes(): HttpRoute[] {
  return [
    getMethodRoute('/api/v1/metrics', 'monitoring.read', 'monitoring.metrics.list'),
    apiRoute({
      method: 'GET',
      path: '/api/v1/metrics/:name',
      permission: 'monitoring.read',
      params: metricPath,
      query: chartQuery,
      answer: async (ctx, { params, query }) => {
        const range = query.range ?? '1h';
        const resolution = query.resolution ?? DEFAULT_RESOLUTION[range];
        const rangeMs = RANGES[range];
        const to = ctx.clock.now();
        const metric = await ctx.call('monitoring.metrics.get', { name: params.name, rangeMs });
        const stepMs = RESOLUTIONS[resolution];
        const chart: MetricChart = {
          name: metric.name,
          type: metric.type,
          help: metric.help,
          range,
          resolution,
          stepMs,
          from: (to - rangeMs) / 1000,
          to: to / 1000,
          ...chartColumns(metric.series, stepMs),
        };
        return chart;
      },
    }),
    postMethodRoute('/api/v1/metrics', 'monitoring.write', 'monitoring.push'),
  ];
}
