import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { HelpOverlay } from '../../../../../src/ui/security/HelpOverlay.js';

describe('HelpOverlay', () => {
  it('lists every key', () => {
    assert.equal(
      plain(render(<HelpOverlay color={false} />).lastFrame() ?? ''),
      [
        'Keys',
        '  Tab / ← →    move between panels',
        '  ↑ ↓          move between rows',
        "  Enter        open the selected row's full record",
        '  Esc          back',
        '  u            unlock the selected locked account',
        "  b            ban the selected event's IP (asks how long; default 1h)",
        '  B            lift the selected ban',
        '  ?            show or hide this help',
        '  q / Ctrl-C   quit',
        'Changes ask y/n first. Esc or ? closes this help.',
        '',
      ].join('\n'),
    );
  });
});
