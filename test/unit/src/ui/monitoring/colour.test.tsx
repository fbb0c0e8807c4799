/**
 * Ink decides whether to emit colours when it is loaded, so this file forces colour support
 * first and imports the views afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clock, sampleData } from './fixtures.js';
import { settle } from './settle.js';

process.env['FORCE_COLOR'] = '1';
const { render } = await import('ink-testing-library');
const { DashboardApp } = await import('../../../../../src/ui/monitoring/DashboardApp.js');
const { fakeSource } = await import('./fake-source.js');

// SGR foreground colours: 30-37, 90-97, and 38;… (256 and true colour).
const COLOUR = /\u001B\[(?:3[0-7]|9[0-7]|38;[0-9;]+)m/u;

test('color: severities, states and the focused border are coloured', async () => {
  const { lastFrame, unmount } = render(
    <DashboardApp source={fakeSource(sampleData())} color clock={clock} />,
  );
  await settle();
  const frame = lastFrame() ?? '';
  assert.match(frame, /\u001B\[31m[^\n]*critical/u, 'critical in red');
  assert.match(frame, /\u001B\[33m[^\n]*warning/u, 'warning in yellow');
  assert.match(frame, /\u001B\[32m[^\n]*api/u, 'an up check in green');
  assert.match(frame, /\u001B\[36m┌/u, 'the focused panel has a cyan border');
  unmount();
});

test('NO_COLOR (color false): no colour codes at all, only inverse and bold for focus', async () => {
  const { lastFrame, unmount } = render(
    <DashboardApp source={fakeSource(sampleData())} color={false} clock={clock} />,
  );
  await settle();
  const frame = lastFrame() ?? '';
  assert.doesNotMatch(frame, COLOUR);
  assert.match(frame, /\u001B\[7m›critical/u, 'the selected row is inverse');
  unmount();
});
