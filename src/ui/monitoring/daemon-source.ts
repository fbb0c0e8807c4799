/**
 * @module The dashboard's data over the daemon socket: one initial load, then the daemon's
 * `monitoring.*.changed` notifications refresh the part they concern (no polling loop). When the
 * connection closes (the daemon restarting), the status turns `reconnecting` and the source
 * reconnects with backoff, loading everything again once it is back.
 */
import { AppError } from '../../protocol/errors.js';
import type {
  MethodName,
  NotificationName,
  NotificationOf,
  ParamsOf,
  ResultOf,
} from '../../protocol/methods.js';
import type { AlertTransition, SeriesData } from '../../protocol/schemas.js';
import { emptyDashboardData, type DashboardData, type DashboardSource } from './source.js';

/** The most the protocol returns at once: more than the daemon keeps, so all of it. */
const ALERT_HISTORY_LIMIT = 10_000;

/** The part of a DaemonClient the source uses (a fake in tests). */
export interface SourceClient {
  request<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  onNotification<N extends NotificationName>(
    name: N,
    handler: (params: NotificationOf<N>) => void,
  ): () => void;
  once(event: 'close', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface DaemonSourceOptions {
  /**
   * Opens a connected, handshaken client. `attempt` is 0 for the first connection (the command
   * passes the one it already opened) and counts the reconnection attempts after a close.
   */
  open(attempt: number): Promise<SourceClient>;
  /** The socket, for the status line. */
  socketPath: string;
  /** The time source (`{ now() }`, ms), for "last update"; src/ does not import daemon/'s Clock. */
  clock: { now(): number };
  /** Waits `ms` between reconnection attempts (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Delays before each reconnection attempt, in ms; the last repeats (default 200 ms up to 5 s). */
  backoffMs?: readonly number[];
}

/** A DashboardSource that can also be closed (the command closes it when the view quits). */
export interface DaemonSource extends DashboardSource {
  /** Stops reconnecting and closes the connection. */
  close(): void;
}

const DEFAULT_BACKOFF_MS = [200, 400, 800, 1600, 3200, 5000] as const;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** A part of the data that one request refreshes. */
type Part = 'health' | 'alerts' | 'metrics' | 'checks' | 'daemon';

/**
 * Creates the socket-backed source. It connects on the first `subscribe`.
 *
 * @throws TypeError when an option has the wrong type.
 */
export function createDaemonSource(options: DaemonSourceOptions): DaemonSource {
  if (typeof options.open !== 'function') throw new TypeError('"open" option must be a function');
  if (typeof options.socketPath !== 'string')
    throw new TypeError('"socketPath" option must be a string');
  if (typeof options.clock?.now !== 'function')
    throw new TypeError('"clock" option must have a now() method');
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (
    !Array.isArray(backoff) ||
    backoff.length === 0 ||
    backoff.some((ms) => typeof ms !== 'number' || !(ms >= 0))
  ) {
    throw new TypeError('"backoffMs" option must be a non-empty array of non-negative numbers');
  }
  const sleep = options.sleep ?? defaultSleep;
  const listeners = new Set<(data: DashboardData) => void>();
  let data: DashboardData = emptyDashboardData(options.socketPath);
  let client: SourceClient | null = null;
  let started = false;
  let closed = false;
  // A refresh asked for while the same one is in flight runs once more after it, not in parallel.
  const inFlight = new Map<Part, Promise<void>>();
  const again = new Set<Part>();

  function update(patch: Partial<DashboardData>, changed = true): void {
    data = { ...data, ...patch, ...(changed ? { updatedAt: options.clock.now() } : {}) };
    for (const listener of listeners) listener(data);
  }

  async function load(c: SourceClient, part: Part): Promise<void> {
    switch (part) {
      case 'health':
        update({ health: await c.request('monitoring.health', {}) });
        return;
      case 'alerts':
        update({ alerts: (await c.request('monitoring.alerts.list', {})).alerts });
        return;
      case 'metrics':
        update({ metrics: (await c.request('monitoring.metrics.list', {})).metrics });
        return;
      case 'checks':
        update({ checks: (await c.request('monitoring.checks.list', {})).checks });
        return;
      case 'daemon': {
        const status = await c.request('daemon.status', {});
        update(
          {
            daemon: {
              version: status.version,
              startedAt: status.startedAt,
              socketPath: status.socketPath,
            },
          },
          false,
        );
        return;
      }
    }
  }

  /** Refreshes one part from the current connection; a failure is shown, not thrown. */
  function refresh(part: Part): Promise<void> {
    const running = inFlight.get(part);
    if (running !== undefined) {
      again.add(part);
      return running;
    }
    const c = client;
    if (c === null) return Promise.resolve();
    const run = load(c, part)
      .catch((error: unknown) => {
        // A closed connection is reported by the close handler; anything else is worth a line.
        if (client === c) update({ error: `${part}: ${message(error)}` }, false);
      })
      .finally(() => {
        inFlight.delete(part);
        if (again.delete(part)) void refresh(part);
      });
    inFlight.set(part, run);
    return run;
  }

  async function attach(c: SourceClient): Promise<void> {
    client = c;
    c.once('close', (error) => {
      if (client !== c || closed) return;
      client = null;
      update({ connection: 'reconnecting', error: message(error) }, false);
      void reconnect();
    });
    // A connection that was replaced may still deliver a frame or two: only the current one counts.
    c.onNotification('monitoring.health.changed', (report) => {
      if (client !== c) return;
      update({ health: report });
      // Health changes follow a scrape or a check run: the metrics' last values moved too.
      void refresh('metrics');
    });
    c.onNotification('monitoring.alerts.changed', () => {
      if (client !== c) return;
      void refresh('alerts');
      // A transition follows a rule evaluation over the latest samples: show the values it saw.
      void refresh('metrics');
    });
    c.onNotification('monitoring.checks.changed', (check) => {
      if (client !== c) return;
      const index = data.checks.findIndex((k) => k.name === check.name);
      update({
        checks:
          index === -1
            ? [...data.checks, check]
            : data.checks.map((k, i) => (i === index ? check : k)),
      });
      void refresh('metrics');
    });
    c.onNotification('monitoring.metrics.changed', () => {
      if (client !== c) return;
      void refresh('metrics');
    });
    // Subscribed before loading, so no change falls between the load and the first notification.
    await c.request('monitoring.subscribe', { topics: ['health', 'alerts', 'checks', 'metrics'] });
    await Promise.all(
      (['daemon', 'health', 'alerts', 'metrics', 'checks'] as const).map((part) => load(c, part)),
    );
    if (client === c) update({ connection: 'live', error: null });
  }

  async function connect(attempt: number): Promise<void> {
    for (let n = attempt; !closed; n++) {
      if (n > 0) await sleep(backoff[Math.min(n - 1, backoff.length - 1)] as number);
      if (closed) return;
      let c: SourceClient;
      try {
        c = await options.open(n);
      } catch (error) {
        // Unreachable while the daemon restarts; anything else (another version) needs a person.
        const code = (error as { code?: unknown }).code;
        update(
          {
            connection: code === 'DAEMON_UNREACHABLE' ? 'reconnecting' : 'lost',
            error: message(error),
          },
          false,
        );
        continue;
      }
      if (closed) {
        c.close();
        return;
      }
      try {
        await attach(c);
        return;
      } catch (error) {
        if (client === c) {
          client = null;
          c.close();
        }
        update({ connection: 'reconnecting', error: message(error) }, false);
      }
    }
  }

  async function reconnect(): Promise<void> {
    await connect(1);
  }

  function connected(): SourceClient {
    if (client === null)
      throw new AppError('CONNECTION_CLOSED', 'not connected to the daemon (reconnecting)');
    return client;
  }

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      queueMicrotask(() => {
        if (listeners.has(onChange)) onChange(data);
      });
      if (!started) {
        started = true;
        void connect(0);
      }
      return () => listeners.delete(onChange);
    },
    async metric(name: string, rangeMs: number): Promise<SeriesData[]> {
      return (await connected().request('monitoring.metrics.get', { name, rangeMs })).series;
    },
    async alertHistory(alertId: string): Promise<AlertTransition[]> {
      // The daemon keeps a bounded history for all alerts; the view wants one alert's part of it.
      const { history } = await connected().request('monitoring.alerts.list', {
        history: true,
        limit: ALERT_HISTORY_LIMIT,
      });
      return history.filter((t) => t.id === alertId);
    },
    async ack(alertId: string, comment: string, durationMs: number): Promise<void> {
      await connected().request('monitoring.alerts.ack', { id: alertId, comment, durationMs });
      await refresh('alerts');
    },
    async silence(matchers: string[], durationMs: number, comment: string): Promise<void> {
      await connected().request('monitoring.silences.add', { matchers, durationMs, comment });
      await refresh('alerts');
    },
    close() {
      closed = true;
      listeners.clear();
      const c = client;
      client = null;
      c?.close();
    },
  };
}
