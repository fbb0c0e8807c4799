import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { ConfirmPrompt } from '../../../../../src/ui/security/ConfirmPrompt.js';

describe('ConfirmPrompt', () => {
  it('asks a y/n question', () => {
    const { lastFrame } = render(<ConfirmPrompt question="Unlock bob? y/n" color={false} />);
    assert.equal(plain(lastFrame() ?? ''), 'Unlock bob? y/n');
  });

  it('shows typed text, a hint and an error', () => {
    const { lastFrame } = render(
      <ConfirmPrompt
        question="Ban 1.2.3.4 for how long?"
        input="2x"
        hint="Enter for 1h"
        error="'2x' is not a duration"
        color={false}
      />,
    );
    assert.equal(
      plain(lastFrame() ?? ''),
      "Ban 1.2.3.4 for how long? 2x_\nEnter for 1h\n'2x' is not a duration",
    );
  });
});
