/**
 * @module Which panels each mode shows and the rows each one holds, so the keys and the drawing
 * agree on what is selected.
 */
import type { BlacklistEntry } from '../../protocol/schemas.js';
import type {
  AuditEventWire,
  SessionViewWire,
  UserViewWire,
} from '../../protocol/security-schemas.js';
import { isThreat } from './format.js';
import type { SecurityData } from './source.js';

export type SecurityMode = 'status' | 'events';
export type PanelId = 'sessions' | 'locked' | 'bans' | 'threats' | 'events';

/** A selectable record, tagged with what it is. */
export type PanelRecord =
  | { kind: 'session'; value: SessionViewWire }
  | { kind: 'user'; value: UserViewWire }
  | { kind: 'ban'; value: BlacklistEntry }
  | { kind: 'event'; value: AuditEventWire };

export const MODES: readonly SecurityMode[] = ['status', 'events'];

/** The panels of a mode, in Tab order. */
export function panelsOf(mode: SecurityMode): PanelId[] {
  return mode === 'status' ? ['sessions', 'locked', 'bans', 'threats'] : ['events'];
}

/** Panels whose newest row is at the bottom and followed as rows arrive. */
export function followsBottom(panel: PanelId): boolean {
  return panel === 'threats' || panel === 'events';
}

export function lockedUsers(data: SecurityData): UserViewWire[] {
  return data.users.filter((u) => u.status === 'locked');
}

export function threats(data: SecurityData): AuditEventWire[] {
  return data.events.filter(isThreat);
}

/** The rows of one panel. */
export function rowsOf(panel: PanelId, data: SecurityData): PanelRecord[] {
  switch (panel) {
    case 'sessions':
      return (data.sessions ?? []).map((value) => ({ kind: 'session', value }));
    case 'locked':
      return lockedUsers(data).map((value) => ({ kind: 'user', value }));
    case 'bans':
      return data.bans.map((value) => ({ kind: 'ban', value }));
    case 'threats':
      return threats(data).map((value) => ({ kind: 'event', value }));
    case 'events':
      return data.events.map((value) => ({ kind: 'event', value }));
  }
}

/**
 * The selected row index for a stored selection: -1 (or past the end) means the last row, which
 * is how the event panels follow new rows.
 */
export function selectedIndex(stored: number, length: number): number {
  if (length === 0) return -1;
  if (stored < 0 || stored >= length) return length - 1;
  return stored;
}
