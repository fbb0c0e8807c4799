import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alertMatchers,
  handleKey,
  initialViewState,
  type KeyContext,
  type ViewState,
} from '../../../../../src/ui/monitoring/dashboard-keys.js';
import { alert } from './fixtures.js';

const ctx: KeyContext = {
  counts: { health: 3, alerts: 2, metrics: 40 },
  selectedAlert: alert('a1'),
  page: 10,
};
const start = initialViewState();

/** Applies keys in turn (`[input, key]` pairs), returning the last state and every effect. */
function run(
  state: ViewState,
  ...keys: [string, object?][]
): { state: ViewState; effects: unknown[] } {
  const effects: unknown[] = [];
  for (const [input, key] of keys) {
    const out = handleKey(state, input, key ?? {}, ctx);
    state = out.state;
    if (out.effect !== undefined) effects.push(out.effect);
  }
  return { state, effects };
}

test('the dashboard opens on the alerts panel, first rows, 1h range, no filter', () => {
  assert.deepEqual(start, {
    mode: 'list',
    focus: 'alerts',
    selected: { health: 0, alerts: 0, metrics: 0 },
    filter: '',
    range: 1,
    prompt: null,
  });
});

test('list: Tab, Shift-Tab, ← → move the focus; ↑ ↓ j k PgUp PgDn move the row within bounds', () => {
  assert.equal(run(start, ['', { tab: true }]).state.focus, 'metrics');
  assert.equal(run(start, ['', { tab: true, shift: true }]).state.focus, 'health');
  assert.equal(run(start, ['', { rightArrow: true }]).state.focus, 'metrics');
  assert.equal(run(start, ['', { leftArrow: true }]).state.focus, 'health');
  assert.equal(run(start, ['', { downArrow: true }], ['j'], ['j']).state.selected.alerts, 1);
  assert.equal(run(start, ['j'], ['k'], ['', { upArrow: true }]).state.selected.alerts, 0);
  const metrics = run(
    start,
    ['', { tab: true }],
    ['', { pageDown: true }],
    ['', { pageDown: true }],
  ).state;
  assert.deepEqual(metrics.selected, { health: 0, alerts: 0, metrics: 20 });
  assert.equal(run(metrics, ['', { pageUp: true }]).state.selected.metrics, 10);
});

test('list: Enter opens the detail unless the panel is empty', () => {
  assert.equal(run(start, ['', { return: true }]).state.mode, 'detail');
  const empty = handleKey(
    start,
    '',
    { return: true },
    { ...ctx, counts: { health: 0, alerts: 0, metrics: 0 } },
  );
  assert.equal(empty.state.mode, 'list');
});

test('list: q quits, ? helps, / filters; a and s need the alerts panel and an alert', () => {
  assert.deepEqual(run(start, ['q']).effects, [{ type: 'quit' }]);
  assert.deepEqual(run(start, ['c', { ctrl: true }]).effects, [{ type: 'quit' }]);
  assert.equal(run(start, ['?']).state.mode, 'help');
  assert.equal(run(start, ['/']).state.mode, 'filter');
  assert.equal(run(start, ['a']).state.prompt?.kind, 'ack');
  assert.equal(run(start, ['s']).state.prompt?.kind, 'silence');
  assert.equal(run(start, ['', { tab: true }], ['a']).state.mode, 'list');
  assert.equal(handleKey(start, 'a', {}, { ...ctx, selectedAlert: undefined }).state.mode, 'list');
});

test('help: q quits; any other key goes back to the list', () => {
  assert.equal(run(start, ['?'], ['x']).state.mode, 'list');
  assert.deepEqual(run(start, ['?'], ['q']).effects, [{ type: 'quit' }]);
});

