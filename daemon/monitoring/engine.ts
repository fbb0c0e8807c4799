/**
 * @module The monitoring engine: the live registry, its sampled history, alert rules, silences and
 * acknowledgements, user health checks, and the schedules that drive them.
 *
 * One scrape copies every series of the registry (after the system collector and the checks have
 * updated it) into the history at the scrape time; the rules evaluate over that history.
 */
import { EventEmitter } from 'node:events';
import { parse as parseYaml } from 'yaml';
import { InvalidInputError } from '../../src/protocol/errors.js';
import type { CheckInfo, ForecastRow, MetricInfo, SeriesData } from '../../src/protocol/schemas.js';
import type { Clock } from '../clock.js';
import type { AuditLog } from '../security/audit-log.js';
import type { Store } from '../store/store.js';
import { AlertEngine } from './alerts/alert-engine.js';
import { Mutes } from './alerts/mutes.js';
import { MaintenanceWindows } from './alerts/maintenance.js';
import { checkMetrics, type CheckSample } from './checks/check-metrics.js';
import type { CheckResultEvent } from './checks/check-entry.js';
import { validateDefinition, type CheckDefinition } from './checks/definition.js';
import { CheckScheduler } from './checks/scheduler.js';
import { UptimeRecorder } from './checks/uptime-recorder.js';
import { forecast } from './forecast.js';
import type { HistoryStore } from './history/history-store.js';
import type { LabelMatcher, MetricType } from './types.js';
import { familyRecord, parseFamilyRecord, restoreFamily } from './metrics/family-record.js';
import { Registry } from './metrics/registry.js';
import { SystemCollector } from './system-collector.js';

/** Values kept for sparklines. */
const RECENT_POINTS = 30;

export interface MonitoringEngineOptions {
  store: Store;
  audit: AuditLog;
  clock: Clock;
  history: HistoryStore;
  /** The data folder (disk_usage reports its mount), or null for none: no system metrics. */
  dataDir: string | null;
  /** Receives stored checks or rules that no longer validate. */
  onBadDefinition?: (kind: 'check' | 'rule', name: string, error: Error) => void;
  /** Told when the checks' hourly uptime could not be written (that minute's counts are lost). */
  onUptimeError?: (error: Error) => void;
}

/** Events: `transition` (alerts), `check` ({@link CheckInfo} after each run). */
export class MonitoringEngine extends EventEmitter {
  readonly registry: Registry;
  readonly alerts: AlertEngine;
  readonly mutes: Mutes;
  readonly maintenance: MaintenanceWindows;
  readonly checks: CheckScheduler;
  /** Hourly uptime buckets of the checks, kept in the store (uptime over 24 h, 7 d and 30 d). */
  readonly uptime: UptimeRecorder;
  private readonly collector: SystemCollector | null;
  private readonly types = new Map<string, MetricType>();
  /** Names of the metric families pushes created (kept across restarts; the daemon's own are not). */
  private readonly pushed = new Set<string>();
  private readonly checkUp;
  private readonly checkLatency;

  constructor(private readonly options: MonitoringEngineOptions) {
    super();
    const { store, clock, audit, history } = options;
    this.registry = new Registry({ now: () => clock.now() });
    this.collector = options.dataDir === null ? null : new SystemCollector({ registry: this.registry, dataDir: options.dataDir });
    this.checkUp = this.registry.gauge('health_check_up', { help: 'Whether the last run of a health check passed (1) or failed (0)', labelNames: ['check'] });
    this.checkLatency = this.registry.gauge('health_check_latency_seconds', { help: 'Latency of the last run of a health check', labelNames: ['check'] });
    this.alerts = new AlertEngine({ store, source: history, clock, audit, ...(options.onBadDefinition ? { onBadRule: (n: string, e: Error) => options.onBadDefinition?.('rule', n, e) } : {}) });
    this.alerts.on('transition', (t) => this.emit('transition', t));
    this.mutes = new Mutes(store, clock, audit);
    this.maintenance = new MaintenanceWindows(store, clock, audit);
    this.checks = new CheckScheduler({ clock });
    this.uptime = new UptimeRecorder({ store, clock, ...(options.onUptimeError ? { onError: options.onUptimeError } : {}) });
    for (const raw of store.data.checks) {
      try {
        this.checks.add(validateDefinition(raw));
      } catch (error) {
        options.onBadDefinition?.('check', String(raw['name']), error as Error);
      }
    }
    this.checks.on('result', (event: CheckResultEvent) => {
      this.uptime.record(event.name, event.result.time, event.result.ok);
      this.recordCheckMetrics(checkMetrics(event.result));
      this.emit('check', this.checkInfo(event.name));
    });
  }

  /** Sets `health_check_up` and `health_check_latency_seconds` of a check (the built-ins' come from core). */
  recordCheckMetrics(samples: readonly CheckSample[]): void {
    for (const sample of samples) (sample.name === 'health_check_up' ? this.checkUp : this.checkLatency).set(sample.labels, sample.value);
  }

