/**
 * @module Library entry `clickup-brain`: the engines in-process.
 *
 * @example
 * ```ts
 * import { getSecuritySystem, getMonitoringSystem, Role } from 'clickup-brain';
 * const security = getSecuritySystem();
 * await security.createUser('ada', 'ada@example.com', 'a strong passphrase', [Role.ADMIN]);
 * const { accessToken } = await security.generateToken('ada', 'a strong passphrase');
 * const { username, roles } = await security.verifyToken(accessToken);
 * await security.addToBlacklist('203.0.113.7', { reason: 'scanner', ttlMs: 3_600_000 });
 * const health = await getMonitoringSystem().health();
 * ```
 */
import { parseDuration } from '../src/protocol/duration.js';
import type { AlertView, CheckInfo, ForecastRow, HealthReport, RuleInfo } from '../src/protocol/schemas.js';
import { systemClock, type Clock } from './clock.js';
import { openCore, type Core } from './core.js';
import { securitySettingsFor, type SecurityOptions } from './library/security-options.js';
import { SecuritySystem } from './library/security-system.js';
import { statusPageOption } from './library/status-page-option.js';
import { alertViews } from './monitoring/alerts/alert-views.js';
import { DEFAULT_INHIBITION } from './monitoring/alerts/inhibition.js';
import type { RuleInput } from './monitoring/alerts/rule-compiler.js';
import { HealthCheck } from './monitoring/checks/check-function.js';
import { fullHealth } from './monitoring/full-health.js';
import { MonitoringLoops } from './monitoring/loops.js';
import { startEmbeddedDashboard, type EmbeddedDashboard } from './http/server/embedded.js';
import type { Registry } from './monitoring/metrics/registry.js';
import type { MetricType as MetricTypeName } from './monitoring/types.js';
import type { RoleName } from './security/rbac/roles.js';

export type { BlacklistChange, BlacklistEntry, HealthReport } from '../src/protocol/schemas.js';
export type { Clock } from './clock.js';
export { ManualClock } from './clock.js';
export { HealthCheck } from './monitoring/checks/check-function.js';
export type { AlertView, CheckInfo, ForecastRow, RuleInfo } from '../src/protocol/schemas.js';
export { AppError, InvalidInputError, NotFoundError } from '../src/protocol/errors.js';
export { SecuritySystem } from './library/security-system.js';
export type { KeyRotation } from './library/security-system.js';
export type { TokenGrant, VerifiedToken } from './library/security-logins.js';
export type { RequestInfo } from './library/arguments.js';
export type { SecurityOptions } from './library/security-options.js';
export type { UserView } from './security/users/user-record.js';
export type { SessionView, SessionState } from './security/tokens/session-record.js';
export type { Decision, Resource } from './security/rbac/authorizer.js';
export { ROLE_NAMES, type RoleName } from './security/rbac/roles.js';
export type { Threat, ThreatType } from './security/threats/index.js';
export type { ScreenResult } from './security/engine/threat-screen.js';
export type { Enforcement } from './security/engine/decision-point.js';
export type { SignatureResult, SigningAlgorithm } from './security/crypto/index.js';
export { CryptoInputError, type CryptoFailureReason } from './security/crypto/index.js';
export { TokenError, type TokenErrorCode } from './security/tokens/token-errors.js';
export type { SecretInfo } from './security/vault/secret-record.js';

export interface SystemOptions {
  /**
   * A folder for store.json and events.jsonl (locked while open, so a daemon and a library never
   * write one store), or `memory` (the default): nothing touches the disk.
   */
  store?: 'memory' | { dir: string };
  /** The clock (default: the system clock); tests pass a manual one. */
  clock?: Clock;
  /** Who is named as the actor in audit events (default `library`). */
  actor?: string;
  /** Security settings (bcrypt cost, token and session lifetimes); the rest keep their defaults. */
  security?: SecurityOptions;
}

function open(options: SystemOptions): Promise<Core> {
  const store = options.store ?? 'memory';
  if (
    store !== 'memory' &&
    (typeof store !== 'object' || typeof store.dir !== 'string' || store.dir === '')
  ) {
    throw new TypeError('"store" option must be "memory" or { dir: string }');
  }
  const security = securitySettingsFor(options.security);
  return openCore({
    dataDir: store === 'memory' ? null : store.dir,
    clock: options.clock ?? systemClock,
    security,
  });
}

/** The five roles, as the spec names them (`UserRole.ADMIN` → `Role.ADMIN`, which is `'admin'`). */
export const Role = {
  ADMIN: 'admin',
  USER: 'user',
  MODERATOR: 'moderator',
  GUEST: 'guest',
  SERVICE: 'service',
} as const satisfies Record<string, RoleName>;