test('filter: typing appends, backspace removes, Enter keeps, Esc clears; rows go back to the top', () => {
  const typed = run(start, ['j'], ['/'], ['c'], ['pu'], ['x'], ['', { backspace: true }]).state;
  assert.equal(typed.filter, 'cpu');
  assert.deepEqual(typed.selected, { health: 0, alerts: 0, metrics: 0 });
  assert.equal(run(typed, ['\u0001']).state.filter, 'cpu', 'control characters are not text');
  const kept = run(typed, ['', { return: true }]).state;
  assert.equal(kept.mode, 'list');
  assert.equal(kept.filter, 'cpu');
  assert.equal(
    run(kept, ['', { escape: true }]).state.filter,
    '',
    'Esc in the list clears the filter too',
  );
  const cleared = run(typed, ['', { escape: true }]).state;
  assert.equal(cleared.mode, 'list');
  assert.equal(cleared.filter, '');
});

test('detail: ← → and 1-4 pick the range within bounds; Esc and backspace go back; q quits', () => {
  const detail = run(start, ['', { return: true }]).state;
  assert.equal(
    run(detail, ['', { rightArrow: true }], ['', { rightArrow: true }], ['', { rightArrow: true }])
      .state.range,
    3,
  );
  assert.equal(run(detail, ['', { leftArrow: true }], ['', { leftArrow: true }]).state.range, 0);
  assert.equal(run(detail, ['3']).state.range, 2);
  assert.equal(run(detail, ['5']).state.range, 1);
  assert.equal(run(detail, ['', { escape: true }]).state.mode, 'list');
  assert.equal(run(detail, ['', { backspace: true }]).state.mode, 'list');
  assert.deepEqual(run(detail, ['q']).effects, [{ type: 'quit' }]);
  assert.equal(run(detail, ['?']).state.mode, 'help');
});

test('prompt: ack with a typed comment and duration', () => {
  const { state, effects } = run(
    start,
    ['a'],
    ['on it '],
    ['', { tab: true }],
    ['15m'],
    ['', { return: true }],
  );
  assert.deepEqual(effects, [
    { type: 'ack', alertId: 'a1', comment: 'on it', durationMs: 900_000 },
  ]);
  assert.equal(state.mode, 'list');
  assert.equal(state.prompt, null);
});

test('prompt: silence with the default duration, matchers from the alert', () => {
  const { effects } = run(start, ['s'], ['maint'], ['', { return: true }], ['', { return: true }]);
  assert.deepEqual(effects, [
    {
      type: 'silence',
      matchers: ['alertname="HighCPU"', 'host="web1"'],
      durationMs: 7_200_000,
      comment: 'maint',
    },
  ]);
});

test('prompt: an empty comment or a bad duration is an error shown in the prompt, with no effect', () => {
  const noComment = run(start, ['a'], ['  '], ['', { tab: true }], ['', { return: true }]);
  assert.deepEqual(noComment.effects, []);
  assert.equal(noComment.state.prompt?.error, 'a comment is required');
  assert.equal(noComment.state.prompt?.field, 'comment');
  const badDuration = run(
    start,
    ['a'],
    ['x'],
    ['', { tab: true }],
    ['soon'],
    ['', { return: true }],
  );
  assert.deepEqual(badDuration.effects, []);
  assert.equal(
    badDuration.state.prompt?.error,
    "'soon' is not a duration (unexpected 'soon'); write it like 500ms, 15s, 5m, 1h or 7d",
  );
  assert.equal(
    run(badDuration.state, ['', { backspace: true }]).state.prompt?.error,
    null,
    'editing clears the error',
  );
});

test('prompt: Esc cancels; q is text there', () => {
  const typed = run(start, ['a'], ['q']);
  assert.deepEqual(typed.effects, []);
  assert.equal(typed.state.prompt?.comment, 'q');
  const cancelled = run(typed.state, ['', { escape: true }]);
  assert.equal(cancelled.state.mode, 'list');
  assert.equal(cancelled.state.prompt, null);
});

test('alertMatchers: every label sorted, alertname from the rule when missing, values quoted', () => {
  assert.deepEqual(alertMatchers(alert('x', { rule: 'R', labels: { b: '2', a: 'say "hi"' } })), [
    'a="say \\"hi\\""',
    'alertname="R"',
    'b="2"',
  ]);
  assert.deepEqual(alertMatchers(alert('x', { rule: 'R', labels: { alertname: 'Other' } })), [
    'alertname="Other"',
  ]);
});
