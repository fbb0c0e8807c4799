/**
 * @module Fans the daemon's change events out to the open event streams.
 *
 * The hub listens to the engines once, while at least one stream is open, rather than once per
 * stream: 32 streams would otherwise add 32 listeners to each emitter. The events are the ones the
 * socket's subscribers receive (daemon.ts wires the same emitters to `monitoring.*.changed` and
 * `security.event`), under the web contract's topic names; metric notices are coalesced to one
 * per {@link METRICS_COALESCE_MS}, as the socket does, because pushes can come by the thousand.
 */
import type { EventEmitter } from 'node:events';
import type { AuditEvent } from '../../security/audit-log.js';
import type { Clock } from '../../clock.js';

/** At most one `metrics` event per this many ms (the socket's notice uses the same). */
export const METRICS_COALESCE_MS = 200;

/** The stream topics. */
export type StreamTopic = 'health' | 'alerts' | 'checks' | 'metrics' | 'security';

/** The parts of the daemon's Core the hub listens to. */
export interface HubSources {
  health: Pick<EventEmitter, 'on' | 'off'>;
  monitoring: Pick<EventEmitter, 'on' | 'off'>;
  audit: { subscribe(listener: (event: AuditEvent) => void): () => void };
}

/** One open stream. */
export interface HubClient {
  send(topic: StreamTopic, data: unknown): void;
  /** Whether this stream receives `security` events (its user holds security.read). */
  security: boolean;
}

export interface HubTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: HubTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class StreamHub {
  private readonly clients = new Set<HubClient>();
  private detach: (() => void) | null = null;
  private metricsTimer: unknown = null;
  private metricsCause: 'push' | 'scrape' = 'scrape';

  constructor(
    private readonly sources: HubSources,
    private readonly clock: Clock,
    private readonly timers: HubTimers = realTimers,
  ) {}

  /** Open streams. */
  get size(): number {
    return this.clients.size;
  }

  /** Adds a stream; the returned function removes it (safe to call twice). */
  add(client: HubClient): () => void {
    this.clients.add(client);
    if (this.detach === null) this.detach = this.attach();
    return () => {
      if (!this.clients.delete(client)) return;
      if (this.clients.size === 0) this.stop();
    };
  }

  private broadcast(topic: StreamTopic, data: unknown): void {
    for (const client of this.clients) {
      if (topic === 'security' && !client.security) continue;
      client.send(topic, data);
    }
  }

  private attach(): () => void {
    const { health, monitoring, audit } = this.sources;
    const onHealth = (report: unknown): void => this.broadcast('health', report);
    const onTransition = (transition: unknown): void => this.broadcast('alerts', transition);
    const onCheck = (check: unknown): void => this.broadcast('checks', check);
    const onMetrics = (cause: 'push' | 'scrape'): void => {
      this.metricsCause = cause;
      this.metricsTimer ??= this.timers.setTimeout(() => {
        this.metricsTimer = null;
        const at = new Date(this.clock.now()).toISOString();
        this.broadcast('metrics', { at, cause: this.metricsCause });
      }, METRICS_COALESCE_MS);
    };
    health.on('change', onHealth);
    monitoring.on('transition', onTransition);
    monitoring.on('check', onCheck);
    monitoring.on('metrics', onMetrics);
    const unsubscribe = audit.subscribe((event) => this.broadcast('security', event));
    return () => {
      health.off('change', onHealth);
      monitoring.off('transition', onTransition);
      monitoring.off('check', onCheck);
      monitoring.off('metrics', onMetrics);
      unsubscribe();
    };
  }

  private stop(): void {
    this.detach?.();
    this.detach = null;
    if (this.metricsTimer !== null) this.timers.clearTimeout(this.metricsTimer);
    this.metricsTimer = null;
  }
}
