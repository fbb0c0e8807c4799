import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { DashboardApp } from '../../../../../src/ui/monitoring/DashboardApp.js';
import type { DashboardData } from '../../../../../src/ui/monitoring/source.js';
import { fakeSource } from './fake-source.js';
import { NOW, alert, check, clock, metric, sampleData } from './fixtures.js';
import { KEYS, settle } from './settle.js';

async function setup(
  data: DashboardData = sampleData(),
  series = [{ name: 'cpu_usage', labels: {}, times: [NOW - 60_000, NOW], values: [1, 2] }],
) {
  const source = fakeSource(data, series);
  const r = render(<DashboardApp source={source} color={false} clock={clock} />);
  await settle();
  const press = async (...keys: string[]): Promise<void> => {
    for (const k of keys) {
      r.stdin.write(k);
      await settle();
    }
  };
  return { source, ...r, frame: () => r.lastFrame() ?? '', press };
}

/** The lines of a frame with a panel's title or rows, trailing border and spaces removed. */
function lines(frame: string): string[] {
  return frame.split('\n').map((l) => l.replace(/[│\s]+$/u, '').replace(/^│/u, ''));
}

/** Resizes the fake terminal the way a real one does: new size, then a `resize` event. */
function resize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { get: () => columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => rows, configurable: true });
  stdout.emit('resize');
}

test('the first frame shows the three panels, alerts focused, the key hints and the status line', async () => {
  const { frame, unmount } = await setup();
  const l = lines(frame());
  assert.equal(l.length, 24);
  assert.equal(l[1], '  Health degraded · 2 checks');
  assert.equal(l[2], '›db                   down          -    20s ago ▁▁█▁');
  assert.equal(l[3], ' api                  up         42ms    20s ago ▁▁█▁');
  assert.equal(l[8], '▶ Alerts 2 firing · 2 active');
  assert.equal(l[9], '›critical  firing        5m DiskFull disk 99% full');
  assert.equal(l[10], ' warning   firing        5m HighCPU CPU above 90%');
  assert.equal(l[16], '  Metrics 2');
  assert.equal(l[17], '›cpu_usage                                12.5 ▁▃▆█');
  assert.equal(l[18], ' http_requests_total                      1234 ▁▃▆█');
  assert.equal(l[22], 'Tab/←→ panel ↑↓ row Enter detail / filter a ack s silence ? help q quit');
  assert.equal(
    l[23],
    'live · updated 3s ago · clickup-brain 1.2.3 up 2h · ? help q quit · /run/cb.sock',
  );
  unmount();
});

test('Tab, Shift-Tab and the arrows move the focus between panels and rows', async () => {
  const { frame, press, unmount } = await setup();
  await press(KEYS.tab);
  assert.match(frame(), /▶ Metrics 2/);
  await press(KEYS.tab);
  assert.match(frame(), /▶ Health degraded/);
  await press(KEYS.shiftTab);
  assert.match(frame(), /▶ Metrics 2/);
  await press(KEYS.left);
  assert.match(frame(), /▶ Alerts/);
  await press(KEYS.down);
  assert.match(frame(), / critical {2}firing/);
  assert.match(frame(), /›warning {3}firing {8}5m HighCPU/);
  await press(KEYS.down, KEYS.down);
  assert.match(frame(), /›warning/, 'the selection stops at the last row');
  await press(KEYS.up);
  assert.match(frame(), /›critical/);
  unmount();
});

test('data pushed by the source is drawn at once', async () => {
  const { frame, source, unmount } = await setup();
  assert.equal(source.subscribers(), 1);
  source.push(sampleData({ alerts: [alert('a9', { rule: 'NewOne', severity: 'emergency' })] }));
  await settle();
  assert.match(frame(), /▶ Alerts 1 firing · 1 active/);
  assert.match(frame(), /›emergency firing {8}5m NewOne CPU above 90%/);
  unmount();
  assert.equal(source.subscribers(), 0, 'unmounting unsubscribes');
});

test('Enter on an alert shows its labels, annotations and history; Esc goes back', async () => {
  const { frame, press, unmount } = await setup();
  await press(KEYS.enter);
  const l = lines(frame());
  assert.equal(l[1], ' DiskFull · critical · firing');
  assert.equal(
    l[2],
    ' value 93.5 · active since 2026-01-01T11:55:00Z (5m ago) · firing since 2026-01-01T11:56:00Z',
  );
  assert.deepEqual(l.slice(3, 11), [
    ' labels:',
    '   alertname = DiskFull',
    '   host = db1',
    ' annotations:',
    '   summary = disk 99% full',
    ' history (newest first):',
    '   (none recorded)',
    ' Esc back · ? help · q quit',
  ]);
  await press(KEYS.escape);
  assert.match(frame(), /▶ Alerts 2 firing/);
  unmount();
});

