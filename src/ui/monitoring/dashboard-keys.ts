/**
 * @module What each key does to the dashboard's view state, as a pure function: the component
 * only applies the new state and performs the effect (quit, ack, silence), so the whole keyboard
 * model is tested without a terminal.
 */
import type { Key } from 'ink';
import { parseDuration } from '../../protocol/duration.js';
import type { AlertView } from '../../protocol/schemas.js';
import { RANGES, moveSelection, nextPanel, type PanelId } from './dashboard-model.js';

/** The comment and duration being typed for `a` (ack) or `s` (silence). */
export interface PromptState {
  kind: 'ack' | 'silence';
  alert: AlertView;
  field: 'comment' | 'duration';
  comment: string;
  duration: string;
  error: string | null;
}

/** Everything the keyboard changes. */
export interface ViewState {
  mode: 'list' | 'filter' | 'detail' | 'prompt' | 'help';
  focus: PanelId;
  /** Selected row of each panel, an index into its filtered, sorted rows. */
  selected: Record<PanelId, number>;
  filter: string;
  /** Index into {@link RANGES} of the detail chart's range. */
  range: number;
  prompt: PromptState | null;
}

/** What the component must do after a key, besides showing the new state. */
export type Effect =
  | { type: 'quit' }
  | { type: 'ack'; alertId: string; comment: string; durationMs: number }
  | { type: 'silence'; matchers: string[]; durationMs: number; comment: string };

/** The durations used when the prompt's duration is left empty. */
export const DEFAULT_DURATION = { ack: '1h', silence: '2h' } as const;

/** The state the dashboard opens in. */
export function initialViewState(): ViewState {
  return {
    mode: 'list',
    focus: 'alerts',
    selected: { health: 0, alerts: 0, metrics: 0 },
    filter: '',
    range: 1,
    prompt: null,
  };
}

/** Silence matchers that match exactly `alert`: each label, plus `alertname` when it lacks one. */
export function alertMatchers(alert: AlertView): string[] {
  const labels: Record<string, string> = { alertname: alert.rule, ...alert.labels };
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
}

/** The context a key is read in: how many rows each panel has and the alert under the cursor. */
export interface KeyContext {
  counts: Record<PanelId, number>;
  selectedAlert: AlertView | undefined;
  /** Rows a page key moves. */
  page: number;
}

const NO_SELECTION = { health: 0, alerts: 0, metrics: 0 };

/** Applies one key press; returns the new state and, when the key asks for one, an effect. */
export function handleKey(
  state: ViewState,
  input: string,
  key: Partial<Key>,
  ctx: KeyContext,
): { state: ViewState; effect?: Effect } {
  if (key.ctrl === true && input === 'c') return { state, effect: { type: 'quit' } };
  switch (state.mode) {
    case 'help':
      // `q` quits from the help too (it is what the help says q does); any other key closes it.
      return input === 'q'
        ? { state, effect: { type: 'quit' } }
        : { state: { ...state, mode: 'list' } };
    case 'filter':
      return { state: filterKey(state, input, key) };
    case 'prompt':
      return promptKey(state, input, key);
    case 'detail':
      return detailKey(state, input, key);
    case 'list':
      return listKey(state, input, key, ctx);
  }
}

function filterKey(state: ViewState, input: string, key: Partial<Key>): ViewState {
  if (key.escape === true) return { ...state, mode: 'list', filter: '', selected: NO_SELECTION };
  if (key.return === true || key.tab === true) return { ...state, mode: 'list' };
  if (key.backspace === true || key.delete === true) {
    return { ...state, filter: state.filter.slice(0, -1), selected: NO_SELECTION };
  }
  if (isText(input, key)) return { ...state, filter: state.filter + input, selected: NO_SELECTION };
  return state;
}

