import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Panel } from '../../../../../src/ui/monitoring/Panel.js';
import { Row } from '../../../../../src/ui/monitoring/Row.js';

test('Panel: a fixed-size box, the focused one marked ▶, rows past its height hidden', () => {
  const { lastFrame } = render(
    <Panel title="T" focused color={false} width={12} rows={1}>
      <Row text="one" selected={false} focused tone={undefined} />
      <Row text="two" selected={false} focused tone={undefined} />
    </Panel>,
  );
  assert.equal(
    lastFrame(),
    ['┌──────────┐', '│▶ T       │', '│ one      │', '└──────────┘'].join('\n'),
  );
  const unfocused = render(
    <Panel title="T" focused={false} color={false} width={12} rows={0} />,
  ).lastFrame();
  assert.equal(unfocused, ['┌──────────┐', '│  T       │', '└──────────┘'].join('\n'));
});

test('Row: › on the selected row, cut instead of wrapped', () => {
  const { lastFrame } = render(
    <Panel title="T" focused={false} color={false} width={12} rows={2}>
      <Row text="abcdefghijklmn" selected focused={false} tone={undefined} />
      <Row text="xyz" selected={false} focused={false} tone={undefined} />
    </Panel>,
  );
  assert.deepEqual((lastFrame() ?? '').split('\n').slice(2, 4), ['│›abcdefgh…│', '│ xyz      │']);
});
