/**
 * @module Counts of chosen event types over the last 24 hours, for `security --status`.
 *
 * Seeded once from the log files at start (so a restart does not reset them), then kept by
 * subscription; each type keeps at most `cap` timestamps, so a flood cannot grow memory.
 */
import type { AuditEvent, AuditLog } from '../audit-log.js';
import { scanEvents } from '../audit-query.js';

export const WINDOW_MS = 86_400_000;

export class EventWindow {
  private readonly times = new Map<string, number[]>();
  private readonly stop: () => void;

  constructor(
    private readonly audit: AuditLog,
    private readonly types: readonly string[],
    private readonly now: () => number,
    private readonly cap = 100_000,
  ) {
    for (const type of types) this.times.set(type, []);
    this.stop = audit.subscribe((event) => this.add(event));
  }

  /** Reads the last day from the files; events appended meanwhile are not counted twice. */
  async seed(): Promise<void> {
    const since = this.now() - WINDOW_MS;
    const files = await this.audit.files();
    if (files.length === 0) return;
    const seen = new Set<string>();
    for (const list of this.times.values()) list.length = 0;
    for (const type of this.types) {
      const { events } = await scanEvents(
        { files },
        { type, since, limit: Math.min(this.cap, 10_000) },
      );
      for (const event of events) seen.add(event.id);
      const list = this.times.get(type) as number[];
      list.push(...events.map((e) => Date.parse(e.time)));
    }
    for (const event of this.audit.recent()) if (!seen.has(event.id)) this.add(event);
    for (const list of this.times.values()) list.sort((a, b) => a - b);
  }

  private add(event: AuditEvent): void {
    const list = this.times.get(event.type);
    if (list === undefined) return;
    list.push(Date.parse(event.time));
    if (list.length > this.cap) list.splice(0, list.length - this.cap);
  }

  /** Events of `type` in the last 24 hours (at most `cap`). */
  count(type: string): number {
    const list = this.times.get(type);
    if (list === undefined) return 0;
    const since = this.now() - WINDOW_MS;
    let drop = 0;
    while (drop < list.length && (list[drop] as number) < since) drop++;
    if (drop > 0) list.splice(0, drop);
    return list.length;
  }

  dispose(): void {
    this.stop();
  }
}
