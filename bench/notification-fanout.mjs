/**
 * @module Benchmark: notification fan-out. The time from an alert becoming firing to a webhook
 * receiver getting it, with group_wait 0: median, p99 and max over 1,000 firing alerts in 100
 * groups (100 rule names × 10 alerts, grouped by alertname). Target: p99 <= 1 s.
 *
 * Measured in-process through the daemon's real pieces: `openCore({ dataDir: null })` (a memory
 * store, so no fsync in the figure), a webhook channel to a node:http receiver on 127.0.0.1, and a
 * route `default` with groupWaitMs 0 and groupIntervalMs 1 s. All 1,000 alerts are handed to
 * `core.notifications.update()` at once, as after an evaluation where they all fired; each is
 * stamped with that moment. The receiver stamps each request when its body has arrived, and an
 * alert's latency is that minus its firing stamp (one `performance.now()` clock, one process).
 *
 * The baseline, measured side by side in the same run, is the floor for this work: the same 1,000
 * alerts as the same 100 Alertmanager v4 bodies, POSTed straight to the same receiver by a plain
 * loop with fetch (no grouping state, no retries, no delivery log), all 100 started at once as the
 * dispatcher starts its 100 groups. Each round uses a fresh core (so no earlier group resolves
 * during it); one warm-up round of each is left out; the order alternates between rounds. Each
 * round gives a median and a p99 over its 1,000 alerts; the figures are the middle round's (so one
 * round disturbed by a busy machine does not make the figure), the max is the worst of all rounds.
 *
 * Run: `node bench/notification-fanout.mjs` (after `npm run build`) or through `node bench/run.mjs`.
 * Environment: BENCH_ROUNDS (measured rounds, default 5).
 */
/* global fetch -- Node 20 has it; the shared lint config lists only the older globals. */
import { createServer } from 'node:http';
import { runWhenMain } from './lib/main.mjs';
import { percentile } from './lib/stats.mjs';

const dist = new URL('../dist/daemon/', import.meta.url);
const { openCore } = await import(new URL('core.js', dist).href);
const { systemClock } = await import(new URL('clock.js', dist).href);

const RULES = 100;
const PER_RULE = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 1000;
/** A round that has not seen every alert by then has lost some: the bench fails, it does not wait. */
const ROUND_TIMEOUT_MS = 30_000;
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** 1,000 firing alerts as the engine shows them (the protocol's alert view); ids unique per round. */
function makeAlerts(round) {
  const at = new Date(systemClock.now()).toISOString();
  const alerts = [];
  for (let r = 0; r < RULES; r++) {
    for (let i = 0; i < PER_RULE; i++) {
      const labels = { alertname: `Fanout${r}`, severity: 'warning', instance: `host-${i}` };
      alerts.push({
        id: `${round}-${r}-${i}`,
        rule: labels.alertname,
        severity: 'warning',
        state: 'firing',
        muted: null,
        mutedBy: null,
        labels,
        annotations: { summary: `fan-out alert ${r}/${i}` },
        value: 90 + i,
        activeAt: at,
        firedAt: at,
      });
    }
  }
  return alerts;
}

/**
 * The receiver: stamps each request when its body is in, and matches its alerts (by fingerprint,
 * our alert id) against the round under way.
 */
async function startReceiver() {
  let round = null;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const r = round;
      if (r === null) return;
      r.requests++;
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        r.stray++;
        return;
      }
      for (const alert of body.alerts ?? []) {
        if (!r.waiting.delete(alert.fingerprint)) r.stray++;
        else r.latencies.push(at - r.firedAt);
      }
      if (r.waiting.size === 0) r.done();
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    /**
     * Opens a round: `fired(t)` stamps its alerts, `received` settles when all are in, `cancel()`
     * stops its timeout (a round that threw must not hold the process for 30 s).
     */
    expect(ids, explain) {
      const r = { waiting: new Set(ids), latencies: [], requests: 0, stray: 0, firedAt: 0 };
      r.received = new Promise((ok, fail) => {
        const timer = setTimeout(() => {
          const why = explain?.() ?? '';
          fail(
            new Error(
              `${ids.length - r.waiting.size} of ${ids.length} alerts arrived in ${ROUND_TIMEOUT_MS / 1000} s (${r.requests} requests)${why === '' ? '' : `; ${why}`}`,
            ),
          );
        }, ROUND_TIMEOUT_MS);
        r.done = () => {
          clearTimeout(timer);
          ok(r);
        };
        r.cancel = () => clearTimeout(timer);
      });
      r.received.catch(() => {}); // looked at by the round, unless it threw before
      r.fired = (t) => void (r.firedAt = t);
      round = r;
      return r;
    },
    close() {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/** Through the daemon: a fresh core, a webhook channel, the route, then one update. */
async function dispatcherRound(receiver, round) {
  const problems = [];
  const core = await openCore({
    dataDir: null,
    clock: systemClock,
    onNotificationProblem: (m) => problems.push(m),
  });
  try {
    const url = receiver.url(`/dispatcher/${round}`);
    await core.channels.add({ name: 'bench', type: 'webhook', options: { url } }, 'bench');
    await core.notifications.addRoute(
      { id: 'default', channels: ['bench'], groupWaitMs: 0, groupIntervalMs: 1000 },
      'bench',
    );
    const alerts = makeAlerts(round);
    const explain = () => {
      const failed = core.notifications
        .deliveries({ now: systemClock.now(), limit: 10_000 })
        .filter((d) => d.error !== null);
      return [...problems, ...failed.slice(-1).map((d) => `last delivery error: ${d.error}`)].join(
        '; ',
      );
    };
    const r = receiver.expect(
      alerts.map((a) => a.id),
      explain,
    );
    try {
      r.fired(performance.now());
      core.notifications.update(alerts);
      return await r.received;
    } finally {
      r.cancel();
    }
  } finally {
    await core.close();
  }
}

/** Alertmanager's v4 webhook body for one group, as the webhook channel sends it. */
function v4Body(alertname, alerts) {
  return {
    receiver: 'bench',
    status: 'firing',
    alerts: alerts.map((a) => ({
      status: 'firing',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.activeAt,
      endsAt: ZERO_TIME,
      generatorURL: '',
      fingerprint: a.id,
    })),
    groupLabels: { alertname },
    commonLabels: { alertname, severity: 'warning' },
    commonAnnotations: {},
    externalURL: '',
    version: '4',
    groupKey: `default:{alertname="${alertname}"}`,
    truncatedAlerts: 0,
  };
}

/** The baseline: group by alertname and POST each group with fetch, all at once. */
async function directRound(receiver, round) {
  const alerts = makeAlerts(round);
  const r = receiver.expect(alerts.map((a) => a.id));
  r.fired(performance.now());
  const groups = new Map();
  for (const a of alerts) {
    const list = groups.get(a.labels.alertname);
    if (list === undefined) groups.set(a.labels.alertname, [a]);
    else list.push(a);
  }
  const url = receiver.url(`/direct/${round}`);
  const sends = [];
  for (const [name, group] of groups) {
    sends.push(
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(v4Body(name, group)),
      }).then((res) => res.arrayBuffer()),
    );
  }
  try {
    await Promise.all(sends);
    return await r.received;
  } finally {
    r.cancel();
  }
}

