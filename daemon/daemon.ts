/**
 * @module Composes the daemon: config → log → store and engines → secrets → socket server →
 * schedulers, and takes it apart again in the reverse order.
 */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Paths } from '../src/protocol/paths.js';
import { VERSION } from '../src/protocol/version.js';
import { systemClock, type Clock } from './clock.js';
import { Settings } from './config/settings.js';
import { openCore, type Core, type HealthThresholds } from './core.js';
import { coreLogHooks } from './core-log-hooks.js';
import { MonitoringLoops } from './monitoring/loops.js';
import { fullHealth } from './monitoring/full-health.js';
import { HealthSnapshotWriter } from './monitoring/health-snapshot-writer.js';
import { alertViews } from './monitoring/alerts/alert-views.js';
import { inhibitionFrom } from './config/inhibition-settings.js';
import { historyFrom } from './config/history-settings.js';
import { accessGate } from './handlers/access-policy.js';
import type { HandlerDeps } from './handlers/context.js';
import { createHandlers } from './handlers/index.js';
import { startSecurityLoops } from './security/engine/security-loops.js';
import { createFileLogger, type Logger } from './log.js';
import { Router } from './router.js';
import { securitySettingsFrom } from './security/engine/security-settings.js';
import { openSecretStore, type SecretStore } from './security/secret-store.js';
import { RpcServer } from './server.js';
import { StoreCorruptError } from './store/errors.js';
import { apiRoutes } from './http/api/index.js';
import { HttpServer, httpSettingsFrom, routerDispatch, urlOf } from './http/index.js';
import type { HttpSettings } from './http/server/http-settings.js';
import { pageRoutes } from './http/pages/index.js';
import type { WebFacts } from './handlers/context.js';

export interface DaemonOptions {
  paths: Paths;
  clock?: Clock;
  /** Move an unusable store.json aside and start with an empty one (the operator asked for it). */
  moveCorruptStore?: boolean;
}

export interface RunningDaemon {
  logger: Logger;
  /** Resolves when the daemon has stopped (after a stop request or {@link stop}). */
  stopped: Promise<void>;
  /** Stops gracefully: no new connections, in-flight requests answered, writes flushed. */
  stop(reason: string): Promise<void>;
}

