/**
 * @module Fixed security data and a fake daemon client for the security views' tests.
 */
import { EventEmitter } from 'node:events';
import { RemoteError } from '../../../../../src/protocol/errors.js';
import type { BlacklistEntry } from '../../../../../src/protocol/schemas.js';
import type {
  AuditEventWire,
  SecurityStatusWire,
  SessionViewWire,
  UserViewWire,
} from '../../../../../src/protocol/security-schemas.js';
import type {
  SecurityClient,
  SecurityData,
  SecuritySource,
  SourceTimers,
} from '../../../../../src/ui/security/source.js';

/** The fixed "now" of every test: 2026-01-01T12:00:00Z. */
export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

export function user(username: string, extra: Partial<UserViewWire> = {}): UserViewWire {
  return {
    username,
    displayName: username,
    email: `${username}@example.com`,
    roles: ['viewer'],
    status: 'active',
    lockedUntil: null,
    failedLogins: 0,
    grants: [],
    revokes: [],
    createdAt: NOW - 86_400_000,
    updatedAt: NOW - 3_600_000,
    lastLoginAt: null,
    passwordChangedAt: NOW - 86_400_000,
    origin: 'created',
    ...extra,
  };
}

export function session(
  id: string,
  username: string,
  extra: Partial<SessionViewWire> = {},
): SessionViewWire {
  return {
    id,
    username,
    createdAt: NOW - 600_000,
    lastSeenAt: NOW - 60_000,
    idleExpiresAt: NOW + 1_740_000,
    absoluteExpiresAt: NOW + 3_600_000,
    ip: '127.0.0.1',
    userAgent: 'clickup-brain cli',
    revokedAt: null,
    revokedReason: null,
    state: 'active',
    ...extra,
  };
}

export function ban(target: string, extra: Partial<BlacklistEntry> = {}): BlacklistEntry {
  return {
    target,
    family: 4,
    prefixLength: 32,
    source: 'manual',
    reason: 'abuse',
    createdAt: new Date(NOW - 600_000).toISOString(),
    updatedAt: new Date(NOW - 600_000).toISOString(),
    expiresAt: new Date(NOW + 3_000_000).toISOString(),
    createdBy: 'admin',
    ...extra,
  };
}

export function event(
  seq: number,
  type: string,
  extra: Partial<AuditEventWire> = {},
): AuditEventWire {
  return {
    id: `ev${seq}`,
    seq,
    time: new Date(NOW - (100 - seq) * 1000).toISOString(),
    type,
    actor: 'system',
    subject: null,
    ip: null,
    outcome: 'info',
    details: {},
    prev: 'p',
    hash: 'h',
    ...extra,
  };
}

export function status(extra: Partial<SecurityStatusWire> = {}): SecurityStatusWire {
  return {
    users: { total: 3, active: 2, disabled: 0, locked: 1, admins: 1 },
    lockedUsers: [{ username: 'bob', until: NOW + 900_000 }],
    sessions: { active: 2 },
    bans: { manual: 1, auto: 1 },
    threats24h: 1,
    failedLogins24h: 5,
    keys: [],
    secretBackend: 'file',
    secrets: 0,
    simulate: { lockout: false, bans: false, threats: false },
    allowlist: [],
    lastPosture: null,
    principal: null,
    ...extra,
  };
}

/** A full snapshot as the source would publish it. */
export function sampleData(): SecurityData {
  return {
    status: status(),
    sessions: [session('s-alice-1', 'alice', { ip: '10.0.0.5' }), session('s-carol-1', 'carol')],
    sessionsNote: null,
    bans: [
      ban('203.0.113.7'),
      ban('198.51.100.9', {
        source: 'auto',
        reason: 'threat sqli',
        createdBy: 'system',
        expiresAt: new Date(NOW + 90_000).toISOString(),
      }),
      ban('192.0.2.0/24', { prefixLength: 24, expiresAt: null }),
    ],
    users: [
      user('alice', { roles: ['admin'] }),
      user('bob', { status: 'locked', lockedUntil: NOW + 900_000, failedLogins: 5 }),
      user('carol'),
    ],
    events: [
      event(1, 'login.failure', {
        actor: 'bob',
        subject: 'bob',
        ip: '198.51.100.20',
        outcome: 'failure',
      }),
      event(2, 'login.success', {
        actor: 'alice',
        subject: 'alice',
        ip: '10.0.0.5',
        outcome: 'success',
      }),
      event(3, 'threat.detected', {
        ip: '198.51.100.9',
        outcome: 'refused',
        details: { type: 'sqli', field: 'q' },
      }),
      event(4, 'ip.banned', { subject: '198.51.100.9', ip: '198.51.100.9', outcome: 'info' }),
    ],
    error: null,
    loaded: true,
  };
}