/** The middle value (the upper one of an even count). */
function middle(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Each round's median, p99 and max over its 1,000 latencies; the figures are the middle round's
 * (a shared machine's hiccup in one round moves one of five, not the figure), the max is the worst.
 */
function summarize(rounds) {
  const ms = (v) => Math.round(v * 100) / 100;
  const each = rounds.map((r) => {
    const s = [...r.latencies].sort((a, b) => a - b);
    return { median: ms(percentile(s, 50)), p99: ms(percentile(s, 99)), max: ms(s[s.length - 1]) };
  });
  const p99s = each.map((e) => e.p99);
  return {
    median: middle(each.map((e) => e.median)),
    p99: middle(p99s),
    max: Math.max(...each.map((e) => e.max)),
    p99Range: [Math.min(...p99s), Math.max(...p99s)],
    n: rounds[0]?.latencies.length ?? 0,
    rounds: each,
    requestsPerRound: rounds.map((r) => r.requests),
    stray: rounds.reduce((sum, r) => sum + r.stray, 0),
  };
}

export async function run() {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
    throw new TypeError('BENCH_ROUNDS must be a positive integer');
  const receiver = await startReceiver();
  try {
    const through = [];
    const direct = [];
    for (let round = 0; round <= ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on a warmer (or more tired) process.
      const pair =
        round % 2 === 0 ? [dispatcherRound, directRound] : [directRound, dispatcherRound];
      for (const measure of pair) {
        const result = await measure(receiver, round);
        if (round > 0) (measure === dispatcherRound ? through : direct).push(result);
      }
    }
    const d = summarize(through);
    const b = summarize(direct);
    return {
      figure: 'notification fan-out p99, 1,000 alerts in 100 groups to a webhook (group_wait 0)',
      value: d.p99,
      baseline: b.p99,
      ratio: Math.round((d.p99 / b.p99) * 100) / 100,
      target: `<= ${TARGET_MS} ms`,
      pass: d.p99 <= TARGET_MS,
      unit: 'ms',
      note: `median ${d.median} ms, max ${d.max} ms; baseline = the same 100 bodies POSTed directly with fetch (median ${b.median} ms)`,
      details: {
        rounds: ROUNDS,
        alerts: RULES * PER_RULE,
        groups: RULES,
        dispatcher: d,
        direct: b,
      },
    };
  } finally {
    await receiver.close();
  }
}

/** The readable report for a direct run. */
export function report(result) {
  const { details: x } = result;
  const ms = (v) => `${v.toFixed(2)} ms`.padStart(11);
  const requests = (s) => [...new Set(s.requestsPerRound)].join('/');
  const row = (name, s) =>
    `  ${name.padEnd(44)} ${ms(s.median)} ${ms(s.p99)} ${ms(s.max)}   ${requests(s).padStart(8)}   ${s.p99Range.map((v) => v.toFixed(0)).join('–')} ms`;
  return [
    `notification fan-out: ${x.alerts} firing alerts in ${x.groups} groups, firing → received by a webhook;`,
    `  ${x.rounds} rounds after a warm-up; median and p99 of the middle round (by each figure), max of all`,
    `  ${''.padEnd(44)} ${'median'.padStart(11)} ${'p99'.padStart(11)} ${'max'.padStart(11)}   requests/round   p99 range`,
    row('dispatcher (route, group_wait 0, webhook)', x.dispatcher),
    row('baseline: plain fetch loop, 100 POSTs', x.direct),
    ...(x.dispatcher.stray + x.direct.stray > 0
      ? [`  alerts received twice or unknown: ${x.dispatcher.stray} / ${x.direct.stray}`]
      : []),
    `  ratio of p99s (dispatcher / plain loop) ${result.ratio.toFixed(2)}`,
    `  p99 ${result.value.toFixed(2)} ms (target ${result.target}): ${result.pass ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

await runWhenMain(import.meta.url, run, report, { stack: true });
