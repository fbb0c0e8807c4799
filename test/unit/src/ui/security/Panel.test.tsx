import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { Panel } from '../../../../../src/ui/security/Panel.js';

const rows = Array.from({ length: 10 }, (_, i) => <Text key={i}>row {i}</Text>);

function frame(selected: number, focused = true, height = 4): string {
  return plain(
    render(
      <Panel
        title="Rows"
        focused={focused}
        color={false}
        rows={rows}
        selected={selected}
        height={height}
        empty="none"
      />,
    ).lastFrame() ?? '',
  );
}

describe('Panel', () => {
  it('shows the first rows with the cursor on the selected one', () => {
    assert.equal(frame(1), '▶ Rows (10)\n    row 0\n  › row 1\n    row 2\n    row 3\n');
  });

  it('scrolls to keep the selected row in view', () => {
    assert.equal(frame(6), '▶ Rows (10)\n    row 4\n    row 5\n  › row 6\n    row 7\n');
    assert.equal(frame(9), '▶ Rows (10)\n    row 6\n    row 7\n    row 8\n  › row 9\n');
  });

  it('draws no cursor when not focused', () => {
    assert.equal(frame(1, false, 2), '  Rows (10)\n    row 0\n    row 1\n');
  });

  it('shows the empty text when there are no rows', () => {
    const { lastFrame } = render(
      <Panel title="Rows" focused color={false} rows={[]} selected={-1} empty="none yet" />,
    );
    assert.equal(plain(lastFrame() ?? ''), '▶ Rows (0)\n    none yet\n');
  });
});
