/**
 * @module Whether a group must be notified to a channel now, and why: Alertmanager's DedupStage
 * (notify/notify.go `needsUpdate`), with the reason it leaves implicit said out loud.
 */
import type { NotifyReason } from '../notifiers/notification.js';

/** What a channel was last told about a group (Alertmanager's notification log entry). */
export interface SentEntry {
  /** Ids of the alerts the last notification said were firing. */
  firing: readonly string[];
  /** Ids of the alerts it said were resolved. */
  resolved: readonly string[];
  /** When that notification's flush started (ms). */
  sentAt: number;
}

function isSubset(subset: ReadonlySet<string>, of: readonly string[]): boolean {
  const set = new Set(of);
  for (const id of subset) if (!set.has(id)) return false;
  return true;
}

/**
 * Why the group must be sent to the channel, or null when it must not. `firing` and `resolved`
 * are the alerts the channel would be told about now (muted ones and, for this channel, too mild
 * ones already left out).
 *
 * The rules, in Alertmanager's order:
 * - never sent: send if anything fires (`new-group`);
 * - an alert fires that was not firing last time (`new-alerts`);
 * - nothing fires any more but something did: send (`resolved`) — even to a channel without
 *   sendResolved, whose entry must be cleared (the caller then records it without sending);
 * - with sendResolved, an alert resolved that was not said to be (`resolved`);
 * - otherwise only when `repeatIntervalMs` has passed since the last send (`repeat`). Alertmanager
 *   compares strictly; we send at exactly the interval, so a repeat lands on a group_interval tick
 *   instead of one tick late.
 */
export function needsUpdate(
  entry: SentEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatIntervalMs: number,
  now: number,
): NotifyReason | null {
  if (entry === undefined) return firing.size > 0 ? 'new-group' : null;
  if (!isSubset(firing, entry.firing)) return 'new-alerts';
  if (firing.size === 0) return entry.firing.length > 0 ? 'resolved' : null;
  if (sendResolved && !isSubset(resolved, entry.resolved)) return 'resolved';
  return now - entry.sentAt >= repeatIntervalMs ? 'repeat' : null;
}
