/**
 * @module The engines and what they stand on, composed once for the daemon and for the library.
 *
 * A folder store is locked so that two processes never write it; a memory store (the library's
 * default) keeps everything in this process.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import type { Clock } from './clock.js';
import { eventLoopCheck } from './monitoring/checks/event-loop.js';
import { diskCheck } from './monitoring/checks/disk.js';
import { memoryCheck } from './monitoring/checks/memory.js';
import { storeWritableCheck } from './monitoring/checks/store-writable.js';
import { builtinCheckMetrics } from './monitoring/checks/check-metrics.js';
import type { HealthCheckResult } from '../src/protocol/schemas.js';
import type { Thresholds } from './monitoring/checks/check.js';
import { HealthEngine } from './monitoring/health.js';
import { MonitoringEngine } from './monitoring/engine.js';
import { HistoryStore } from './monitoring/history/history-store.js';
import { resolveHistoryOptions, type HistoryOptions } from './monitoring/history/options.js';
import { AuditLog } from './security/audit-log.js';
import { Blacklist } from './security/blacklist.js';
import type { SecretBackend } from './security/crypto/index.js';
import { SecurityEngine } from './security/engine/security-engine.js';
import { ChannelService } from './monitoring/channels/channel-service.js';
import { NotificationService } from './monitoring/channels/notification-service.js';
import type { NotifierLogger } from './monitoring/notifiers/channel-kind.js';
import { systemScheduler } from './monitoring/notifications/index.js';
import {
  defaultSecuritySettings,
  type SecuritySettings,
} from './security/engine/security-settings.js';
import { DurableJsonFile } from './store/durable-json-file.js';
import { acquireLock, type Lock } from './store/lock.js';
import type { StoreData } from './store/schema.js';
import { Store } from './store/store.js';

/** Health thresholds, read at each run so that config changes apply at once. */
export interface HealthThresholds {
  disk: () => Thresholds;
  memory: () => Thresholds;
  /** Milliseconds. */
  eventLoop: () => Thresholds;
}

export const defaultThresholds: HealthThresholds = {
  disk: () => ({ warn: 90, crit: 95 }),
  memory: () => ({ warn: 90, crit: 97 }),
  eventLoop: () => ({ warn: 100, crit: 1000 }),
};

export interface CoreOptions {
  /** A folder for store.json and events.jsonl, or null for memory. */
  dataDir: string | null;
  clock: Clock;
  thresholds?: HealthThresholds;
  /** Called once, with the bytes cut from a torn audit line, when a crash left one. */
  onAuditRecovered?: (bytes: number) => void;
  /** Metric history sizing (sampling interval, retention). */
  history?: HistoryOptions;
  /** Told when the history snapshot could not be used (history then starts empty). */
  onHistoryLost?: (error: Error) => void;
  /** Told about a pushed metric family in the snapshot that cannot be restored (it is skipped). */
  onPushedSkipped?: (what: string, reason: string) => void;
  /** Told about stored checks or rules that no longer validate (they are skipped). */
  onBadDefinition?: (kind: 'check' | 'rule', name: string, error: Error) => void;
  /** Told when the checks' hourly uptime could not be written (that batch of counts is lost). */
  onUptimeError?: (error: Error) => void;
  /** Where keys are kept (the OS keychain or 0600 files); default: memory, for the library. */
  secrets?: SecretBackend;
  /** Security settings (default: the documented defaults). */
  security?: SecuritySettings;
  /** Lowest bcrypt cost allowed; only tests lower it below 10. */
  minBcryptCost?: number;
  /** Where the log channel writes besides its file (the daemon log). */
  notifierLogger?: NotifierLogger;
  /** Told about notification problems that are not a request's (bad stored state, limits). */
  onNotificationProblem?: (message: string) => void;
  /** The dashboard's URL, for links in notifications. */
  externalURL?: string;
  /**
   * The socket the daemon will serve, recorded with the store lock: a client of another socket
   * then knows at once that this store's daemon is not one it can reach (unset for the library).
   */
  socketPath?: string;
}

/** Secrets held in memory only: the in-process library's default (keys last as long as it). */
export function memorySecrets(): SecretBackend {
  const map = new Map<string, string>();
  return {
    get: async (name) => map.get(name) ?? null,
    set: async (name, value) => void map.set(name, value),
  };
}

/** Where the metric history is snapshotted. */
export function historySnapshotPath(dataDir: string): string {
  return join(dataDir, 'history.snapshot');
}

async function openHistory(options: CoreOptions): Promise<HistoryStore> {
  if (options.dataDir === null) return new HistoryStore(options.history);
  try {
    return await HistoryStore.loadSnapshot(historySnapshotPath(options.dataDir), options.history);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    options.onHistoryLost?.(error as Error);
    return new HistoryStore(options.history);
  }
}

