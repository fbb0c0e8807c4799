/**
 * @module The security views' data source: one snapshot of the daemon's security state, kept
 * current from its notifications over the socket.
 *
 * The views never talk to the socket; they subscribe here. Notifications are coalesced (one
 * refresh per burst, after `debounceMs`) so a flood of audit events costs one round of requests.
 */
import type { AppError } from '../../protocol/errors.js';
import type { BlacklistEntry } from '../../protocol/schemas.js';
import type {
  AuditEventWire,
  SecurityStatusWire,
  SessionViewWire,
  UserViewWire,
} from '../../protocol/security-schemas.js';
import type { DaemonClient } from '../../client/client.js';

/** Everything the security views show, as of `updatedAt`. */
export interface SecurityData {
  status: SecurityStatusWire | null;
  /** Active sessions, or null when this connection may not list them (see `sessionsNote`). */
  sessions: SessionViewWire[] | null;
  /** Why `sessions` is null, e.g. "log in to see sessions". */
  sessionsNote: string | null;
  bans: BlacklistEntry[];
  users: UserViewWire[];
  /** Recent audit events, oldest first (newest at the bottom of the stream). */
  events: AuditEventWire[];
  /** The last refresh's failure, or null. */
  error: string | null;
  /** Set once the first load has finished. */
  loaded: boolean;
}

/** What the views need from the daemon. */
export interface SecuritySource {
  /** Calls `onChange` with each new snapshot (at once with the current one); returns the unsubscribe. */
  subscribe(onChange: (data: SecurityData) => void): () => void;
  unlock(user: string): Promise<void>;
  /** Bans `ip` for `durationMs` milliseconds, or for good when null. */
  ban(ip: string, durationMs: number | null, reason: string): Promise<void>;
  unban(ip: string): Promise<void>;
}

/** The part of {@link DaemonClient} the source uses (tests pass a fake). */
export type SecurityClient = Pick<DaemonClient, 'request' | 'onNotification'>;

/** Timer functions, injectable so tests fire the debounce by hand. */
export interface SourceTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SecuritySourceOptions {
  /** Wait after a notification before refreshing, in milliseconds (default 200). */
  debounceMs?: number;
  /** Events loaded at start and kept (default 200). */
  eventLimit?: number;
  timers?: SourceTimers;
}

const realTimers: SourceTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const SESSIONS_NOTE = 'log in to see sessions';

/** The data before the first load. */
export function emptyData(): SecurityData {
  return {
    status: null,
    sessions: null,
    sessionsNote: null,
    bans: [],
    users: [],
    events: [],
    error: null,
    loaded: false,
  };
}

function isRefusal(error: unknown): boolean {
  const code = (error as Partial<AppError> | null)?.code;
  return code === 'UNAUTHORISED' || code === 'FORBIDDEN';
}

/** Merges events by id, oldest first, keeping the newest `limit`. */
function mergeEvents(
  known: AuditEventWire[],
  added: AuditEventWire[],
  limit: number,
): AuditEventWire[] {
  const byId = new Map<string, AuditEventWire>();
  for (const event of [...known, ...added]) byId.set(event.id, event);
  const sorted = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return sorted.slice(Math.max(0, sorted.length - limit));
}

/**
 * A {@link SecuritySource} over a daemon connection.
 *
 * @example
 * const source = createSecuritySource(client);
 * const stop = source.subscribe((data) => render(data));
 */
