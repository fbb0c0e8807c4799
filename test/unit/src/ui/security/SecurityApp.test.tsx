import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { SecurityApp } from '../../../../../src/ui/security/SecurityApp.js';
import type { SecurityMode } from '../../../../../src/ui/security/panels.js';
import { event, FakeSource, fixedClock, sampleData, settle } from './fixtures.js';

const TAB = '\t';
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';
const ESC = '\u001B';

async function open(mode: SecurityMode = 'status', source = new FakeSource()) {
  let quits = 0;
  const app = render(
    <SecurityApp
      source={source}
      mode={mode}
      color={false}
      clock={fixedClock}
      tickMs={0}
      onQuit={() => quits++}
    />,
  );
  await settle();
  const press = async (...keys: string[]): Promise<string> => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
    return app.lastFrame() ?? '';
  };
  return { app, source, press, quits: () => quits, frame: () => app.lastFrame() ?? '' };
}

afterEach(cleanup);

describe('SecurityApp', () => {
  it('draws the four status panels with the data and the status line', async () => {
    const { frame } = await open();
    const lines = frame().split('\n');
    assert.equal(lines[0], '▶ Sessions (2)');
    assert.equal(
      lines[1],
      '  › alice        10.0.0.5         s-alice-  idle 1m       expires in 29m',
    );
    assert.ok(lines.includes('  Locked accounts (1)'));
    assert.ok(lines.includes('    bob          5 failed   unlocks in 15m'));
    assert.ok(lines.includes('    198.51.100.9       auto   1m30s      threat sqli'));
    assert.ok(lines.includes('    192.0.2.0/24       manual permanent  abuse'));
    assert.ok(lines.includes('  Threats (3)'));
    assert.match(
      frame(),
      / 2 sessions · 1 locked · 2 bans \(1 auto\) · 1 threats\/24h · 5 failed logins\/24h /,
    );
  });

  it('moves between panels with Tab and arrows, and between rows with up and down', async () => {
    const { press } = await open();
    let frame = await press(DOWN);
    assert.match(frame, / {2}› carol /);
    frame = await press(UP, TAB, TAB);
    assert.match(frame, /▶ Bans \(3\)\n {2}› 203\.0\.113\.7 /);
    frame = await press('\u001B[D');
    assert.match(frame, /▶ Locked accounts \(1\)\n {2}› bob /);
    frame = await press('\u001B[C', '\u001B[C');
    // The threats panel follows its newest row, at the bottom.
    assert.match(frame, /▶ Threats \(3\)[\s\S]* {2}› 11:58:24 ip\.banned /);
    frame = await press(TAB);
    assert.match(frame, /^▶ Sessions/);
  });

  it('takes several keys arriving in one chunk one by one', async () => {
    const { press, source } = await open();
    const frame = await press('\t\tBy');
    assert.match(frame, /▶ Bans \(3\)/);
    assert.deepEqual(source.actions, ['unban 203.0.113.7']);
  });

  it('opens the full record with Enter and goes back with Esc', async () => {
    const { press } = await open();
    let frame = await press(TAB, TAB, DOWN, ENTER);
    assert.deepEqual(frame.split('\n').slice(0, 13), [
      'Ban: 198.51.100.9',
      '  target       198.51.100.9',
      '  family       4',
      '  prefixLength 32',
      '  source       auto',
      '  reason       threat sqli',
      '  createdAt    2026-01-01T11:50:00.000Z',
      '  updatedAt    2026-01-01T11:50:00.000Z',
      '  expiresAt    2026-01-01T12:01:30.000Z',
      '  createdBy    system',
      '  time left    1m30s',
      'Esc back',
      '',
    ]);
    frame = await press(ESC);
    assert.match(frame, /▶ Bans \(3\)/);
  });

  it('u asks to unlock the selected locked account and unlocks it on y', async () => {
    const { press, source } = await open();
    let frame = await press(TAB, 'u');
    assert.match(frame, /\nUnlock bob\? y\/n\n/);
    assert.deepEqual(source.actions, []);
    frame = await press('y');
    assert.deepEqual(source.actions, ['unlock bob']);
    assert.match(frame, /\nunlocked bob\n/);
  });

  it('n or Esc cancels a confirmation without calling the source', async () => {
    const { press, source } = await open();
    let frame = await press(TAB, 'u', 'n');
    assert.match(frame, /\ncancelled\n/);
    frame = await press('u', ESC);
    assert.doesNotMatch(frame, /Unlock bob\?/);
    assert.deepEqual(source.actions, []);
  });

  it('u elsewhere says what to select', async () => {
    const { press } = await open();
    assert.match(await press('u'), /\nselect a locked account to unlock it \(u\)\n/);
  });

  it("b asks how long to ban the selected event's IP (default 1h), then confirms", async () => {
    const { press, source } = await open();
    let frame = await press(TAB, TAB, TAB, UP, UP, 'b');
    assert.match(
      frame,
      /\nBan 198\.51\.100\.20 for how long\? _\nEnter for 1h; e\.g\. 30m, 7d or permanent; Esc cancels\n/,
    );
    frame = await press(ENTER);
    assert.match(frame, /\nBan 198\.51\.100\.20 for 1h\? y\/n\n/);
    frame = await press('y');
    assert.deepEqual(source.actions, [
      'ban 198.51.100.20 3600000 banned from the security view (login.failure)',
    ]);
    assert.match(frame, /\nbanned 198\.51\.100\.20 for 1h\n/);
  });

  it('the ban prompt takes a typed duration, refuses a bad one, and takes permanent', async () => {
    const { press, source } = await open('events');
    let frame = await press('b', 'x', 'q', ENTER);
    assert.match(
      frame,
      /for how long\? xq_\n[^\n]*\n'xq' is not a duration \(unexpected 'xq'\); write it like 500ms, 15s, 5m, 1h or 7d\n/,
    );
    frame = await press('\u007F', '\u007F', '3', '0', 'm', ENTER, 'y');
    assert.deepEqual(source.actions, [
      'ban 198.51.100.9 1800000 banned from the security view (ip.banned)',
    ]);
    frame = await press('b', ...'permanent', ENTER);
    assert.match(frame, /Ban 198\.51\.100\.9 for good\? y\/n/);
    await press('y');
    assert.equal(
      source.actions[1],
      'ban 198.51.100.9 null banned from the security view (ip.banned)',
    );
  });

  it('B asks to lift the selected ban and lifts it on y', async () => {
    const { press, source } = await open();
    let frame = await press(TAB, TAB, 'B');
    assert.match(frame, /\nUnban 203\.0\.113\.7\? y\/n\n/);
    frame = await press('y');
    assert.deepEqual(source.actions, ['unban 203.0.113.7']);
    assert.match(frame, /\nunbanned 203\.0\.113\.7\n/);
  });

  it('shows a failed action on the status line', async () => {
    const { press, source } = await open();
    source.failWith = new Error('needs security.blacklist.manage');
    const frame = await press(TAB, TAB, 'B', 'y');
    assert.match(frame, /\nunban failed: needs security\.blacklist\.manage\n/);
  });

  it('? shows the help and ? or Esc hides it', async () => {
    const { press } = await open();
    let frame = await press('?');
    assert.match(frame, /^Keys\n {2}Tab \/ ← → {4}move between panels\n/);
    assert.match(frame, / {2}B {12}lift the selected ban\n/);
    frame = await press('?');
    assert.match(frame, /^▶ Sessions/);
    await press('?');
    assert.match(await press(ESC), /^▶ Sessions/);
  });

  it('q and Ctrl-C quit', async () => {
    const first = await open();
    await first.press('q');
    assert.equal(first.quits(), 1);
    const second = await open('events');
    await second.press('\u0003');
    assert.equal(second.quits(), 1);
  });

  it('events mode shows the stream newest at the bottom and follows new events', async () => {
    const { frame, source, press } = await open('events');
    assert.match(frame(), /^▶ Events \(4\)\n/);
    assert.match(
      frame(),
      / {2}› 11:58:24 ip\.banned {10}info {5}system {5}198\.51\.100\.9 {5}198\.51\.100\.9\n/,
    );
    const data = sampleData();
    source.set({
      ...data,
      events: [...data.events, event(5, 'login.success', { actor: 'carol', outcome: 'success' })],
    });
    await settle();
    assert.match(await press(), / {2}› 11:58:25 login\.success {6}success {2}carol {6}-\s+\n/);
  });

  it('shows "log in to see sessions" and a refresh error', async () => {
    const source = new FakeSource({
      ...sampleData(),
      sessions: null,
      sessionsNote: 'log in to see sessions',
      error: 'the daemon closed the connection',
    });
    const { frame } = await open('status', source);
    assert.match(frame(), /^▶ Sessions \(0\)\n {4}log in to see sessions\n/);
    assert.match(frame(), /\nerror: the daemon closed the connection\n/);
  });

  it('unsubscribes from the source when unmounted', async () => {
    const { app, source } = await open();
    assert.equal(source.subscribers, 1);
    app.unmount();
    assert.equal(source.subscribers, 0);
  });
});
