import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { HelpOverlay } from '../../../../../src/ui/monitoring/HelpOverlay.js';

test('lists every key', () => {
  const lines = (render(<HelpOverlay />).lastFrame() ?? '')
    .split('\n')
    .map((l) => l.replace(/ *│$/u, '').replace(/^│ /u, ''));
  assert.deepEqual(lines.slice(1, -1), [
    'Keys',
    'Tab / Shift-Tab, ← →       move between panels',
    '↑ ↓ (j k), PgUp PgDn       move between rows',
    'Enter                      details of the selected row',
    'Esc                        back; clears the filter',
    '← → or 1-4 (in a chart)    range: 15m, 1h, 6h, 24h',
    '/                          filter rows by text',
    'a                          acknowledge the selected alert',
    's                          silence the selected alert',
    '?                          this help',
    'q, Ctrl-C                  quit',
    'any key closes this help',
  ]);
});
