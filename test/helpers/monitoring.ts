/**
 * Test helper for the monitoring integration tests: a home whose daemon scrapes and evaluates
 * every second, CLI calls that must succeed or fail in a given way, and bounded waits for a
 * scrape, an alert state or a check state, all through the real CLI.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { tempHome, type CliResult, type TestHome } from './home.js';
import { parseJson, waitFor } from './integration.js';

/** How long a wait for something the 1 s loops bring about may take (generous: CI runs 2 files at once). */
export const LOOP_WAIT_MS = 25_000;
/** How often the waits ask the daemon (each ask is a CLI process). */
const POLL_MS = 150;

export interface SeriesJson {
  name: string;
  labels: Record<string, string>;
  times: number[];
  values: number[];
}
export interface MetricJson {
  name: string;
  type: string | null;
  help: string;
  series: SeriesJson[];
}
export interface MetricInfoJson {
  name: string;
  type: string;
  help: string;
  labelNames: string[];
  series: number;
  lastValue: number | null;
  recent: number[];
}
export interface AlertJson {
  id: string;
  rule: string;
  severity: string;
  state: 'pending' | 'firing';
  muted: 'acked' | 'silenced' | 'inhibited' | null;
  mutedBy: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number;
  activeAt: string;
  firedAt: string | null;
}
export interface TransitionJson {
  kind: 'pending' | 'firing' | 'resolved' | 'dropped';
  at: string;
  id: string;
  rule: string;
  severity: string;
  labels: Record<string, string>;
  value: number;
}
export interface AlertsJson {
  alerts: AlertJson[];
  history: TransitionJson[];
}
export interface RuleJson {
  name: string;
  expr: string;
  severity: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  description: string;
  createdAt: string;
  updatedAt: string;
  pending: number;
  firing: number;
  lastError: string | null;
  lastEvaluatedAt: string | null;
}
export interface ExplainJson {
  rule: RuleJson;
  evaluatedAt: string;
  rows: Array<{
    labels: Record<string, string>;
    value: number | null;
    state: 'inactive' | 'pending' | 'firing';
    reason: string;
  }>;
  error: string | null;
}
export interface CheckJson {
  name: string;
  type: string;
  target: string | null;
  intervalMs: number;
  state: 'unknown' | 'up' | 'down';
  lastRun: string | null;
  latencyMs: number | null;
  detail: string;
  recentLatencyMs: number[];
  uptime24h: number | null;
}
export interface SilenceJson {
  id: string;
  matchers: string[];
  startsAt: string;
  endsAt: string;
  comment: string;
  createdBy: string;
}

