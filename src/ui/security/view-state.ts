/**
 * @module The security views' keyboard model as a pure function: a key and the current state give
 * the next state and, at most, one action for the app to carry out.
 */
import { formatDuration, parseDuration } from '../../protocol/duration.js';
import {
  followsBottom,
  panelsOf,
  rowsOf,
  selectedIndex,
  type PanelId,
  type PanelRecord,
  type SecurityMode,
} from './panels.js';
import type { SecurityData } from './source.js';

/** Something the app does for a key (after confirmation where it changes the daemon). */
export type ViewAction =
  | { kind: 'unlock'; user: string }
  | { kind: 'ban'; ip: string; durationMs: number | null; reason: string }
  | { kind: 'unban'; ip: string }
  | { kind: 'quit' };

export type Screen =
  | { kind: 'list' }
  | { kind: 'detail'; record: PanelRecord }
  | { kind: 'help' }
  | { kind: 'duration'; ip: string; reason: string; text: string; error: string | null }
  | { kind: 'confirm'; question: string; action: ViewAction };

export interface ViewState {
  focus: number;
  /** Per panel; -1 follows the last row. */
  selected: Record<PanelId, number>;
  screen: Screen;
  message: string | null;
}

/** The subset of Ink's `Key` the model reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export const DEFAULT_BAN = '1h';

export function initialState(): ViewState {
  return {
    focus: 0,
    selected: { sessions: 0, locked: 0, bans: 0, threats: -1, events: -1 },
    screen: { kind: 'list' },
    message: null,
  };
}

interface Result {
  state: ViewState;
  action?: ViewAction;
}

/** The record under the cursor of the focused panel, if any. */
export function selectedRecord(
  state: ViewState,
  mode: SecurityMode,
  data: SecurityData,
): PanelRecord | null {
  const panel = focusedPanel(state, mode);
  const rows = rowsOf(panel, data);
  return rows[selectedIndex(state.selected[panel], rows.length)] ?? null;
}

export function focusedPanel(state: ViewState, mode: SecurityMode): PanelId {
  const panels = panelsOf(mode);
  return panels[state.focus % panels.length] as PanelId;
}

function list(state: ViewState, message: string | null = null): Result {
  return { state: { ...state, screen: { kind: 'list' }, message } };
}

function move(state: ViewState, mode: SecurityMode, data: SecurityData, by: number): Result {
  const panel = focusedPanel(state, mode);
  const length = rowsOf(panel, data).length;
  if (length === 0) return { state };
  const at = selectedIndex(state.selected[panel], length);
  const next = Math.min(length - 1, Math.max(0, at + by));
  const stored = followsBottom(panel) && next === length - 1 ? -1 : next;
  return { state: { ...state, selected: { ...state.selected, [panel]: stored } } };
}

function onList(
  state: ViewState,
  mode: SecurityMode,
  data: SecurityData,
  input: string,
  key: KeyInfo,
): Result {
  const count = panelsOf(mode).length;
  if (key.tab || key.rightArrow || key.leftArrow) {
    const back = key.leftArrow || (key.tab && key.shift);
    return {
      state: { ...state, focus: (state.focus + (back ? count - 1 : 1)) % count, message: null },
    };
  }
  if (key.upArrow) return move(state, mode, data, -1);
  if (key.downArrow) return move(state, mode, data, 1);
  const record = selectedRecord(state, mode, data);
  if (key.return)
    return record === null
      ? { state }
      : { state: { ...state, screen: { kind: 'detail', record } } };
  if (input === '?') return { state: { ...state, screen: { kind: 'help' } } };
  if (input === 'u') {
    if (record?.kind !== 'user') return list(state, 'select a locked account to unlock it (u)');
    const user = record.value.username;
    return {
      state: {
        ...state,
        screen: {
          kind: 'confirm',
          question: `Unlock ${user}? y/n`,
          action: { kind: 'unlock', user },
        },
      },
    };
  }
  if (input === 'b') {
    if (record?.kind !== 'event' || record.value.ip === null)
      return list(state, 'select an event with an IP to ban it (b)');
    const reason = `banned from the security view (${record.value.type})`;
    return {
      state: {
        ...state,
        screen: { kind: 'duration', ip: record.value.ip, reason, text: '', error: null },
      },
    };
  }
  if (input === 'B') {
    if (record?.kind !== 'ban') return list(state, 'select a ban to lift it (B)');
    const ip = record.value.target;
    return {
      state: {
        ...state,
        screen: { kind: 'confirm', question: `Unban ${ip}? y/n`, action: { kind: 'unban', ip } },
      },
    };
  }
  return { state };
}

/** Reads the duration prompt's text: empty is the default, `permanent` is null. */
export function readBanDuration(text: string): number | null | string {
  const trimmed = text.trim();
  if (trimmed === '') return parseDuration(DEFAULT_BAN);
  if (trimmed === 'permanent') return null;
  const parsed = parseDuration(trimmed);
  return typeof parsed === 'number' && parsed <= 0 ? 'a ban must last longer than 0s' : parsed;
}

function onDuration(
  state: ViewState,
  screen: Extract<Screen, { kind: 'duration' }>,
  input: string,
  key: KeyInfo,
): Result {
  if (key.escape) return list(state, 'cancelled');
  if (key.backspace || key.delete)
    return {
      state: { ...state, screen: { ...screen, text: screen.text.slice(0, -1), error: null } },
    };
  if (key.return) {
    const durationMs = readBanDuration(screen.text);
    if (typeof durationMs === 'string')
      return { state: { ...state, screen: { ...screen, error: durationMs } } };
    const label = durationMs === null ? 'good' : formatDuration(durationMs);
    const action: ViewAction = { kind: 'ban', ip: screen.ip, durationMs, reason: screen.reason };
    return {
      state: {
        ...state,
        screen: { kind: 'confirm', question: `Ban ${screen.ip} for ${label}? y/n`, action },
      },
    };
  }
  if (input !== '' && !key.ctrl && /^[\x20-\x7e]+$/.test(input))
    return {
      state: {
        ...state,
        screen: { ...screen, text: (screen.text + input).slice(0, 40), error: null },
      },
    };
  return { state };
}

/**
 * Splits a chunk Ink delivers whole (keys typed faster than a frame, or a paste, arrive as one
 * string) into single key presses, so `\t\t` moves focus twice.
 */
export function splitKeys(input: string): [string, KeyInfo][] {
  return [...input].map((ch): [string, KeyInfo] => {
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\x7f' || ch === '\b') return ['', { backspace: true }];
    return [ch, {}];
  });
}

/** The next state (and action) for one key press. */
export function reduceKey(
  state: ViewState,
  mode: SecurityMode,
  data: SecurityData,
  input: string,
  key: KeyInfo,
): Result {
  if (key.ctrl && input === 'c') return { state, action: { kind: 'quit' } };
  const screen = state.screen;
  // Typed text belongs to the prompt, so `q` there is a letter, not quit.
  if (screen.kind === 'duration') return onDuration(state, screen, input, key);
  if (screen.kind === 'confirm') {
    if (input === 'y' || input === 'Y') return { ...list(state), action: screen.action };
    if (input === 'n' || input === 'N' || key.escape) return list(state, 'cancelled');
    return { state };
  }
  if (input === 'q') return { state, action: { kind: 'quit' } };
  if (screen.kind === 'help') return input === '?' || key.escape ? list(state) : { state };
  if (screen.kind === 'detail') return key.escape ? list(state) : { state };
  return onList(state, mode, data, input, key);
}