/** The local user, named as the actor of changes made over the owner-only socket. */
function localActor(): string {
  try {
    return `local:${userInfo().username}`;
  } catch {
    return `local:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

function thresholdsFrom(settings: Settings): HealthThresholds {
  return {
    disk: () => ({
      warn: settings.get('health.diskWarnPercent'),
      crit: settings.get('health.diskCritPercent'),
    }),
    memory: () => ({
      warn: settings.get('health.memoryWarnPercent'),
      crit: settings.get('health.memoryCritPercent'),
    }),
    eventLoop: () => ({
      warn: settings.ms('health.eventLoopLagWarn'),
      crit: settings.ms('health.eventLoopLagCrit'),
    }),
  };
}

async function openCoreMovingAside(
  paths: Paths,
  clock: Clock,
  settings: Settings,
  move: boolean,
  logger: Logger,
  secrets: SecretStore,
  http: HttpSettings,
): Promise<Core> {
  const options = {
    // Links in notifications point at the dashboard as configured (port 0: unknown until listening).
    externalURL: urlOf(http.tlsCert() !== null, http.host(), http.port()).replace(/\/$/, ''),
    secrets,
    security: securitySettingsFrom(settings),
    // Troubles the engines report (a failed uptime write, a torn audit line, …) go to the log.
    ...coreLogHooks(logger),
    dataDir: paths.dataDir,
    socketPath: paths.socketPath,
    clock,
    thresholds: thresholdsFrom(settings),
    // Rollup levels that fit the configured interval and retention (see historyLayout).
    history: historyFrom(settings),
  };
  try {
    return await openCore(options);
  } catch (error) {
    if (!(error instanceof StoreCorruptError) || !move) throw error;
    const aside = `${paths.storeFile}.corrupt-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`;
    await rename(paths.storeFile, aside);
    logger.warn(
      { aside, reason: error.message },
      'moved an unusable store aside, as asked; starting with an empty store',
    );
    return openCore(options);
  }
}

/** Starts the daemon. Errors are thrown before anything listens, so a failed start leaves no socket. */
export async function runDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { paths } = options;
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  for (const dir of [paths.configDir, paths.dataDir, paths.logDir, paths.runtimeDir])
    await mkdir(dir, { recursive: true, mode: 0o700 });
  const settings = new Settings(paths.configDir);
  const httpSettings = httpSettingsFrom(settings);
  const { logger, close: closeLog } = await createFileLogger({
    logDir: paths.logDir,
    level: settings.get('log.level'),
  });
  let core: Core;
  let secrets: SecretStore;
  try {
    // Secrets first: the security engine keeps its keys there.
    secrets = await openSecretStore({
      secretsDir: paths.secretsDir,
      preference: settings.get('secrets.backend'),
    });
    core = await openCoreMovingAside(
      paths,
      clock,
      settings,
      options.moveCorruptStore === true,
      logger,
      secrets,
      httpSettings,
    );
  } catch (error) {
    logger.error({ err: error }, 'start failed');
    await closeLog();
    settings.close();
    throw error;
  }
  if (secrets.backend === 'file')
    logger.warn({ backend: secrets.backend }, `secrets are kept in ${secrets.detail}`);
  else logger.info({ backend: secrets.backend }, `secrets are kept in the ${secrets.detail}`);

  let stopRequested: (reason: string) => void = () => undefined;
  const stopSignal = new Promise<string>((resolve) => {
    stopRequested = resolve;
  });
  let server: RpcServer | null = null;
  let web: HttpServer | null = null;
  const handlerDeps: HandlerDeps = {
    core,
    settings,
    now: () => clock.now(),
    facts: {
      pid: process.pid,
      startedAt,
      paths,
      logPath: paths.logFile,
      secrets,
      clients: () => server?.clientCount ?? 0,
      subscribers: () => server?.subscriberCount ?? 0,
      requestStop: () => setImmediate(() => stopRequested('daemon.shutdown request')),
      web: () => webFacts(web, httpSettings),
    },
  };
  // The health snapshot `monitoring --health` may answer from (see src/protocol/health-snapshot.ts).
  const healthSnapshot = new HealthSnapshotWriter({
    socketPath: paths.socketPath,
    compute: () => fullHealth(core.health, core.monitoring),
    freshForMs: () => 2 * settings.ms('monitoring.scrapeInterval') + 5000,
    now: () => clock.now(),
    onError: (error) => logger.warn({ err: error }, 'the health snapshot could not be written'),
  });
  healthSnapshot.invalidate();
  const router = new Router(createHandlers(handlerDeps), logger, accessGate(core), (phase) => {
    if (phase === 'begin') healthSnapshot.invalidate();
    else healthSnapshot.schedule();
  });
  server = new RpcServer({
    socketPath: paths.socketPath,
    router,
    logger,
    actor: localActor(),
    maxConnections: settings.get('daemon.maxConnections'),
    maxFrameBytes: settings.get('daemon.maxFrameBytes'),
  });
  // The pid file is written before the socket answers: whoever got an answer from this daemon
  // finds its pid there, not the one a crashed predecessor left (the store lock already makes
  // this process the only daemon).
  await writeFile(paths.pidFile, `${process.pid}\n`, { mode: 0o600 });
  try {
    await server.listen();
  } catch (error) {
    logger.error({ err: error }, 'cannot listen');
    await unlink(paths.pidFile).catch(() => undefined);
    await core.close();
    await closeLog();
    settings.close();
    throw error;
  }

  const live = server;
  core.blacklist.on('change', (change) => live.notify('security.blacklist.changed', change));
  core.audit.subscribe((event) => live.notify('security.event', event));
  core.health.on('change', (report) => live.notify('monitoring.health.changed', report));
  core.health.on('change', () => healthSnapshot.schedule());
  core.monitoring.on('check', () => healthSnapshot.schedule());
  core.monitoring.on('transition', (t) => {
    logger.info(
      { alert: t.id, rule: t.rule, kind: t.kind, severity: t.severity },
      'alert transition',
    );
    live.notify('monitoring.alerts.changed', t);
  });
  core.monitoring.on('check', (check) => live.notify('monitoring.checks.changed', check));
  // Pushes can come by the thousand: at most one metrics notice per 200 ms, the last cause wins.
  let metricsNotice: NodeJS.Timeout | undefined;
  let metricsCause: 'push' | 'scrape' = 'scrape';
  core.monitoring.on('metrics', (cause: 'push' | 'scrape') => {
    metricsCause = cause;
    metricsNotice ??= setTimeout(() => {
      metricsNotice = undefined;
      live.notify('monitoring.metrics.changed', { at: new Date(clock.now()).toISOString(), cause: metricsCause });
    }, 200);
  });

  // Schedulers: monitoring (checks, scrape, rules, history upkeep) and blacklist expiry.
  core.notifications.start();
  const m = core.monitoring;
  const loops = new MonitoringLoops(core, {
    scrapeMs: () => settings.ms('monitoring.scrapeInterval'),
    evaluationMs: () => settings.ms('monitoring.evaluationInterval'),
    onScraped: () => healthSnapshot.schedule(),
    onEvaluated: () => core.notifications.update(alertViews(m.alerts, m.mutes, m.maintenance.list(), inhibitionFrom(settings), clock.now())),
    onError: (what, error) => logger.error({ err: error }, `${what} failed`),
  });
  settings.on('change', (key: string) => {
    logger.info({ key }, 'setting changed');
    if (key === 'log.level') logger.level = settings.get('log.level');
    if (key === 'monitoring.scrapeInterval') loops.scheduleScrape(0);
    if (key === 'monitoring.evaluationInterval') loops.scheduleEvaluation(0);
  });
  let expiryTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  const scheduleExpiry = (): void => {
    clearTimeout(expiryTimer);
    if (stopping) return;
    const due = core.blacklist.msUntilNextExpiry();
    if (due === null) return;
    // Timers cannot wait longer than ~24.8 days; wake hourly at most and look again.
    expiryTimer = setTimeout(
      () => {
        core.blacklist
          .expireDue()
          .catch((error: unknown) => logger.error({ err: error }, 'blacklist expiry failed'))
          .finally(scheduleExpiry);
      },
      Math.min(due, 3_600_000),
    );
  };
  core.blacklist.on('change', scheduleExpiry);
  loops.start();
  scheduleExpiry();
  const securityLoops = startSecurityLoops(core, paths, secrets.backend, () => clock.now(), (what, error) =>
    logger.error({ err: error }, `${what} failed`),
  );

  // The web dashboard comes up after the socket: a port in use is logged and leaves it off
  // (daemon status says why), it does not stop the daemon.
  const webServer = new HttpServer({
    core,
    clock,
    settings: httpSettings,
    dispatch: routerDispatch(router),
    logger,
    // The status page routes read the daemon's live setting, not config.get per request.
    routes: () => [...apiRoutes({ statusPage: httpSettings.statusPage }), ...pageRoutes({ statusPage: httpSettings.statusPage })],
  });
  web = webServer;
  await webServer.start();
  // Every http.* key is read per request except where and how to listen: those restart the server.
  const relisten = new Set(['http.enabled', 'http.host', 'http.port', 'http.tlsCert', 'http.tlsKey', 'http.allowInsecurePublic']);
  let webRestart: Promise<unknown> = Promise.resolve();
  settings.on('change', (key: string) => {
    if (!relisten.has(key) || stopping) return;
    webRestart = webRestart.then(() => webServer.restart()).catch((error: unknown) => logger.error({ err: error }, 'web dashboard restart failed'));
  });

  logger.info(
    { version: VERSION, socket: paths.socketPath, store: paths.storeFile },
    'daemon ready',
  );

  let stopping$: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping$ ??= (async () => {
      stopping = true;
      logger.info({ reason }, 'stopping');
      loops.stop();
      securityLoops.stop();
      clearTimeout(metricsNotice);
      await healthSnapshot.stop();
      clearTimeout(expiryTimer);
      // Before the store closes: handlers of in-flight HTTP requests may still write.
      await webRestart;
      await webServer.stop();
      await live.close();
      await core.close();
      await unlink(paths.pidFile).catch(() => undefined);
      settings.close();
      logger.info('stopped');
      await closeLog();
    })();
    return stopping$;
  };
  const stopped = stopSignal.then((reason) => stop(reason));
  return { logger, stopped, stop: (reason) => (stopRequested(reason), stop(reason)) };
}

/** The web server's state for `daemon status` and the posture check. */
function webFacts(web: HttpServer | null, settings: HttpSettings): WebFacts {
  const status = web?.status() ?? { state: 'off' as const };
  if (status.state === 'listening')
    return { state: 'listening', url: status.url, reason: null, host: status.host, port: status.port, tls: status.tls };
  return {
    state: status.state,
    url: null,
    reason: status.state === 'failed' ? status.reason : null,
    host: settings.host(),
    port: settings.port(),
    tls: settings.tlsCert() !== null,
  };
}