export function createSecuritySource(
  client: SecurityClient,
  options: SecuritySourceOptions = {},
): SecuritySource {
  const debounceMs = options.debounceMs ?? 200;
  const eventLimit = options.eventLimit ?? 200;
  if (!Number.isInteger(debounceMs) || debounceMs < 0)
    throw new TypeError('"debounceMs" option must be a non-negative integer');
  if (!Number.isInteger(eventLimit) || eventLimit < 1 || eventLimit > 10_000)
    throw new TypeError('"eventLimit" option must be an integer from 1 to 10000');
  const timers = options.timers ?? realTimers;

  let data = emptyData();
  const listeners = new Set<(data: SecurityData) => void>();
  let stopNotifications: (() => void)[] = [];
  let timer: unknown = null;
  let refreshing: Promise<void> | null = null;
  let again = false;
  let pendingEvents: AuditEventWire[] = [];

  const publish = (next: SecurityData): void => {
    data = next;
    for (const listener of listeners) listener(data);
  };

  const message = (error: unknown): string =>
    error instanceof Error ? error.message : String(error);

  async function loadOnce(withEvents: boolean): Promise<void> {
    const sessions = client.request('security.sessions.list', {}).then(
      (r) => ({ sessions: r.sessions, note: null as string | null }),
      (error: unknown) => {
        if (isRefusal(error)) return { sessions: null, note: SESSIONS_NOTE };
        throw error;
      },
    );
    const events = withEvents
      ? client.request('security.events', { limit: eventLimit })
      : Promise.resolve(null);
    try {
      const [status, s, bans, users, loaded] = await Promise.all([
        client.request('security.status', {}),
        sessions,
        client.request('security.blacklist.list', {}),
        client.request('security.users.list', {}),
        events,
      ]);
      const fresh = pendingEvents;
      pendingEvents = [];
      publish({
        status,
        sessions: s.sessions,
        sessionsNote: s.note,
        bans: bans.entries,
        users: users.users,
        events: mergeEvents(data.events, [...(loaded?.events ?? []), ...fresh], eventLimit),
        error: null,
        loaded: true,
      });
    } catch (error) {
      publish({ ...data, error: message(error), loaded: true });
    }
  }

  /** Runs one refresh at a time; a request for another during one runs once it ends. */
  function refresh(withEvents: boolean): Promise<void> {
    if (refreshing !== null) {
      again = true;
      return refreshing;
    }
    refreshing = loadOnce(withEvents).finally(() => {
      refreshing = null;
      if (again && listeners.size > 0) {
        again = false;
        void refresh(false);
      }
    });
    return refreshing;
  }

  function schedule(): void {
    if (timer !== null) return;
    timer = timers.set(() => {
      timer = null;
      void refresh(false);
    }, debounceMs);
  }

  function start(): void {
    // Listen before subscribing so nothing sent in between is lost.
    stopNotifications = [
      client.onNotification('security.event', (event) => {
        pendingEvents.push(event);
        schedule();
      }),
      client.onNotification('security.blacklist.changed', () => schedule()),
    ];
    client
      .request('security.subscribe', { topics: ['events', 'blacklist'] })
      .then(() => refresh(true))
      .catch((error: unknown) => publish({ ...data, error: message(error), loaded: true }));
  }

  function stop(): void {
    for (const off of stopNotifications) off();
    stopNotifications = [];
    if (timer !== null) timers.clear(timer);
    timer = null;
  }

  async function act(run: () => Promise<unknown>): Promise<void> {
    await run();
    schedule();
  }

  return {
    subscribe(onChange) {
      if (typeof onChange !== 'function') throw new TypeError('"onChange" must be a function');
      listeners.add(onChange);
      onChange(data);
      if (listeners.size === 1) start();
      return () => {
        if (!listeners.delete(onChange)) return;
        if (listeners.size === 0) stop();
      };
    },
    unlock(user) {
      if (typeof user !== 'string' || user === '')
        throw new TypeError('"user" must be a non-empty string');
      return act(() => client.request('security.users.unlock', { username: user }));
    },
    ban(ip, durationMs, reason) {
      if (typeof ip !== 'string' || ip === '')
        throw new TypeError('"ip" must be a non-empty string');
      if (durationMs !== null && (!Number.isInteger(durationMs) || durationMs <= 0))
        throw new TypeError('"durationMs" must be a positive integer or null');
      if (typeof reason !== 'string') throw new TypeError('"reason" must be a string');
      return act(() =>
        client.request('security.blacklist.add', { target: ip, ttlMs: durationMs, reason }),
      );
    },
    unban(ip) {
      if (typeof ip !== 'string' || ip === '')
        throw new TypeError('"ip" must be a non-empty string');
      return act(() => client.request('security.blacklist.remove', { target: ip }));
    },
  };
}
