/**
 * @module Test helper: whether a system program a test drives (tmux, promtool, htpasswd, the
 * alertmanager…) is installed, and the failure that names the package to install when a test
 * needs it. A test that needs a tool fails rather than skips when it is missing, so that a
 * machine without it cannot pass silently; the few that skip decide so themselves with onPath.
 */
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** True when an executable called `bin` is in one of PATH's folders. */
export function onPath(bin: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/**
 * Fails (never skips) when `bin` is not on PATH, with `this test needs <needs>, which is not on
 * PATH. Install the Debian package: <install>`.
 * @example requireOnPath('promtool', 'promtool (Prometheus’s checker)', 'apt-get install -y prometheus')
 */
export function requireOnPath(bin: string, needs: string, install: string): void {
  if (!onPath(bin))
    assert.fail(
      `this test needs ${needs}, which is not on PATH. Install the Debian package: ${install}`,
    );
}
