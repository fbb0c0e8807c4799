/**
 * @module The live security view: sessions, locked accounts, bans and threats (`status` mode) or
 * the event stream (`events` mode), driven from the keyboard.
 */
import { Box, useApp, useInput, useStdin, useStdout } from 'ink';
import { useRef, useState } from 'react';
import { formatDuration } from '../../protocol/duration.js';
import { BansPanel } from './BansPanel.js';
import { ConfirmPrompt } from './ConfirmPrompt.js';
import { DetailView } from './DetailView.js';
import { EventsPanel } from './EventsPanel.js';
import {
  DEFAULT_BAN,
  focusedPanel,
  initialState,
  reduceKey,
  splitKeys,
  type ViewAction,
  type ViewState,
} from './view-state.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LockedPanel } from './LockedPanel.js';
import {
  lockedUsers,
  panelsOf,
  rowsOf,
  selectedIndex,
  threats,
  type PanelId,
  type SecurityMode,
} from './panels.js';
import { SessionsPanel } from './SessionsPanel.js';
import type { SecuritySource } from './source.js';
import { StatusLine } from './StatusLine.js';
import { ThreatsPanel } from './ThreatsPanel.js';
import { systemNow, useNow, type NowSource } from './use-now.js';
import { useSecurityData } from './use-security-data.js';

export interface SecurityAppProps {
  source: SecuritySource;
  mode: SecurityMode;
  color: boolean;
  /** Time for "time left" (default: the real clock). */
  clock?: NowSource;
  /** How often "time left" is redrawn, in ms (default 1000; 0 never). */
  tickMs?: number;
  /** Called as the view quits (after Ink's exit). */
  onQuit?: () => void;
}

function done(action: ViewAction): string {
  switch (action.kind) {
    case 'unlock':
      return `unlocked ${action.user}`;
    case 'ban':
      return `banned ${action.ip} ${action.durationMs === null ? 'for good' : `for ${formatDuration(action.durationMs)}`}`;
    case 'unban':
      return `unbanned ${action.ip}`;
    default:
      return '';
  }
}

export function SecurityApp({
  source,
  mode,
  color,
  clock = systemNow,
  tickMs = 1000,
  onQuit,
}: SecurityAppProps) {
  const data = useSecurityData(source);
  const now = useNow(clock, tickMs);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const [state, setState] = useState<ViewState>(initialState);
  // Several keys can arrive in one chunk before React re-renders; each must see the one before.
  const latest = useRef(state);
  const update = (next: ViewState): void => {
    latest.current = next;
    setState(next);
  };

  const run = (action: ViewAction): void => {
    if (action.kind === 'quit') {
      exit();
      onQuit?.();
      return;
    }
    const call =
      action.kind === 'unlock'
        ? () => source.unlock(action.user)
        : action.kind === 'ban'
          ? () => source.ban(action.ip, action.durationMs, action.reason)
          : () => source.unban(action.ip);
    const say = (message: string): void => update({ ...latest.current, message });
    say(`${action.kind}…`);
    Promise.resolve()
      .then(call)
      .then(
        () => say(done(action)),
        (error: unknown) =>
          say(`${action.kind} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };

  useInput(
    (input, key) => {
      const presses = input.length > 1 ? splitKeys(input) : [[input, key] as const];
      for (const [one, info] of presses) {
        const result = reduceKey(latest.current, mode, data, one, info);
        if (result.state !== latest.current) update(result.state);
        if (result.action !== undefined) run(result.action);
        if (result.action?.kind === 'quit') return;
      }
    },
    { isActive: isRawModeSupported === true },
  );

  const panels = panelsOf(mode);
  const focus = focusedPanel(state, mode);
  const rows = stdout.rows > 0 ? stdout.rows : 24;
  const height = Math.max(2, Math.floor((rows - 3 - panels.length * 2) / panels.length));
  const pick = (panel: PanelId) => ({
    focused: focus === panel,
    selected: selectedIndex(state.selected[panel], rowsOf(panel, data).length),
    color,
    height,
  });
  const screen = state.screen;

  return (
    <Box flexDirection="column">
      {screen.kind === 'detail' ? (
        <DetailView record={screen.record} color={color} now={now} />
      ) : screen.kind === 'help' ? (
        <HelpOverlay color={color} />
      ) : mode === 'status' ? (
        <Box flexDirection="column">
          <SessionsPanel
            sessions={data.sessions}
            note={data.sessionsNote}
            now={now}
            {...pick('sessions')}
          />
          <LockedPanel users={lockedUsers(data)} now={now} {...pick('locked')} />
          <BansPanel bans={data.bans} now={now} {...pick('bans')} />
          <ThreatsPanel events={threats(data)} {...pick('threats')} />
        </Box>
      ) : (
        <EventsPanel events={data.events} {...pick('events')} />
      )}
      {screen.kind === 'confirm' ? (
        <ConfirmPrompt question={screen.question} color={color} />
      ) : null}
      {screen.kind === 'duration' ? (
        <ConfirmPrompt
          question={`Ban ${screen.ip} for how long?`}
          input={screen.text}
          hint={`Enter for ${DEFAULT_BAN}; e.g. 30m, 7d or permanent; Esc cancels`}
          error={screen.error}
          color={color}
        />
      ) : null}
      <StatusLine
        status={data.status}
        loaded={data.loaded}
        error={data.error}
        message={state.message}
        color={color}
      />
    </Box>
  );
}