type Answer = unknown | ((params: unknown) => unknown);

/** A fake {@link SecurityClient}: requests answered from `answers`, notifications emitted by the test. */
export class FakeClient {
  readonly calls: { method: string; params: unknown }[] = [];
  readonly answers = new Map<string, Answer>();
  private readonly emitter = new EventEmitter();

  constructor(answers: Record<string, Answer> = {}) {
    for (const [method, answer] of Object.entries(answers)) this.answers.set(method, answer);
  }

  readonly request = ((method: string, params: unknown): Promise<unknown> => {
    this.calls.push({ method, params });
    const answer = this.answers.get(method);
    if (answer === undefined) return Promise.reject(new Error(`no fixture for ${method}`));
    try {
      const value =
        typeof answer === 'function' ? (answer as (p: unknown) => unknown)(params) : answer;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }) as unknown as SecurityClient['request'];

  readonly onNotification = ((name: string, handler: (params: unknown) => void) => {
    const listener = (params: unknown): void => handler(params);
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }) as unknown as SecurityClient['onNotification'];

  /** Pushes a notification as the daemon would. */
  notify(name: string, params: unknown): void {
    this.emitter.emit(name, params);
  }

  listenerCount(name: string): number {
    return this.emitter.listenerCount(name);
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

/** The answers of a daemon holding {@link sampleData}. */
export function sampleAnswers(): Record<string, Answer> {
  const data = sampleData();
  return {
    'security.subscribe': { topics: ['events', 'blacklist'] },
    'security.status': data.status,
    'security.sessions.list': { sessions: data.sessions },
    'security.blacklist.list': { entries: data.bans },
    'security.users.list': { users: data.users },
    'security.events': { events: data.events, skipped: 0 },
  };
}

/** A remote refusal as the client would reject with it. */
export function refusal(code: 'UNAUTHORISED' | 'FORBIDDEN', message: string): RemoteError {
  return new RemoteError({ code: -32001, message, data: { code } });
}

/** Timers the test fires by hand. */
export class ManualTimers implements SourceTimers {
  readonly pending: { callback: () => void; ms: number; id: number }[] = [];
  private next = 1;
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.push({ callback, ms, id });
    return id;
  }
  clear(handle: unknown): void {
    const at = this.pending.findIndex((t) => t.id === handle);
    if (at >= 0) this.pending.splice(at, 1);
  }
  /** Runs every pending timer once. */
  fire(): void {
    for (const timer of this.pending.splice(0)) timer.callback();
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A fake {@link SecuritySource}: fixed data the test can replace, and a record of the actions. */
export class FakeSource implements SecuritySource {
  readonly actions: string[] = [];
  private listeners = new Set<(data: SecurityData) => void>();
  /** Set to make the next action fail with it. */
  failWith: Error | null = null;
  constructor(public data: SecurityData = sampleData()) {}
  subscribe(onChange: (data: SecurityData) => void): () => void {
    this.listeners.add(onChange);
    onChange(this.data);
    return () => this.listeners.delete(onChange);
  }
  /** Publishes new data as a refresh would. */
  set(data: SecurityData): void {
    this.data = data;
    for (const listener of this.listeners) listener(data);
  }
  get subscribers(): number {
    return this.listeners.size;
  }
  private record(text: string): Promise<void> {
    this.actions.push(text);
    const failure = this.failWith;
    this.failWith = null;
    return failure === null ? Promise.resolve() : Promise.reject(failure);
  }
  unlock(user: string): Promise<void> {
    return this.record(`unlock ${user}`);
  }
  ban(ip: string, durationMs: number | null, reason: string): Promise<void> {
    return this.record(`ban ${ip} ${durationMs} ${reason}`);
  }
  unban(ip: string): Promise<void> {
    return this.record(`unban ${ip}`);
  }
}

/** A clock fixed at {@link NOW}. */
export const fixedClock = { now: () => NOW };
