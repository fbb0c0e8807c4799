/**
 * A reader that closes its end early (`clickup-brain monitoring --help | head -1`) ends the CLI
 * quietly, with the exit status it would have had, and nothing on stderr.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { cliBin } from '../helpers/home.js';

it('exits 0 with nothing on stderr when stdout is closed before the help is written', () => {
  // The shell pipes into a reader that exits at once, five times over, so the
  // CLI writes into a pipe whose reader has gone (EPIPE) at least some of the time.
  const script = `for i in 1 2 3 4 5; do "${process.execPath}" "${cliBin}" monitoring --help | true; echo "rc=\${PIPESTATUS[0]}"; done`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.stdout, 'rc=0\n'.repeat(5));
});