  /** Samples the system, then copies every series into the history. */
  async scrape(): Promise<number> {
    await this.collector?.collect();
    const now = this.options.clock.now();
    const samples = this.registry.collect().map((s) => ({ name: s.name, labels: s.labels, timeMs: now, value: s.value }));
    const appended = this.options.history.appendBatch(samples);
    this.emit('metrics', 'scrape');
    return appended;
  }

  /**
   * Registry metrics and pushed samples, with the latest value and a few recent ones of each
   * metric's first live series. Only a live series counts: after a restart the history still
   * holds series the registry has not seen again (a labelled counter before its first event), and
   * their old values beside a series count of 0 would contradict it.
   */
  metrics(): MetricInfo[] {
    const now = this.options.clock.now();
    const rangeMs = this.options.history.stats().series === 0 ? 0 : 3_600_000;
    return this.registry.metrics().map((m) => {
      const first = this.registry.get(m.name)?.firstLabelValues();
      const matchers: LabelMatcher[] = m.labelNames.map((name, i) => ({ name, op: '=', value: first?.[i] ?? '' }));
      const series = first === undefined ? undefined : (this.options.history.select(m.name, matchers, now - rangeMs, now)[0] ?? this.options.history.select(`${m.name}_count`, matchers, now - rangeMs, now)[0]);
      const values = series === undefined ? [] : Array.from(series.values.subarray(Math.max(0, series.values.length - RECENT_POINTS)));
      return { name: m.name, type: m.type, help: m.help, labelNames: [...m.labelNames], series: m.series, lastValue: values.at(-1) ?? null, recent: values.filter(Number.isFinite) };
    });
  }

  /** One metric's series over the last `rangeMs`. */
  metric(name: string, rangeMs: number): { name: string; type: MetricType | null; help: string; series: SeriesData[] } {
    const now = this.options.clock.now();
    const info = this.registry.metrics().find((m) => m.name === name);
    const series = this.options.history.select(name, [], now - rangeMs, now);
    if (info === undefined && series.length === 0) throw new InvalidInputError(`no metric named '${name}'`, 'name');
    return {
      name,
      type: info?.type ?? null,
      help: info?.help ?? '',
      series: series.map((s) => ({ name: s.name, labels: { ...s.labels }, times: Array.from(s.times), values: Array.from(s.values) })),
    };
  }

  /**
   * Applies pushed samples (all or nothing): counters add, gauges set, histograms and summaries
   * observe. A pushed metric keeps the type it was first pushed with.
   */
  push(samples: ReadonlyArray<{ name: string; value: number; type?: MetricType; labels?: Record<string, string>; help?: string }>): number {
    // A sample without a type takes the type its metric already has, in the registry or earlier
    // in this same batch.
    const seen = new Map<string, MetricType>();
    const batch = samples.map((s) => {
      const type = s.type ?? seen.get(s.name) ?? this.types.get(s.name) ?? this.registry.metrics().find((m) => m.name === s.name)?.type ?? 'gauge';
      seen.set(s.name, type);
      return { name: s.name, value: s.value, type, labels: s.labels ?? {}, help: s.help ?? `pushed ${type}` };
    });
    const created = batch.filter((s) => this.registry.get(s.name) === undefined).map((s) => s.name);
    const accepted = this.registry.pushBatch(batch);
    for (const name of created) this.pushed.add(name);
    for (const s of batch) this.types.set(s.name, s.type);
    this.emit('metrics', 'push');
    return accepted;
  }

  /** The families pushes created, as snapshot entries (see family-record.ts). */
  pushedFamilies(): string[] {
    const entries: string[] = [];
    for (const name of this.pushed) {
      const metric = this.registry.get(name);
      if (metric !== undefined) entries.push(JSON.stringify(familyRecord(metric)));
    }
    return entries;
  }

  /**
   * Re-creates pushed families from snapshot entries, after the daemon's own metrics are declared.
   * An entry that is not valid JSON, of an unknown kind, fails its checks or names a metric that
   * exists already is skipped and reported to `onSkipped`. @returns how many were restored.
   */
  restorePushed(entries: readonly string[], onSkipped: (what: string, reason: string) => void = () => undefined): number {
    let restored = 0;
    entries.forEach((entry, i) => {
      let what = `snapshot entry ${i}`;
      try {
        const raw: unknown = JSON.parse(entry);
        const name = (raw as { name?: unknown } | null)?.name;
        if (typeof name === 'string') what = `pushed metric ${name}`;
        const record = parseFamilyRecord(raw);
        restoreFamily(this.registry, record);
        this.pushed.add(record.name);
        this.types.set(record.name, record.type);
        restored++;
      } catch (error) {
        onSkipped(what, (error as Error).message);
      }
    });
    return restored;
  }

