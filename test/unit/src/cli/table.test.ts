import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderPairs, renderTable, visibleWidth } from '../../../../src/cli/table.js';

describe('visibleWidth', () => {
  test('ignores ANSI colour codes and counts code points', () => {
    assert.equal(visibleWidth('abc'), 3);
    assert.equal(visibleWidth('\x1b[31mred\x1b[39m'), 3);
    assert.equal(visibleWidth('\x1b[1;32mok\x1b[0m'), 2);
    assert.equal(visibleWidth('héllo'), 5);
    assert.equal(visibleWidth(''), 0);
  });
});

describe('renderTable', () => {
  test('aligns columns to the widest cell, two spaces apart, last column unpadded', () => {
    const out = renderTable(
      ['NAME', 'STATUS', 'DETAIL'],
      [
        ['disk', 'healthy', '80% used'],
        ['event_loop', 'ok', 'x'],
      ],
    );
    assert.equal(
      out,
      [
        'NAME        STATUS   DETAIL',
        'disk        healthy  80% used',
        'event_loop  ok       x',
      ].join('\n'),
    );
    for (const line of out.split('\n')) assert.equal(line, line.trimEnd());
  });

  test('colour codes do not disturb alignment', () => {
    const out = renderTable(
      ['A', 'B'],
      [
        ['\x1b[32mgreen\x1b[39m', '1'],
        ['red', '2'],
      ],
    );
    assert.equal(out, ['A      B', '\x1b[32mgreen\x1b[39m  1', 'red    2'].join('\n'));
  });

  test('no rows: only the header', () => {
    assert.equal(renderTable(['KEY', 'VALUE'], []), 'KEY  VALUE');
  });

  test('short rows leave no trailing spaces', () => {
    assert.equal(renderTable(['A', 'B', 'C'], [['x']]), 'A  B  C\nx');
  });

  test('an empty last cell leaves no trailing spaces', () => {
    assert.equal(renderTable(['A', 'B'], [['long value', '']]), 'A           B\nlong value');
  });
});

describe('renderPairs', () => {
  test('aligns labels', () => {
    assert.equal(
      renderPairs([
        ['pid', '42'],
        ['version', '0.1.0'],
      ]),
      'pid      42\nversion  0.1.0',
    );
  });
});
