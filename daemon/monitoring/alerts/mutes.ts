/**
 * @module Silences and acknowledgements, kept in the store.
 *
 * A silence mutes every alert its matchers select for a while; an acknowledgement mutes one alert
 * (it stays visible, marked acked, and stops repeating) until it expires or the alert resolves.
 */
import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { AckInfo, SilenceInfo } from '../../../src/protocol/schemas.js';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit-log.js';
import type { Store } from '../../store/store.js';
import { parseMatcher } from './silences.js';

/** How long an acknowledgement lasts when no duration is given. */
export const DEFAULT_ACK_MS = 24 * 3_600_000;

export class Mutes {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Silences that have not ended. */
  silences(): SilenceInfo[] {
    const now = this.clock.now();
    return this.store.data.silences.filter((s) => Date.parse(s.endsAt) > now);
  }

  /** @throws InvalidInputError for a bad matcher. */
  async addSilence(matchers: string[], durationMs: number, comment: string, actor: string): Promise<SilenceInfo> {
    for (const m of matchers) parseMatcher(m);
    const now = this.clock.now();
    const silence: SilenceInfo = {
      id: randomUUID(),
      matchers,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + durationMs).toISOString(),
      comment,
      createdBy: actor,
    };
    await this.store.mutate(() => {
      const list = this.store.data.silences;
      // Ended silences are dropped as new ones are added, so the list stays short.
      const before = [...list];
      this.store.data.silences = [...list.filter((s) => Date.parse(s.endsAt) > now), silence];
      return { result: undefined, undo: () => void (this.store.data.silences = before) };
    });
    await this.audit.append({ type: 'silence.added', actor, subject: silence.id, outcome: 'success', details: { matchers, endsAt: silence.endsAt, comment } });
    return silence;
  }

  async removeSilence(id: string, actor: string): Promise<SilenceInfo> {
    const silence = this.store.data.silences.find((s) => s.id === id || s.id.startsWith(id));
    if (silence === undefined) throw new NotFoundError(`no silence with id '${id}'`);
    await this.store.mutate(() => {
      const before = this.store.data.silences;
      this.store.data.silences = before.filter((s) => s !== silence);
      return { result: undefined, undo: () => void (this.store.data.silences = before) };
    });
    await this.audit.append({ type: 'silence.removed', actor, subject: silence.id, outcome: 'success' });
    return silence;
  }

  /** The acknowledgement of an alert in force now, or null. */
  ackOf(alertId: string): AckInfo | null {
    const now = this.clock.now();
    return this.store.data.acks.find((a) => a.alertId === alertId && Date.parse(a.expiresAt) > now) ?? null;
  }

  /**
   * Acknowledges a live alert.
   *
   * @param exists - tells whether the id names a live alert (ids may be given as a prefix).
   */
  async ack(id: string, comment: string, durationMs: number | undefined, actor: string, resolveId: (id: string) => string | null): Promise<AckInfo> {
    const alertId = resolveId(id);
    if (alertId === null) throw new NotFoundError(`no active alert with id '${id}'`);
    if (comment.trim() === '') throw new InvalidInputError('an acknowledgement needs a comment', 'comment');
    const now = this.clock.now();
    const ack: AckInfo = { alertId, comment, createdBy: actor, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + (durationMs ?? DEFAULT_ACK_MS)).toISOString() };
    await this.store.mutate(() => {
      const before = this.store.data.acks;
      this.store.data.acks = [...before.filter((a) => a.alertId !== alertId && Date.parse(a.expiresAt) > now), ack];
      return { result: undefined, undo: () => void (this.store.data.acks = before) };
    });
    await this.audit.append({ type: 'alert.acknowledged', actor, subject: alertId, outcome: 'success', details: { comment, expiresAt: ack.expiresAt } });
    return ack;
  }
}