  forecast(metric: string, rangeMs: number, threshold: number | null): ForecastRow[] {
    return forecast(this.options.history, metric, this.options.clock.now(), rangeMs, threshold);
  }

  /** A check's state for people. */
  checkInfo(name: string): CheckInfo {
    const status = this.checks.status(name);
    const now = this.options.clock.now();
    const history = this.checks.history(name);
    const last = status.lastResult;
    const definition = status.definition as (CheckDefinition & { target?: string }) | null;
    return {
      name,
      type: status.type,
      target: definition?.target ?? null,
      intervalMs: status.intervalMs,
      state: status.state,
      lastRun: last === null ? null : new Date(last.time).toISOString(),
      latencyMs: last?.latencyMs ?? null,
      detail: last === null ? 'not run yet' : last.warning === undefined ? last.detail : `${last.detail} (${last.warning})`,
      recentLatencyMs: history.slice(-RECENT_POINTS).map((r) => r.latencyMs),
      uptime24h: this.checks.uptime(name, now - 86_400_000),
    };
  }

  /** Adds a check (validated) and keeps its definition in the store. */
  async addCheck(input: Record<string, unknown>, actor: string): Promise<CheckInfo> {
    const definition = validateDefinition(input);
    const { store } = this.options;
    this.checks.add(definition);
    try {
      await store.mutate(() => {
        const before = store.data.checks;
        store.data.checks = [...before, definition as unknown as Record<string, unknown>];
        return { result: undefined, undo: () => void (store.data.checks = before) };
      });
    } catch (error) {
      this.checks.remove(definition.name);
      throw error;
    }
    await this.options.audit.append({ type: 'check.added', actor, subject: definition.name, outcome: 'success', details: { type: definition.type } });
    return this.checkInfo(definition.name);
  }

  /**
   * Adds or replaces the checks of a checks file (YAML or JSON: `checks: [{name, type, ...}]`, the
   * fields of `--add-check`, durations like `30s` allowed). Every definition is validated first,
   * so one bad check leaves all of them out.
   */
  async loadChecks(text: string, actor: string): Promise<{ added: number; updated: number }> {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (error) {
      throw new InvalidInputError(`the checks file is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, 'checks');
    }
    const list = (doc as { checks?: unknown } | null)?.checks;
    if (!Array.isArray(list)) throw new InvalidInputError("the checks file needs a top-level 'checks' list", 'checks');
    const definitions = list.map((raw, i) => {
      try {
        return validateDefinition(raw);
      } catch (error) {
        throw new InvalidInputError(`checks[${i}]: ${(error as Error).message}`, 'checks');
      }
    });
    const names = new Set<string>();
    for (const d of definitions) {
      if (names.has(d.name)) throw new InvalidInputError(`check '${d.name}' appears twice in the checks file`, 'checks');
      names.add(d.name);
    }
    const { store } = this.options;
    const existing = new Set(this.checks.list().map((c) => c.name));
    await store.mutate(() => {
      const before = store.data.checks;
      store.data.checks = [...before.filter((c) => !names.has(String(c['name']))), ...definitions.map((d) => d as unknown as Record<string, unknown>)];
      return { result: undefined, undo: () => void (store.data.checks = before) };
    });
    for (const d of definitions) {
      if (existing.has(d.name)) this.checks.remove(d.name);
      this.checks.add(d);
    }
    const updated = definitions.filter((d) => existing.has(d.name)).length;
    await this.options.audit.append({ type: 'checks.loaded', actor, subject: null, outcome: 'success', details: { checks: [...names] } });
    return { added: definitions.length - updated, updated };
  }

  /** Removes a check and its metrics. @throws NotFoundError */
  async removeCheck(name: string, actor: string): Promise<CheckInfo> {
    const info = this.checkInfo(name);
    const definition = this.checks.status(name).definition;
    const { store } = this.options;
    await store.mutate(() => {
      const before = store.data.checks;
      store.data.checks = before.filter((c) => c['name'] !== name);
      return { result: undefined, undo: () => void (store.data.checks = before) };
    });
    this.checks.remove(name);
    await this.uptime.forget(name);
    this.checkUp.remove({ check: name });
    this.checkLatency.remove({ check: name });
    await this.options.audit.append({ type: 'check.removed', actor, subject: name, outcome: 'success', details: { type: definition?.type ?? 'function' } });
    return info;
  }

  /** Records a heartbeat push and runs the check at once, so its state follows the push. */
  async heartbeat(name: string): Promise<CheckInfo> {
    const status = this.checks.status(name);
    if (status.type !== 'heartbeat') throw new InvalidInputError(`check '${name}' is a ${status.type} check; only heartbeat checks take pushes`, 'name');
    this.checks.beat(name);
    await this.checks.runNow(name);
    return this.checkInfo(name);
  }

  /** Stops the checks and the collector's timers; the last uptime counts go to the store. */
  dispose(): void {
    this.checks.stop();
    void this.uptime.stop();
    this.collector?.dispose();
  }
}