/** The four severities, as the spec names them. */
export const AlertSeverity = {
  INFO: 'info',
  WARNING: 'warning',
  CRITICAL: 'critical',
  EMERGENCY: 'emergency',
} as const;
/** The four metric types, as the spec names them. */
export const MetricType = {
  COUNTER: 'counter',
  GAUGE: 'gauge',
  HISTOGRAM: 'histogram',
  SUMMARY: 'summary',
} as const;

/** An alert rule, in the spec's shape (`expression`), for {@link MonitoringSystem.addAlertRule}. */
export class AlertRule {
  readonly input: RuleInput;
  /**
   * @param spec.for - how long the condition must hold before firing: ms or a duration like `5m`.
   * @param spec.keepFiringFor - how long a firing alert is held after the condition clears.
   */
  constructor(spec: {
    name: string;
    expression: string;
    severity?: string;
    description?: string;
    for?: number | string;
    keepFiringFor?: number | string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }) {
    if (typeof spec?.name !== 'string' || typeof spec.expression !== 'string')
      throw new TypeError('"name" and "expression" must be strings');
    this.input = {
      name: spec.name,
      expr: spec.expression,
      ...(spec.severity === undefined ? {} : { severity: spec.severity }),
      ...(spec.description === undefined ? {} : { description: spec.description }),
      forMs: toMs(spec.for, 'for'),
      keepFiringForMs: toMs(spec.keepFiringFor, 'keepFiringFor'),
      ...(spec.labels === undefined ? {} : { labels: spec.labels }),
      ...(spec.annotations === undefined ? {} : { annotations: spec.annotations }),
    };
  }
}

function toMs(value: number | string | undefined, option: string): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const ms = typeof value === 'string' ? parseDuration(value) : NaN;
  if (typeof ms !== 'number' || Number.isNaN(ms))
    throw new TypeError(`"${option}" must be milliseconds or a duration like 5m`);
  return ms;
}

/** The monitoring engine in-process: metrics, rules and alerts, health checks, forecasting. */
export class MonitoringSystem {
  private loops: MonitoringLoops | null = null;
  private dashboard: EmbeddedDashboard | null = null;

  constructor(
    private readonly core: Promise<Core>,
    private readonly actor = 'library',
    private readonly clock: Clock = systemClock,
  ) {}

  /** The web dashboard's URL while {@link start} serves it, else null. */
  get dashboardUrl(): string | null {
    const status = this.dashboard?.status;
    return status?.state === 'listening' ? status.url : null;
  }

  /** The live metrics registry (typed handles: `counter`, `gauge`, `histogram`, `summary`). */
  async registry(): Promise<Registry> {
    return (await this.core).monitoring.registry;
  }

  /** The spec's call: counters add, gauges set, histograms and summaries observe. */
  async addMetric(
    name: string,
    value: number,
    type: MetricTypeName = 'gauge',
    labels: Record<string, string> = {},
  ): Promise<void> {
    (await this.core).monitoring.registry.addMetric(name, value, type, labels);
  }

  /** Adds (or replaces) an alert rule; it is kept in the store. @throws InvalidInputError */
  async addAlertRule(rule: AlertRule | RuleInput): Promise<RuleInfo> {
    const input = rule instanceof AlertRule ? rule.input : rule;
    return (await (await this.core).monitoring.alerts.addRule(input, this.actor)).rule;
  }

  /**
   * Removes an alert rule (from the store too); its live alerts end as a firing alert does
   * (resolved) or a pending one (dropped). Resolves with the rule as it was.
   *
   * @throws TypeError when `name` is not a string; NotFoundError (`NOT_FOUND`) when no rule has it.
   */
  async removeAlertRule(name: string): Promise<RuleInfo> {
    if (typeof name !== 'string') throw new TypeError('"name" must be a string');
    return (await this.core).monitoring.alerts.removeRule(name, this.actor);
  }

  /**
   * Adds a health check: a {@link HealthCheck} (a function) or a check definition (the fields of
   * a checks file, kept in the store).
   *
   * @throws InvalidInputError (`INVALID_INPUT`) for a bad definition; AppError `CONFLICT` when a
   * check already has the name.
   */
  async addHealthCheck(check: HealthCheck | Record<string, unknown>): Promise<void> {
    const { monitoring } = await this.core;
    if (check instanceof HealthCheck) monitoring.checks.add(check);
    else await monitoring.addCheck(check, this.actor);
  }

  /**
   * Removes a health check (a {@link HealthCheck} or a definition): its schedule, its results,
   * its `health_check_up`/`health_check_latency_seconds` series and, for a definition, its place
   * in the store. Resolves with the check's last state.
   *
   * @throws TypeError when `name` is not a string; NotFoundError (`NOT_FOUND`) when no check has it.
   */
  async removeHealthCheck(name: string): Promise<CheckInfo> {
    if (typeof name !== 'string') throw new TypeError('"name" must be a string');
    return (await this.core).monitoring.removeCheck(name, this.actor);
  }