test('Enter on a metric loads its chart for 1h, and ← → and digits change the range', async () => {
  const { frame, press, source, unmount } = await setup();
  await press(KEYS.tab, KEYS.enter);
  assert.match(frame(), /cpu_usage \(gauge\) · last 12\.5/);
  assert.match(frame(), /range: 15m \[1h\] 6h 24h/);
  assert.match(frame(), /⠉|⠒|⠤|⣀|⡠|⠊|⠔|⢀/u, 'a braille chart is drawn');
  await press(KEYS.right);
  assert.match(frame(), /range: 15m 1h \[6h\] 24h/);
  await press('1');
  assert.match(frame(), /range: \[15m\] 1h 6h 24h/);
  assert.deepEqual(
    source.calls.filter((c) => c.method === 'metric').map((c) => c.args),
    [
      ['cpu_usage', 3_600_000],
      ['cpu_usage', 21_600_000],
      ['cpu_usage', 900_000],
    ],
  );
  unmount();
});

test('Enter on a check shows its history', async () => {
  const { frame, press, unmount } = await setup();
  await press(KEYS.shiftTab, KEYS.down, KEYS.enter);
  const l = lines(frame());
  assert.equal(l[1], ' api (http https://api.example) · up');
  assert.equal(l[2], ' every 30s · last run 20s ago · uptime 24h 99.9%');
  assert.equal(l[3], ' detail: 200 OK');
  assert.equal(l[5], ' recent runs (oldest first): 40ms 42ms 80ms 41ms');
  unmount();
});

test('/ filters every panel; Enter keeps the filter, Esc clears it', async () => {
  const { frame, press, unmount } = await setup();
  await press('/', 'http');
  assert.match(frame(), /\/http▏ \(Enter keeps, Esc clears\)/);
  assert.match(frame(), /Metrics 1/);
  assert.match(frame(), /Alerts 0 firing · 0 active/);
  assert.match(frame(), /Health degraded · 2 checks/, 'checks match on their type');
  await press(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, 'disk', KEYS.enter);
  assert.match(frame(), /filter: disk \(\/ edit, Esc clears\)/);
  assert.match(frame(), /Alerts 1 firing · 1 active/);
  await press(KEYS.escape);
  assert.match(frame(), /Alerts 2 firing · 2 active/);
  assert.match(frame(), /Tab\/←→ panel/);
  unmount();
});

test('a asks for a comment and a duration, then acknowledges the selected alert', async () => {
  const { frame, press, source, unmount } = await setup();
  await press(KEYS.down, 'a');
  assert.match(frame(), /Acknowledge HighCPU \(warning\)/);
  await press('looking into it');
  assert.match(frame(), /› comment: looking into it▏/);
  await press(KEYS.enter, '30m');
  assert.match(frame(), /› duration \(1h\): 30m▏/);
  await press(KEYS.enter);
  assert.deepEqual(source.calls, [{ method: 'ack', args: ['a1', 'looking into it', 1_800_000] }]);
  assert.match(frame(), /acknowledged HighCPU \(a1\)/);
  unmount();
});

test('s silences the selected alert with matchers on its labels and the default duration', async () => {
  const { frame, press, source, unmount } = await setup();
  await press('s');
  assert.match(frame(), /Silence DiskFull \(critical\)/);
  assert.match(frame(), /matchers: alertname="DiskFull", host="db1"/);
  await press(KEYS.enter);
  assert.match(frame(), /› duration \(2h\): ▏/, 'Enter in the comment goes on to the duration');
  await press(KEYS.enter);
  assert.match(frame(), /› comment: ▏/);
  assert.match(frame(), /a comment is required/);
  assert.deepEqual(source.calls, []);
  await press('disk swap', KEYS.tab, KEYS.enter);
  assert.deepEqual(source.calls, [
    { method: 'silence', args: [['alertname="DiskFull"', 'host="db1"'], 7_200_000, 'disk swap'] },
  ]);
  assert.match(frame(), /silenced alertname="DiskFull", host="db1"/);
  unmount();
});

