import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Prompt } from '../../../../../src/ui/monitoring/Prompt.js';
import type { PromptState } from '../../../../../src/ui/monitoring/dashboard-keys.js';
import { alert } from './fixtures.js';

function lines(prompt: PromptState): string[] {
  const { lastFrame } = render(<Prompt prompt={prompt} color={false} />);
  return (lastFrame() ?? '').split('\n').map((l) => l.replace(/ *│$/u, '').replace(/^│/u, ''));
}

const base: PromptState = {
  kind: 'ack',
  alert: alert('a1'),
  field: 'comment',
  comment: 'on it',
  duration: '',
  error: null,
};

test('ack: the alert, the comment being typed, the duration with its default', () => {
  assert.deepEqual(lines(base).slice(1, -1), [
    ' Acknowledge HighCPU (warning)',
    ' › comment: on it▏',
    '   duration (1h):',
    ' Tab next field · Enter confirm · Esc cancel',
  ]);
});

test('silence: the matchers, the duration field active, and an error', () => {
  const l = lines({ ...base, kind: 'silence', field: 'duration', duration: '3h', error: 'bad' });
  assert.deepEqual(l.slice(1, -1), [
    ' Silence HighCPU (warning)',
    ' matchers: alertname="HighCPU", host="web1"',
    '   comment: on it',
    ' › duration (2h): 3h▏',
    ' bad',
    ' Tab next field · Enter confirm · Esc cancel',
  ]);
});
