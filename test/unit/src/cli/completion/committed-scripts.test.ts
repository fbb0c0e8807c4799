/**
 * The committed completions/ against what the CLI's command tree generates now, and the tree's
 * value-taking options against the hints (a new option that takes a name must be mapped).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  completionFiles,
  completionsDir,
  programSpec,
} from '../../../../../scripts/completions.js';

describe('completions/', () => {
  const spec = programSpec();

  for (const [name, generated] of Object.entries(completionFiles(spec))) {
    it(`completions/${name} matches the command tree`, () => {
      const committed = readFileSync(join(completionsDir, name), 'utf8');
      assert.ok(committed === generated, `completions/${name} is stale: run npm run completions`);
    });
  }

  it('maps every option value and argument of the CLI (or marks it free text)', () => {
    assert.deepEqual(spec.unmapped, []);
  });

  it('covers the commands, the dynamic kinds and the fixed lists', () => {
    const bash = completionFiles(spec)['clickup-brain.bash'] as string;
    assert.match(bash, /'\) reply=\(monitoring security daemon config completion help\) ;;/);
    assert.match(bash, /'monitoring\|--remove-rule\|1'\) _clickup_brain_dynamic rule ;;/);
    assert.match(bash, /'security\|--unlock\|1'\) _clickup_brain_dynamic user ;;/);
    assert.match(bash, /'monitoring\|--test-channel\|1'\) _clickup_brain_dynamic channel ;;/);
    assert.match(bash, /'completion\|1'\) _clickup_brain_words bash zsh fish ;;/);
    assert.match(bash, /'config get\|1'\) _clickup_brain_words monitoring\.scrapeInterval /);
    assert.doesNotMatch(bash, /__complete'?\)/);
  });
});