test('a failed ack is reported, and Esc cancels a prompt without a call', async () => {
  const { frame, press, source, unmount } = await setup();
  source.ack = () => Promise.reject(new Error('alert a2 not found'));
  await press('a', 'x', KEYS.enter, '1x', KEYS.enter);
  assert.match(
    frame(),
    /'1x' is not a duration \(unexpected '1x'\); write it like 500ms, 15s, 5m, 1h or 7d/,
  );
  await press(KEYS.backspace, KEYS.backspace, KEYS.enter);
  assert.match(frame(), /ack failed \(DiskFull\): alert a2 not found/);
  await press('s', KEYS.escape);
  assert.match(frame(), /▶ Alerts/);
  assert.deepEqual(source.calls, []);
  unmount();
});

test('? shows the help; any key closes it', async () => {
  const { frame, press, unmount } = await setup();
  await press('?');
  assert.match(frame(), /Keys/);
  assert.match(frame(), /│ s {26}silence the selected alert/);
  await press('x');
  assert.match(frame(), /▶ Alerts/);
  unmount();
});

test('q quits: the app unmounts and unsubscribes', async () => {
  const { press, source, unmount } = await setup();
  await press('q');
  assert.equal(source.subscribers(), 0);
  unmount();
});

test('Ctrl-C quits, also from the filter and the prompt', async () => {
  for (const keys of [[KEYS.ctrlC], ['/', 'x', KEYS.ctrlC], ['a', 'x', KEYS.ctrlC]]) {
    const { press, source, unmount } = await setup();
    await press(...keys);
    assert.equal(source.subscribers(), 0, keys.join(' '));
    unmount();
  }
});

test('q typed into the filter is text, not quit', async () => {
  const { frame, press, source, unmount } = await setup();
  await press('/', 'q');
  assert.equal(source.subscribers(), 1);
  assert.match(frame(), /\/q▏/);
  unmount();
});

test('the status line says when it reconnects, and shows the error', async () => {
  const { frame, source, unmount } = await setup();
  source.push(sampleData({ connection: 'reconnecting', error: 'daemon closed the connection' }));
  await settle();
  assert.equal(
    lines(frame())[23],
    'reconnecting… · daemon closed the connection · updated 3s ago · clickup-brain 1.2.3 up 2h · ? help …',
  );
  unmount();
});

test('80 columns stack the panels; 160 put metrics beside health and alerts', async () => {
  const { frame, stdout, unmount } = await setup(
    sampleData({
      checks: [check('api')],
      alerts: [alert('a1')],
      metrics: [metric('m1'), metric('m2')],
    }),
  );
  resize(stdout, 80, 24);
  await settle();
  let l = frame().split('\n');
  assert.equal(l.length, 24);
  assert.equal(l[0], `┌${'─'.repeat(78)}┐`);
  assert.match(l[1] ?? '', /^│ {2}Health degraded · 1 checks +│$/u);
  assert.match(l[8] ?? '', /Alerts/);
  assert.match(l[16] ?? '', /Metrics 2/);
  resize(stdout, 160, 50);
  await settle();
  l = frame().split('\n');
  assert.equal(l.length, 50);
  assert.equal(l[0], `┌${'─'.repeat(78)}┐┌${'─'.repeat(78)}┐`);
  assert.match(l[1] ?? '', /^│ {2}Health degraded · 1 checks +││ {2}Metrics 2 +│$/u);
  assert.match(l[25] ?? '', /^│▶ Alerts 1 firing · 1 active +││ +│$/u);
  unmount();
});

test('500 metrics, 50 checks and 100 alerts: only the rows that fit are drawn, the frame stays 24 lines', async () => {
  const data = sampleData({
    metrics: Array.from({ length: 500 }, (_, i) => metric(`m${String(i).padStart(3, '0')}`)),
    checks: Array.from({ length: 50 }, (_, i) => check(`c${String(i).padStart(2, '0')}`)),
    alerts: Array.from({ length: 100 }, (_, i) => alert(`a${String(i).padStart(3, '0')}`)),
  });
  const { frame, press, unmount } = await setup(data);
  let l = lines(frame());
  assert.equal(l.length, 24);
  assert.equal(l[1], '  Health degraded · 50 checks (1-4)');
  assert.equal(l[8], '▶ Alerts 100 firing · 100 active (1-5)');
  assert.equal(l[16], '  Metrics 500 (1-4)');
  await press(KEYS.tab, ...Array.from({ length: 10 }, () => KEYS.down));
  l = lines(frame());
  assert.equal(l.length, 24);
  assert.equal(l[16], '▶ Metrics 500 (8-11)');
  assert.match(l[20] ?? '', /^›m010 /u);
  unmount();
});