  /**
   * Runs the checks, scrapes, evaluates rules and keeps history until {@link stop}. With
   * `dashboardPort` (0: any free port; see {@link dashboardUrl}) it also serves the web dashboard
   * and HTTP API from this process, on `dashboardHost` (default 127.0.0.1), guarded by the same
   * security chain as the daemon's (log in as a user of this system's security engine).
   * `dashboardStatusPage` (default off) serves the public status page (`/status`, no login):
   * `true`, or a function read at each request to switch it while running.
   *
   * @throws TypeError for a bad option; Error when the dashboard cannot listen (port in use).
   */
  async start(
    options: {
      scrapeIntervalMs?: number;
      evaluationIntervalMs?: number;
      dashboardPort?: number;
      dashboardHost?: string;
      dashboardStatusPage?: boolean | (() => boolean);
    } = {},
  ): Promise<void> {
    const core = await this.core;
    if (this.loops !== null) return;
    const statusPage = statusPageOption(options.dashboardStatusPage);
    const scrape = options.scrapeIntervalMs ?? 10_000;
    const evaluation = options.evaluationIntervalMs ?? 15_000;
    for (const [name, value] of [
      ['scrapeIntervalMs', scrape],
      ['evaluationIntervalMs', evaluation],
    ] as const) {
      if (!Number.isInteger(value) || value < 100)
        throw new TypeError(
          `"${name}" option must be a whole number of milliseconds, at least 100`,
        );
    }
    this.loops = new MonitoringLoops(core, {
      scrapeMs: () => scrape,
      evaluationMs: () => evaluation,
      onError: () => undefined,
    });
    this.loops.start();
    if (options.dashboardPort === undefined) return;
    try {
      this.dashboard = await startEmbeddedDashboard({
        core,
        clock: this.clock,
        port: options.dashboardPort,
        ...(options.dashboardHost === undefined ? {} : { host: options.dashboardHost }),
        settings: { statusPage },
      });
    } catch (error) {
      this.loops.stop();
      this.loops = null;
      throw error;
    }
  }

  /** Stops what {@link start} started. */
  async stop(): Promise<void> {
    this.loops?.stop();
    this.loops = null;
    const dashboard = this.dashboard;
    this.dashboard = null;
    await dashboard?.stop();
  }

  /** Samples every metric into the history now (start() does this on its interval). */
  async scrape(): Promise<void> {
    await (await this.core).monitoring.scrape();
  }

  /** Evaluates every rule now (start() does this on its interval). */
  async evaluateRules(): Promise<void> {
    await (await this.core).monitoring.alerts.evaluate();
  }

  /** Live alerts, with what mutes them. */
  async alerts(): Promise<AlertView[]> {
    const { monitoring } = await this.core;
    return alertViews(
      monitoring.alerts,
      monitoring.mutes,
      monitoring.maintenance.list(),
      DEFAULT_INHIBITION,
      this.clock.now(),
    );
  }

  /** Runs the built-in checks now and returns them with the user checks. */
  async health(): Promise<HealthReport> {
    const core = await this.core;
    return fullHealth(core.health, core.monitoring, true);
  }

  /** When each series of `metric` will cross `threshold` at its trend over `rangeMs`. */
  async forecast(
    metric: string,
    threshold: number | null,
    rangeMs = 6 * 3_600_000,
  ): Promise<ForecastRow[]> {
    return (await this.core).monitoring.forecast(metric, rangeMs, threshold);
  }
}

/** Both engines over one store. */
export interface Systems {
  security: SecuritySystem;
  monitoring: MonitoringSystem;
  /** Flushes writes and releases the store. */
  close(): Promise<void>;
}

/** Opens both engines over a new store. */
export function openSystems(options: SystemOptions = {}): Systems {
  const core = open(options);
  const monitoring = new MonitoringSystem(core, options.actor, options.clock);
  return {
    security: new SecuritySystem(core, options.actor),
    monitoring,
    close: async () => {
      await monitoring.stop();
      await (await core).close();
    },
  };
}

let shared: Systems | null = null;

function sharedSystems(options?: SystemOptions): Systems {
  if (shared === null) shared = openSystems(options);
  else if (options !== undefined)
    throw new TypeError(
      'the shared systems are already open; pass options on the first call only, or use openSystems()',
    );
  return shared;
}

/** The process-wide security system (a memory store unless the first call says otherwise). */
export function getSecuritySystem(options?: SystemOptions): SecuritySystem {
  return sharedSystems(options).security;
}

/** The process-wide monitoring system, sharing the store of {@link getSecuritySystem}. */
export function getMonitoringSystem(options?: SystemOptions): MonitoringSystem {
  return sharedSystems(options).monitoring;
}
