import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import {
  DetailView,
  type DetailTarget,
  type DetailViewProps,
} from '../../../../../src/ui/monitoring/DetailView.js';
import type {
  AlertTransition,
  AlertView,
  SeriesData,
} from '../../../../../src/protocol/schemas.js';
import { fakeSource } from './fake-source.js';
import { NOW, alert, check, metric, sampleData } from './fixtures.js';
import { settle } from './settle.js';

/** The view with what no test varies (no colour, the frozen now); range 1, 60×12 unless given. */
function detail(
  target: DetailTarget,
  source: DetailViewProps['source'],
  { range = 1, width = 60, height = 12 }: { range?: number; width?: number; height?: number } = {},
) {
  return (
    <DetailView
      target={target}
      source={source}
      range={range}
      width={width}
      height={height}
      color={false}
      now={NOW}
    />
  );
}

const body = (frame: string | undefined): string[] =>
  (frame ?? '').split('\n').map((l) => l.replace(/ *│$/u, '').replace(/^│ /u, ''));

test('a metric: its type, last value, help, range and chart of the first series', async () => {
  const series: SeriesData[] = [
    {
      name: 'cpu',
      labels: { host: 'a' },
      times: [NOW - 120_000, NOW - 60_000, NOW],
      values: [1, 3, 2],
    },
    { name: 'cpu', labels: { host: 'b' }, times: [NOW], values: [5] },
  ];
  const source = fakeSource(sampleData(), series);
  const { lastFrame } = render(
    detail({ kind: 'metric', metric: metric('cpu') }, source, { range: 0, height: 16 }),
  );
  await settle();
  const l = body(lastFrame());
  assert.deepEqual(l.slice(1, 5), [
    'cpu (gauge) · last 12.5',
    'help of cpu',
    'range: [15m] 1h 6h 24h (←→ or 1-4)',
    '{host="a"} (1 of 2 series)',
  ]);
  assert.match(l[5] ?? '', /^3 ┤/u);
  assert.match(lastFrame() ?? '', /2026-01-01T11:58:00Z/);
  assert.equal(l.at(-2), 'Esc back · ? help · q quit');
  assert.equal(l.length, 16);
  assert.deepEqual(source.calls, [{ method: 'metric', args: ['cpu', 900_000] }]);
});

test('a metric: loading, then no series; a failed load shows its message', async () => {
  const source = fakeSource(sampleData(), []);
  let release: (value: SeriesData[]) => void = () => {};
  source.metric = () => new Promise((resolve) => (release = resolve));
  const target = { kind: 'metric', metric: metric('cpu') } as const;
  const r = render(detail(target, source));
  await settle();
  assert.equal(body(r.lastFrame())[4], 'loading…');
  release([]);
  await settle();
  assert.equal(body(r.lastFrame())[4], '(no series)');
  source.metric = () => Promise.reject(new Error('metric cpu not found'));
  r.rerender(detail(target, source, { range: 2 }));
  await settle();
  assert.equal(body(r.lastFrame())[3], 'range: 15m 1h [6h] 24h (←→ or 1-4)');
  assert.equal(body(r.lastFrame())[4], 'metric cpu not found');
});

test('a late answer for a range no longer shown is dropped', async () => {
  const source = fakeSource(sampleData(), []);
  const pending: ((s: SeriesData[]) => void)[] = [];
  source.metric = () => new Promise((resolve) => pending.push(resolve));
  const target = { kind: 'metric', metric: metric('cpu') } as const;
  const r = render(detail(target, source, { range: 0 }));
  await settle();
  r.rerender(detail(target, source));
  await settle();
  pending[0]?.([{ name: 'cpu', labels: { old: 'yes' }, times: [NOW], values: [1] }]);
  await settle();
  assert.equal(body(r.lastFrame())[4], 'loading…');
  pending[1]?.([{ name: 'cpu', labels: { new: 'yes' }, times: [NOW], values: [1] }]);
  await settle();
  assert.equal(body(r.lastFrame())[4], '{new="yes"}');
});

