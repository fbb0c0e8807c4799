/**
 * @module Small text helpers the security panels share (time left, colours, fixed-width cells).
 */
import { formatDuration } from '../../protocol/duration.js';
import type { AuditEventWire } from '../../protocol/security-schemas.js';

/** `14m59s`, `expired`, or `permanent` (null) for a deadline in ms since the epoch. */
export function timeLeft(until: number | null, now: number): string {
  if (until === null) return 'permanent';
  const left = until - now;
  if (left <= 0) return 'expired';
  // Whole seconds so the text only changes once a second.
  return formatDuration(Math.ceil(left / 1000) * 1000);
}

/** The same for an ISO deadline (ban entries carry ISO times). */
export function timeLeftIso(iso: string | null, now: number): string {
  return timeLeft(iso === null ? null : Date.parse(iso), now);
}

/** `HH:MM:SS` (UTC) of an ISO time or ms, for compact rows. */
export function clockTime(time: string | number): string {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(11, 19) : '--:--:--';
}

/** Pads or cuts `text` to exactly `width` characters. */
export function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** A colour name when colours are on, else undefined (Ink then draws plain text). */
export function tint(color: boolean, name: string): string | undefined {
  return color ? name : undefined;
}

/** The colour of an event's outcome. */
export function outcomeColour(outcome: AuditEventWire['outcome']): string {
  switch (outcome) {
    case 'success':
      return 'green';
    case 'failure':
      return 'red';
    case 'refused':
      return 'yellow';
    default:
      return 'cyan';
  }
}

/** True for the events the threats panel shows. */
export function isThreat(event: AuditEventWire): boolean {
  return (
    event.type.startsWith('threat.') || event.type === 'ip.banned' || event.type === 'login.failure'
  );
}