function show(args: readonly string[], result: CliResult): string {
  return `clickup-brain ${args.join(' ')} → exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

/** Runs the CLI and asserts exit 0; resolves with stdout. */
export async function cliOk(home: TestHome, args: string[]): Promise<string> {
  const result = await home.cli(args);
  assert.equal(result.code, 0, show(args, result));
  return result.stdout;
}

/** Runs the CLI with --json, asserts exit 0 and parses stdout. */
export async function cliJson<T>(home: TestHome, args: string[]): Promise<T> {
  return parseJson<T>(await cliOk(home, [...args, '--json']));
}

/**
 * Runs the CLI, asserts the exit code and that stderr matches `message`; resolves with stderr.
 * Nothing may be printed on stdout by a refusal.
 */
export async function cliFails(
  home: TestHome,
  args: string[],
  code: number,
  message: RegExp,
): Promise<string> {
  const result = await home.cli(args);
  assert.equal(result.code, code, show(args, result));
  assert.match(result.stderr, message, show(args, result));
  assert.equal(result.stdout, '', show(args, result));
  return result.stderr;
}

/**
 * A fresh home whose daemon scrapes and evaluates rules every second (`config set` starts it).
 * The home is removed (and the daemon killed) when the test ends.
 */
export async function monitoringHome(t: TestContext): Promise<TestHome> {
  const home = await tempHome();
  t.after(() => home.cleanup());
  await cliOk(home, ['config', 'set', 'monitoring.scrapeInterval', '1s']);
  await cliOk(home, ['config', 'set', 'monitoring.evaluationInterval', '1s']);
  return home;
}

/** Polls through the CLI until `check` gives a value (bounded by {@link LOOP_WAIT_MS}). */
export function poll<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  return waitFor(what, check, LOOP_WAIT_MS, POLL_MS);
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The series of `name` with exactly `labels`, or undefined (also while the metric is unknown). */
export async function seriesOf(
  home: TestHome,
  name: string,
  labels: Record<string, string> = {},
  range?: string,
): Promise<SeriesJson | undefined> {
  const result = await home.cli(['monitoring', '--metrics', name, ...(range === undefined ? [] : ['--range', range]), '--json']);
  if (result.code !== 0) return undefined;
  return parseJson<MetricJson>(result.stdout).series.find((s) => sameLabels(s.labels, labels));
}

/** Waits until a scrape has recorded `value` as the latest sample of the series. */
export function waitForSample(
  home: TestHome,
  name: string,
  value: number,
  labels: Record<string, string> = {},
): Promise<SeriesJson> {
  return poll(`a scrape recording ${name}${JSON.stringify(labels)} = ${value}`, async () => {
    const series = await seriesOf(home, name, labels);
    return series !== undefined && series.values.at(-1) === value ? series : undefined;
  });
}

/** Pushes a gauge value (with labels) and waits until a scrape has recorded it. */
export async function pushGauge(
  home: TestHome,
  name: string,
  value: number,
  labels: Record<string, string> = {},
): Promise<void> {
  const labelArgs = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  await cliOk(home, ['monitoring', '--push', `${name}=${value}`, '--type', 'gauge', ...labelArgs]);
  await waitForSample(home, name, value, labels);
}

/** `monitoring --alerts [--all] --json`. */
export function alertsOf(home: TestHome, all = false): Promise<AlertsJson> {
  return cliJson<AlertsJson>(home, ['monitoring', '--alerts', ...(all ? ['--all'] : [])]);
}

/** Waits until the rule has an alert in `state`; resolves with it. */
export function waitForAlert(
  home: TestHome,
  rule: string,
  state: AlertJson['state'],
): Promise<AlertJson> {
  return poll(`an alert of ${rule} in state ${state}`, async () =>
    (await alertsOf(home)).alerts.find((a) => a.rule === rule && a.state === state),
  );
}

/** Waits until the rule has no live alert; resolves with the history then. */
export function waitForNoAlert(home: TestHome, rule: string): Promise<TransitionJson[]> {
  return poll(`no live alert of ${rule}`, async () => {
    const { alerts, history } = await alertsOf(home, true);
    return alerts.some((a) => a.rule === rule) ? undefined : history;
  });
}

/** `monitoring --rules --json`. */
export async function rulesOf(home: TestHome): Promise<RuleJson[]> {
  return (await cliJson<{ rules: RuleJson[] }>(home, ['monitoring', '--rules'])).rules;
}

/** `monitoring --checks --json`. */
export async function checksOf(home: TestHome): Promise<CheckJson[]> {
  return (await cliJson<{ checks: CheckJson[] }>(home, ['monitoring', '--checks'])).checks;
}

/** Waits until the check is in `state`; resolves with it. */
export function waitForCheck(
  home: TestHome,
  name: string,
  state: CheckJson['state'],
): Promise<CheckJson> {
  return poll(`check ${name} ${state}`, async () =>
    (await checksOf(home)).find((c) => c.name === name && c.state === state),
  );
}

/** The parts of a rule that only a change to it alters (not its evaluation or its alerts). */
export function ruleDefinition(rule: RuleJson): Omit<RuleJson, 'lastEvaluatedAt' | 'lastError' | 'pending' | 'firing'> {
  const { lastEvaluatedAt: _at, lastError: _error, pending: _pending, firing: _firing, ...definition } = rule;
  return definition;
}

/** The parts of a check that only a change to it alters (not its runs). */
export function checkDefinition(check: CheckJson): Pick<CheckJson, 'name' | 'type' | 'target' | 'intervalMs'> {
  return { name: check.name, type: check.type, target: check.target, intervalMs: check.intervalMs };
}
