import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters as plain } from 'node:util';
import { event, sampleData } from './fixtures.js';

// Colours are decided when chalk loads, so force them before Ink is imported.
process.env['FORCE_COLOR'] = '1';
const { render } = await import('ink-testing-library');
const { EventsPanel } = await import('../../../../../src/ui/security/EventsPanel.js');

const ESC = '\u001B';

describe('EventsPanel', () => {
  it('draws the stream oldest first, with the cursor on the selected row', () => {
    const { lastFrame } = render(
      <EventsPanel events={sampleData().events} focused selected={3} color={false} />,
    );
    assert.equal(
      plain(lastFrame() ?? ''),
      [
        '▶ Events (4)',
        '    11:58:21 login.failure      failure  bob        198.51.100.20    bob',
        '    11:58:22 login.success      success  alice      10.0.0.5         alice',
        '    11:58:23 threat.detected    refused  system     198.51.100.9',
        '  › 11:58:24 ip.banned          info     system     198.51.100.9     198.51.100.9',
        '',
      ].join('\n'),
    );
  });

  it('colours the type and the outcome when colours are on', () => {
    const { lastFrame } = render(
      <EventsPanel events={sampleData().events} focused={false} selected={-1} color />,
    );
    const frame = lastFrame() ?? '';
    assert.ok(
      frame.includes(`${ESC}[31mthreat.detected   ${ESC}[39m ${ESC}[33mrefused `),
      'threat red, refused yellow',
    );
    assert.ok(
      frame.includes(`${ESC}[34mlogin.failure     ${ESC}[39m ${ESC}[31mfailure `),
      'login blue, failure red',
    );
    assert.ok(frame.includes(`${ESC}[32msuccess `), 'success green');
    assert.ok(
      frame.includes(`${ESC}[35mip.banned         ${ESC}[39m ${ESC}[36minfo    `),
      'ban magenta, info cyan',
    );
  });

  it('draws no colour codes when colours are off', () => {
    const { lastFrame } = render(
      <EventsPanel events={sampleData().events} focused selected={0} color={false} />,
    );
    assert.equal((lastFrame() ?? '').includes(`${ESC}[3`), false);
  });

  it('keeps the newest rows in view within its height, and says when empty', () => {
    const many = Array.from({ length: 10 }, (_, i) => event(i + 1, 'user.created'));
    const { lastFrame } = render(
      <EventsPanel events={many} focused selected={9} color={false} height={3} />,
    );
    const lines = plain(lastFrame() ?? '').split('\n');
    assert.equal(lines[0], '▶ Events (10)');
    assert.deepEqual(
      lines.slice(1, 4).map((l) => l.slice(0, 12)),
      ['    11:58:28', '    11:58:29', '  › 11:58:30'],
    );
    const empty = render(
      <EventsPanel
        events={[]}
        focused={false}
        selected={-1}
        color={false}
        title="Stream"
        empty="nothing yet"
      />,
    );
    assert.equal(plain(empty.lastFrame() ?? ''), '  Stream (0)\n    nothing yet\n');
  });
});