function promptKey(
  state: ViewState,
  input: string,
  key: Partial<Key>,
): { state: ViewState; effect?: Effect } {
  const prompt = state.prompt;
  if (prompt === null || key.escape === true)
    return { state: { ...state, mode: 'list', prompt: null } };
  const field = prompt.field;
  if (key.tab === true || (key.return === true && field === 'comment')) {
    return {
      state: {
        ...state,
        prompt: { ...prompt, field: field === 'comment' ? 'duration' : 'comment' },
      },
    };
  }
  if (key.return === true) {
    const comment = prompt.comment.trim();
    if (comment === '')
      return {
        state: {
          ...state,
          prompt: { ...prompt, field: 'comment', error: 'a comment is required' },
        },
      };
    const durationMs = parseDuration(prompt.duration.trim() || DEFAULT_DURATION[prompt.kind]);
    if (typeof durationMs === 'string')
      return { state: { ...state, prompt: { ...prompt, error: durationMs } } };
    const effect: Effect =
      prompt.kind === 'ack'
        ? { type: 'ack', alertId: prompt.alert.id, comment, durationMs }
        : { type: 'silence', matchers: alertMatchers(prompt.alert), durationMs, comment };
    return { state: { ...state, mode: 'list', prompt: null }, effect };
  }
  if (key.backspace === true || key.delete === true) {
    return {
      state: { ...state, prompt: { ...prompt, [field]: prompt[field].slice(0, -1), error: null } },
    };
  }
  if (isText(input, key))
    return {
      state: { ...state, prompt: { ...prompt, [field]: prompt[field] + input, error: null } },
    };
  return { state };
}

function detailKey(
  state: ViewState,
  input: string,
  key: Partial<Key>,
): { state: ViewState; effect?: Effect } {
  if (key.escape === true || key.backspace === true) return { state: { ...state, mode: 'list' } };
  if (input === 'q') return { state, effect: { type: 'quit' } };
  if (input === '?') return { state: { ...state, mode: 'help' } };
  if (key.leftArrow === true) return { state: { ...state, range: Math.max(0, state.range - 1) } };
  if (key.rightArrow === true)
    return { state: { ...state, range: Math.min(RANGES.length - 1, state.range + 1) } };
  const digit = Number(input);
  if (Number.isInteger(digit) && digit >= 1 && digit <= RANGES.length)
    return { state: { ...state, range: digit - 1 } };
  return { state };
}

function listKey(
  state: ViewState,
  input: string,
  key: Partial<Key>,
  ctx: KeyContext,
): { state: ViewState; effect?: Effect } {
  const { focus } = state;
  const move = (delta: number): ViewState => ({
    ...state,
    selected: {
      ...state.selected,
      [focus]: moveSelection(state.selected[focus], delta, ctx.counts[focus]),
    },
  });
  if (key.tab === true)
    return { state: { ...state, focus: nextPanel(focus, key.shift === true ? -1 : 1) } };
  if (key.rightArrow === true) return { state: { ...state, focus: nextPanel(focus, 1) } };
  if (key.leftArrow === true) return { state: { ...state, focus: nextPanel(focus, -1) } };
  if (key.downArrow === true || input === 'j') return { state: move(1) };
  if (key.upArrow === true || input === 'k') return { state: move(-1) };
  if (key.pageDown === true) return { state: move(ctx.page) };
  if (key.pageUp === true) return { state: move(-ctx.page) };
  if (key.return === true)
    return { state: ctx.counts[focus] > 0 ? { ...state, mode: 'detail' } : state };
  if (key.escape === true)
    return {
      state: state.filter === '' ? state : { ...state, filter: '', selected: NO_SELECTION },
    };
  if (input === 'q') return { state, effect: { type: 'quit' } };
  if (input === '?') return { state: { ...state, mode: 'help' } };
  if (input === '/') return { state: { ...state, mode: 'filter' } };
  if ((input === 'a' || input === 's') && focus === 'alerts' && ctx.selectedAlert !== undefined) {
    const kind = input === 'a' ? 'ack' : 'silence';
    const prompt: PromptState = {
      kind,
      alert: ctx.selectedAlert,
      field: 'comment',
      comment: '',
      duration: '',
      error: null,
    };
    return { state: { ...state, mode: 'prompt', prompt } };
  }
  return { state };
}

/** Whether the key typed printable text (not a control or navigation key). */
function isText(input: string, key: Partial<Key>): boolean {
  return (
    input !== '' && key.ctrl !== true && key.meta !== true && !/[\u0000-\u001f\u007f]/.test(input)
  );
}
