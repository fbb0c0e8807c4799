import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  focusedPanel,
  initialState,
  readBanDuration,
  reduceKey,
  selectedRecord,
  splitKeys,
  type KeyInfo,
  type ViewState,
} from '../../../../../src/ui/security/view-state.js';
import type { SecurityMode } from '../../../../../src/ui/security/panels.js';
import { sampleData } from './fixtures.js';

const data = sampleData();

/** Presses keys in order; each is text or a KeyInfo (with its text). */
function press(mode: SecurityMode, ...keys: (string | [string, KeyInfo])[]) {
  let state: ViewState = initialState();
  const actions: unknown[] = [];
  for (const k of keys) {
    const [input, key] = typeof k === 'string' ? [k, {}] : k;
    const result = reduceKey(state, mode, data, input, key);
    state = result.state;
    if (result.action !== undefined) actions.push(result.action);
  }
  return { state, actions };
}

const tab: [string, KeyInfo] = ['', { tab: true }];
const shiftTab: [string, KeyInfo] = ['', { tab: true, shift: true }];
const up: [string, KeyInfo] = ['', { upArrow: true }];
const down: [string, KeyInfo] = ['', { downArrow: true }];
const enter: [string, KeyInfo] = ['', { return: true }];
const esc: [string, KeyInfo] = ['', { escape: true }];
const backspace: [string, KeyInfo] = ['', { backspace: true }];

describe('reduceKey', () => {
  it('Tab and Shift-Tab cycle the panels', () => {
    assert.equal(focusedPanel(press('status', tab).state, 'status'), 'locked');
    assert.equal(focusedPanel(press('status', shiftTab).state, 'status'), 'threats');
    assert.equal(focusedPanel(press('status', tab, tab, tab, tab).state, 'status'), 'sessions');
    assert.equal(focusedPanel(press('events', tab).state, 'events'), 'events');
  });

  it('arrows move within the rows and stop at the ends; event panels follow the bottom', () => {
    assert.equal(press('status', down, down, down).state.selected.sessions, 1);
    assert.equal(press('status', up).state.selected.sessions, 0);
    assert.equal(press('events', up, up).state.selected.events, 1);
    assert.equal(press('events', up, down).state.selected.events, -1);
    const record = selectedRecord(press('events', up).state, 'events', data);
    assert.equal(record?.kind === 'event' ? record.value.seq : 0, 3);
  });

  it('Enter opens the selected record; nothing happens on an empty panel', () => {
    const { state } = press('status', tab, enter);
    assert.equal(state.screen.kind, 'detail');
    const empty = reduceKey(initialState(), 'status', { ...data, sessions: [] }, '', {
      return: true,
    });
    assert.equal(empty.state.screen.kind, 'list');
  });

  it('u, b and B say what to select when the row does not fit', () => {
    assert.equal(press('status', 'u').state.message, 'select a locked account to unlock it (u)');
    assert.equal(press('status', 'b').state.message, 'select an event with an IP to ban it (b)');
    assert.equal(press('status', 'B').state.message, 'select a ban to lift it (B)');
  });

  it('confirmations give their action only on y', () => {
    assert.deepEqual(press('status', tab, 'u', 'y').actions, [{ kind: 'unlock', user: 'bob' }]);
    assert.deepEqual(press('status', tab, tab, 'B', 'Y').actions, [
      { kind: 'unban', ip: '203.0.113.7' },
    ]);
    assert.deepEqual(press('status', tab, 'u', 'x', 'n').actions, []);
    assert.equal(press('status', tab, 'u', 'x').state.screen.kind, 'confirm');
    assert.equal(press('status', tab, 'u', esc).state.message, 'cancelled');
  });

  it('the ban prompt edits text, defaults to 1h and refuses bad durations', () => {
    const typed = press('events', 'b', '2', 'x', backspace, 'h');
    assert.deepEqual(typed.state.screen, {
      kind: 'duration',
      ip: '198.51.100.9',
      reason: 'banned from the security view (ip.banned)',
      text: '2h',
      error: null,
    });
    assert.deepEqual(press('events', 'b', '2', 'h', enter, 'y').actions, [
      {
        kind: 'ban',
        ip: '198.51.100.9',
        durationMs: 7_200_000,
        reason: 'banned from the security view (ip.banned)',
      },
    ]);
    const bad = press('events', 'b', '0', 's', enter).state.screen;
    assert.equal(bad.kind === 'duration' ? bad.error : null, 'a ban must last longer than 0s');
    assert.equal(press('events', 'b', esc).state.message, 'cancelled');
    assert.deepEqual(press('events', 'b', ['', { ctrl: true }]).state.screen.kind, 'duration');
  });

  it('q quits from lists, detail and help, but is a letter in the ban prompt; Ctrl-C always quits', () => {
    const quit = { kind: 'quit' };
    assert.deepEqual(press('status', 'q').actions, [quit]);
    assert.deepEqual(press('status', enter, 'q').actions, [quit]);
    assert.deepEqual(press('status', '?', 'q').actions, [quit]);
    assert.deepEqual(press('events', 'b', 'q').actions, []);
    assert.deepEqual(press('events', 'b', ['c', { ctrl: true }]).actions, [quit]);
  });

  it('? toggles the help; Esc leaves help and detail', () => {
    assert.equal(press('status', '?').state.screen.kind, 'help');
    assert.equal(press('status', '?', '?').state.screen.kind, 'list');
    assert.equal(press('status', '?', esc).state.screen.kind, 'list');
    assert.equal(press('status', '?', 'u').state.screen.kind, 'help');
    assert.equal(press('status', enter, esc).state.screen.kind, 'list');
    assert.equal(press('status', enter, 'u').state.screen.kind, 'detail');
  });
});

describe('readBanDuration', () => {
  it('reads empty as 1h, permanent as null, and durations', () => {
    assert.equal(readBanDuration(''), 3_600_000);
    assert.equal(readBanDuration('  '), 3_600_000);
    assert.equal(readBanDuration('permanent'), null);
    assert.equal(readBanDuration('1d12h'), 129_600_000);
    assert.equal(
      readBanDuration('soon'),
      "'soon' is not a duration (unexpected 'soon'); write it like 500ms, 15s, 5m, 1h or 7d",
    );
    assert.equal(readBanDuration('0m'), 'a ban must last longer than 0s');
  });
});

describe('splitKeys', () => {
  it('splits a chunk into single presses, naming Tab, Enter and Backspace', () => {
    assert.deepEqual(splitKeys('\t\tu\r\x7fq'), [
      ['', { tab: true }],
      ['', { tab: true }],
      ['u', {}],
      ['', { return: true }],
      ['', { backspace: true }],
      ['q', {}],
    ]);
  });
});
