import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { FilterBar } from '../../../../../src/ui/monitoring/FilterBar.js';

const frame = (props: Parameters<typeof FilterBar>[0]): string =>
  render(<FilterBar {...props} />).lastFrame() ?? '';

test('no filter: the main keys', () => {
  assert.equal(
    frame({ filter: '', editing: false, notice: null }),
    'Tab/←→ panel ↑↓ row Enter detail / filter a ack s silence ? help q quit',
  );
});

test('typing a filter shows it with a cursor', () => {
  assert.equal(
    frame({ filter: 'cpu', editing: true, notice: null }),
    '/cpu▏ (Enter keeps, Esc clears)',
  );
  assert.equal(
    frame({ filter: 'cpu', editing: true, notice: 'acknowledged' }),
    '/cpu▏ (Enter keeps, Esc clears)',
    'typing wins over a notice',
  );
});

test('a filter in force, and a notice', () => {
  assert.equal(
    frame({ filter: 'cpu', editing: false, notice: null }),
    'filter: cpu (/ edit, Esc clears)',
  );
  assert.equal(frame({ filter: 'cpu', editing: false, notice: 'silenced x' }), 'silenced x');
});