export interface Core {
  store: Store;
  audit: AuditLog;
  blacklist: Blacklist;
  health: HealthEngine;
  monitoring: MonitoringEngine;
  security: SecurityEngine;
  channels: ChannelService;
  notifications: NotificationService;
  history: HistoryStore;
  /** The clock the engines read (the loops use it too). */
  clock: Clock;
  /** Writes the metric history snapshot with the pushed metric families (folder stores only). */
  saveHistory(): Promise<void>;
  /** Flushes writes, closes files and releases the lock. */
  close(): Promise<void>;
}

/**
 * Opens the store (locking its folder), the audit log and the engines.
 *
 * @throws StoreLockedError when another process holds the folder; StoreCorruptError when the
 *   store file cannot be used (it is left untouched).
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const { dataDir, clock } = options;
  // Wrong history options fail before the folder is locked (the TypeError names the option).
  resolveHistoryOptions(options.history ?? {});
  let lock: Lock | null = null;
  let store: Store;
  if (dataDir === null) {
    store = await Store.open({ adapter: new Memory<StoreData>(), label: 'memory' });
  } else {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    lock = await acquireLock(join(dataDir, 'store.lock'), options.socketPath === undefined ? {} : { socket: options.socketPath });
    try {
      const file = new DurableJsonFile<StoreData>(join(dataDir, 'store.json'));
      await file.removeLeftovers();
      store = await Store.open({ adapter: file, label: file.file });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const { log: audit, truncatedBytes } = await AuditLog.open({
    file: dataDir === null ? null : join(dataDir, 'events.jsonl'),
    clock,
  });
  if (truncatedBytes > 0) options.onAuditRecovered?.(truncatedBytes);
  const thresholds = options.thresholds ?? defaultThresholds;
  const loop = eventLoopCheck(thresholds.eventLoop);
  const health = new HealthEngine({
    clock,
    checks: [
      loop,
      storeWritableCheck(dataDir),
      diskCheck(dataDir ?? process.cwd(), thresholds.disk),
      memoryCheck(thresholds.memory),
    ],
  });
  const blacklist = new Blacklist(store, audit, clock);
  const history = await openHistory(options);
  const monitoring = new MonitoringEngine({
    store,
    audit,
    clock,
    history,
    dataDir,
    ...(options.onBadDefinition ? { onBadDefinition: options.onBadDefinition } : {}),
    ...(options.onUptimeError ? { onUptimeError: options.onUptimeError } : {}),
  });
  // The built-in checks are metrics like the user checks: health_check_up{check="disk"}, …
  health.on('results', (results: HealthCheckResult[]) => {
    for (const result of results) monitoring.recordCheckMetrics(builtinCheckMetrics(result));
  });
  const security = new SecurityEngine({
    store,
    audit,
    blacklist,
    clock,
    secrets: options.secrets ?? memorySecrets(),
    settings: options.security ?? defaultSecuritySettings,
    registry: monitoring.registry,
    ...(options.minBcryptCost === undefined ? {} : { minBcryptCost: options.minBcryptCost }),
  });
  await security.start();
  // Pushed families come back once the daemon's own metrics are declared, so that a saved one
  // can never take a built-in name; one that clashes or does not check out is skipped.
  monitoring.restorePushed(history.takeAttached(), options.onPushedSkipped);
  const channels = new ChannelService(
    store,
    audit,
    clock,
    {
      seal: (plaintext, aad) => security.encrypt(plaintext, aad),
      open: async (ciphertext, aad) => (await security.decrypt(ciphertext, aad)).toString('utf8'),
    },
    {
      ...(dataDir === null ? {} : { notificationsFile: join(dataDir, 'notifications.jsonl') }),
      ...(options.notifierLogger === undefined ? {} : { logger: options.notifierLogger }),
    },
  );
  const notifications = new NotificationService({
    store,
    audit,
    scheduler: systemScheduler,
    channels,
    externalURL: options.externalURL ?? 'http://127.0.0.1:8080',
    log: options.onNotificationProblem ?? (() => undefined),
  });
  const saveHistory = async (): Promise<void> => {
    if (dataDir !== null) await history.saveSnapshot(historySnapshotPath(dataDir), monitoring.pushedFamilies());
  };
  return {
    store,
    clock,
    audit,
    blacklist,
    health,
    monitoring,
    security,
    channels,
    notifications,
    history,
    saveHistory,
    close: async () => {
      await notifications.close();
      loop.dispose();
      security.dispose();
      monitoring.dispose();
      await saveHistory().catch(() => undefined);
      await store.flush();
      await audit.close();
      await lock?.release();
    },
  };
}
