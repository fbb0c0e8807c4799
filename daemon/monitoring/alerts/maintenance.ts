/**
 * @module Recurring maintenance windows: a cron schedule and a duration, for one rule or all.
 *
 * Alerts whose rule is inside a window stay visible but are muted (`maintenance`), like a silence
 * that comes back on a schedule. Schedules are parsed by croner (5- or 6-field cron) in the
 * window's time zone (UTC unless given).
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { MaintenanceInfo } from '../../../src/protocol/schemas.js';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit-log.js';
import type { Store } from '../../store/store.js';

/**
 * Compiles a schedule.
 *
 * @throws InvalidInputError naming the schedule and what croner found wrong.
 */
export function compileSchedule(schedule: string, timezone = 'UTC'): Cron {
  try {
    // croner only notices a bad zone when it computes a date; Intl says so at once.
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new InvalidInputError(`'${timezone}' is not a time zone (use an IANA name like UTC or Europe/Paris)`, 'timezone');
  }
  try {
    return new Cron(schedule, { paused: true, timezone });
  } catch (error) {
    throw new InvalidInputError(`schedule '${schedule}' is not a valid cron expression: ${(error as Error).message}`, 'schedule');
  }
}

const compiled = new Map<string, Cron>();

function cronOf(window: MaintenanceInfo): Cron {
  let cron = compiled.get(window.id);
  if (cron === undefined) {
    cron = compileSchedule(window.schedule, window.timezone);
    compiled.set(window.id, cron);
  }
  return cron;
}

/** True when `now` lies inside an occurrence of the window. */
export function inWindow(window: MaintenanceInfo, now: number): boolean {
  // The latest start at or before now (previousRuns excludes its reference time itself).
  const [last] = cronOf(window).previousRuns(1, new Date(now + 1));
  return last !== undefined && now < last.getTime() + window.durationMs;
}

/** The window that mutes `rule` at `now`, or null. */
export function activeWindow(windows: readonly MaintenanceInfo[], rule: string, now: number): MaintenanceInfo | null {
  for (const window of windows) {
    if ((window.rule === null || window.rule === rule) && inWindow(window, now)) return window;
  }
  return null;
}

/** The windows, kept in the store. */
export class MaintenanceWindows {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  list(): MaintenanceInfo[] {
    return this.store.data.maintenance;
  }

  /** @throws InvalidInputError for a bad schedule or time zone. */
  async add(input: { schedule: string; durationMs: number; rule?: string | null; timezone?: string; comment: string }, actor: string): Promise<MaintenanceInfo> {
    const timezone = input.timezone ?? 'UTC';
    const cron = compileSchedule(input.schedule, timezone);
    const window: MaintenanceInfo = {
      id: randomUUID(),
      schedule: input.schedule,
      durationMs: input.durationMs,
      rule: input.rule ?? null,
      timezone,
      comment: input.comment,
      createdBy: actor,
      createdAt: new Date(this.clock.now()).toISOString(),
      nextStart: cron.nextRun(new Date(this.clock.now()))?.toISOString() ?? null,
    };
    await this.store.mutate(() => {
      const before = this.store.data.maintenance;
      this.store.data.maintenance = [...before, window];
      return { result: undefined, undo: () => void (this.store.data.maintenance = before) };
    });
    await this.audit.append({ type: 'maintenance.added', actor, subject: window.id, outcome: 'success', details: { schedule: window.schedule, durationMs: window.durationMs, rule: window.rule } });
    return window;
  }

  async remove(id: string, actor: string): Promise<MaintenanceInfo> {
    const window = this.store.data.maintenance.find((w) => w.id === id || w.id.startsWith(id));
    if (window === undefined) throw new NotFoundError(`no maintenance window with id '${id}'`);
    await this.store.mutate(() => {
      const before = this.store.data.maintenance;
      this.store.data.maintenance = before.filter((w) => w !== window);
      return { result: undefined, undo: () => void (this.store.data.maintenance = before) };
    });
    compiled.delete(window.id);
    await this.audit.append({ type: 'maintenance.removed', actor, subject: window.id, outcome: 'success' });
    return window;
  }
}