test('a check: target, state, interval, last run, uptime, detail and recent latencies', async () => {
  const source = fakeSource(sampleData());
  const target = {
    kind: 'check',
    check: check('db', { state: 'down', detail: '', uptime24h: null, target: null }),
  } as const;
  const { lastFrame } = render(detail(target, source, { height: 14 }));
  await settle();
  const l = body(lastFrame());
  assert.deepEqual(l.slice(1, 6), [
    'db (http) · down',
    'every 30s · last run 20s ago · uptime 24h -',
    'detail: -',
    'latency ▁▁█▁',
    'recent runs (oldest first): 40ms 42ms 80ms 41ms',
  ]);
  assert.deepEqual(source.calls, [], 'a check needs no call');
});

test('an alert: state and mute, value and times, labels, annotations and its history', async () => {
  const a = alert('a1', {
    muted: 'acked',
    mutedBy: 'ann: on it',
    firedAt: null,
    annotations: { summary: 's', runbook: 'http://r' },
  });
  const transition = (kind: AlertTransition['kind'], at: string, id = 'a1'): AlertTransition => ({
    kind,
    at,
    id,
    rule: 'HighCPU',
    severity: 'warning',
    labels: a.labels,
    value: 93.5,
  });
  const source = fakeSource(
    sampleData(),
    [],
    [
      transition('firing', '2026-01-01T11:56:00Z'),
      transition('firing', '2026-01-01T11:57:00Z', 'other'),
      transition('pending', '2026-01-01T11:55:00Z'),
      transition('resolved', '2026-01-01T10:00:00Z'),
    ],
  );
  const { lastFrame } = render(
    detail({ kind: 'alert', alert: a }, source, { width: 90, height: 18 }),
  );
  await settle();
  assert.deepEqual(body(lastFrame()).slice(1, 14), [
    'HighCPU · warning · firing (acked by ann: on it)',
    'value 93.5 · active since 2026-01-01T11:55:00Z (5m ago)',
    'labels:',
    '  alertname = HighCPU',
    '  host = web1',
    'annotations:',
    '  runbook = http://r',
    '  summary = s',
    'history (newest first):',
    '  2026-01-01T11:56:00Z  firing   value 93.5',
    '  2026-01-01T11:55:00Z  pending  value 93.5',
    '  2026-01-01T10:00:00Z  resolved value 93.5',
    'Esc back · ? help · q quit',
  ]);
  assert.deepEqual(source.calls, [{ method: 'alertHistory', args: ['a1'] }]);
});

test("an alert's history: loading, none recorded, and a failed load's message", async () => {
  const a = alert('a1', { annotations: {} });
  const source = fakeSource(sampleData());
  let release: (value: AlertTransition[]) => void = () => {};
  source.alertHistory = () => new Promise((resolve) => (release = resolve));
  const view = (target: AlertView) =>
    detail({ kind: 'alert', alert: target }, source, { height: 14 });
  const r = render(view(a));
  await settle();
  const historyLines = () => {
    const l = body(r.lastFrame());
    const at = l.indexOf('history (newest first):');
    return l.slice(at + 1, at + 2);
  };
  assert.deepEqual(historyLines(), ['  loading…']);
  release([]);
  await settle();
  assert.deepEqual(historyLines(), ['  (none recorded)']);
  source.alertHistory = () => Promise.reject(new Error('daemon is not running'));
  r.rerender(view(alert('a2', { annotations: {} })));
  await settle();
  assert.deepEqual(historyLines(), ['  daemon is not running']);
});

test('long lines are cut, and too many labels are clipped at the bottom, not squashed', async () => {
  const labels = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`l${String(i).padStart(2, '0')}`, 'v'.repeat(100)]),
  );
  const a = alert('a1', { labels });
  const { lastFrame } = render(
    detail({ kind: 'alert', alert: a }, fakeSource(sampleData()), { width: 40, height: 10 }),
  );
  await settle();
  const raw = (lastFrame() ?? '').split('\n');
  assert.equal(raw.length, 10);
  assert.ok(raw.every((l) => l.length === 40));
  assert.deepEqual(body(lastFrame()).slice(1, 5), [
    'HighCPU · warning · firing',
    'value 93.5 · active since 2026-01-0…',
    'labels:',
    '  l00 = vvvvvvvvvvvvvvvvvvvvvvvvvvv…',
  ]);
});
